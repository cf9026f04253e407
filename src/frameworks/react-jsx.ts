/**
 * `nrich-connect/react-jsx`: JSX typings for `<nrich-connect>` in React 19, which renders custom elements natively.
 * Import it once for its types (`import type {} from 'nrich-connect/react-jsx'`) next to the registering
 * `import 'nrich-connect/define'`.
 *
 * React 19 passes a prop named `on` + event name to `addEventListener` on the element, with the rest of the name as
 * is, so the element's events are `onsuccess`, `onabort`, `onerror` and `onopen`, all lower case (the non-bubbling
 * `error` too: the listener is on the element itself). React's own camelCase `onError` / `onAbort` are its synthetic
 * media/resource events, which React never attaches to a custom element: left out of the props below on purpose, so
 * writing them is a type error instead of a silent no-op.
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
