/**
 * `nrich-connect/react-jsx`: JSX typings for `<nrich-connect>` in React 19, which renders custom elements natively.
 * Import it once for its types (`import type {} from 'nrich-connect/react-jsx'`) next to the registering
 * `import 'nrich-connect/define'`.
 *
 * React 19 passes a prop named `on` + event name to `addEventListener` with the rest of the name as is, so the
 * element's events are `onsuccess`, `onabort`, `onerror` and `onopen`, all lower case. React's own camelCase
 * `onError` / `onAbort` are its synthetic events, which never see a custom element's events: left out on purpose,
 * so writing them is a type error instead of a silent no-op.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { NrichConnect } from '../element/nrich-connect.component.js';
import type { NrichConnectAttributes, NrichConnectEventMap, NrichConnectObjectProperties } from './element-api.js';

/** `onsuccess={(event) => event.detail.code}` and friends: each listener gets the element's typed event. */
export type NrichConnectJsxEvents = {
  [K in keyof NrichConnectEventMap as `on${K}`]?: (event: NrichConnectEventMap[K]) => void;
};

export type NrichConnectJsxProps = Omit<
  DetailedHTMLProps<HTMLAttributes<NrichConnect>, NrichConnect>,
  'onError' | 'onAbort'
> &
  NrichConnectAttributes &
  NrichConnectObjectProperties &
  NrichConnectJsxEvents;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX lives in a namespace
  namespace JSX {
    interface IntrinsicElements {
      'nrich-connect': NrichConnectJsxProps;
    }
  }
}
