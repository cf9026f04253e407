// React 18 and older: the `@lit/react` wrapper, with camelCase props and onSuccess / onAbort / onError / onOpen.
import { NrichConnect, type NrichConnectProps } from 'nrich-connect/react';
import type { NrichConnect as NrichConnectElement } from 'nrich-connect';
import { createRef } from 'react';

const ref = createRef<NrichConnectElement>();

export const ok = (
  <NrichConnect
    ref={ref}
    endpoint="/api/widget-link"
    ibanField="hidden"
    syncPeriod={90}
    onSuccess={(event) => event.detail.code.toUpperCase()}
    onAbort={(event) => event.detail.reason}
    onError={(event) => event.detail.code}
    onOpen={(event) => event.detail.mode}
  />
);

const props: NrichConnectProps = { endpoint: '/x', onSuccess: (event) => event.detail.flow_id };

// @ts-expect-error -- a success detail has no `reason`
export const wrongDetail = <NrichConnect onSuccess={(event) => event.detail.reason} />;
// @ts-expect-error -- not one of optional | required | hidden
export const wrongValue = <NrichConnect ibanField="sometimes" />;
// Methods and Lit's lifecycle are no props: @lit/react would assign them onto the element, replacing its own.
// @ts-expect-error -- `open` is a method
export const method = <NrichConnect open={() => {}} />;
// @ts-expect-error -- `requestUpdate` is Lit's
export const lifecycle: NrichConnectProps = { requestUpdate: () => {} };
// @ts-expect-error -- `connectedCallback` is the platform's
export const callback: NrichConnectProps = { connectedCallback: () => {} };
// @ts-expect-error -- `render` is Lit's
export const render = <NrichConnect render={() => null} />;
// @ts-expect-error -- `discardPreload` is a method
export const discard: NrichConnectProps = { discardPreload: () => {} };
void props;
