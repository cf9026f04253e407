/**
 * `nrich-connect/react`: a React component for `<nrich-connect>`, made by `@lit/react`, for React 18 and older,
 * which set every prop as an attribute and cannot listen to custom events. It registers the element.
 *
 *   import { NrichConnect } from 'nrich-connect/react';
 *   <NrichConnect endpoint="/api/widget-link" onSuccess={(event) => send(event.detail.code)} />
 *
 * React 19 needs no wrapper: use `<nrich-connect onsuccess=...>` with the typings of `nrich-connect/react-jsx`.
 * Needs `@lit/react` installed next to `react` (both optional peer dependencies of this package).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { NrichConnect as NrichConnectElement } from './nrich-connect.js';
import type { AbortEvent, ConnectErrorEvent, OpenEvent, SuccessEvent } from './events.js';

export const NrichConnect = createComponent({
  tagName: 'nrich-connect',
  elementClass: NrichConnectElement,
  react: React,
  events: {
    onSuccess: 'success' as EventName<SuccessEvent>,
    onAbort: 'abort' as EventName<AbortEvent>,
    onError: 'error' as EventName<ConnectErrorEvent>,
    onOpen: 'open' as EventName<OpenEvent>,
  },
  displayName: 'NrichConnect',
});

/** The props of the React component: the element's properties (camelCase) and `onSuccess`/`onAbort`/`onError`/`onOpen`. */
export type NrichConnectProps = React.ComponentProps<typeof NrichConnect>;
