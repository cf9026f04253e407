/**
 * `nrich-connect/react`: a React component for `<nrich-connect>`, made by `@lit/react`: the one way that works in
 * React 18 and 19, rendered in the browser or on the server and hydrated. It sets the element's properties and
 * adds its listeners in a layout effect, which also runs after `hydrateRoot` (React 19's own `on<event>` props on a
 * custom element get no listener while hydrating, react#35446; React 18 has none at all). It registers the element.
 *
 *   import { NrichConnect } from 'nrich-connect/react';
 *   <NrichConnect endpoint="/api/widget-link" onSuccess={(event) => send(event.detail)} />
 *
 * Needs `@lit/react` installed next to `react` (both optional peer dependencies of this package).
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { NrichConnect as NrichConnectElement } from './nrich-connect.js';
import type { AbortEvent, ConnectErrorEvent, OpenEvent, SuccessEvent } from './events.js';
import type { NrichConnectProperties } from './frameworks/element-api.js';

/**
 * The props of the React component: the element's public properties (camelCase, the list in
 * frameworks/element-api.ts, checked against the manifest) and `onSuccess`/`onAbort`/`onError`/`onOpen`. Never its
 * methods or Lit's lifecycle (`open`, `requestUpdate`, `render`...): @lit/react assigns every prop onto the
 * element, so such a prop would replace the method. Spelled out rather than taken from @lit/react's types, so that
 * without @lit/react installed the wrapper stays typed and the one error is the bundler's, naming @lit/react
 * (docs/frameworks.md).
 */
export type NrichConnectProps = Omit<React.HTMLAttributes<HTMLElement>, keyof ElementProps | keyof EventProps> &
  ElementProps &
  EventProps &
  React.RefAttributes<NrichConnectElement>;
type ElementProps = NrichConnectProperties;
interface EventProps {
  onSuccess?: (event: SuccessEvent) => void;
  onAbort?: (event: AbortEvent) => void;
  onError?: (event: ConnectErrorEvent) => void;
  onOpen?: (event: OpenEvent) => void;
}

export const NrichConnect: React.ForwardRefExoticComponent<NrichConnectProps> = createComponent({
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
