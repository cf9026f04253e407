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
void props;
