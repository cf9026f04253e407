/**
 * The element's events: one class each with a typed `detail`. A flow ends with exactly one of `success`, `abort`
 * or `error`. Details use the API's own snake_case (`flow_id`), so a page can post them to its backend unchanged.
 *
 * `open`, `success` and `abort` bubble and are composed: a host can listen anywhere above the element.
 * `error` does not bubble, as the platform's own `error` events on `<img>`, `<script>` or `<video>` do not: a
 * bubbling `error` would reach `window`, where error monitoring and `window.onerror` take it for an uncaught
 * exception. Listen on the element (or in the capture phase above it).
 */

export type Mode = 'overlay' | 'popup' | 'inline' | 'redirect';

// The outcomes' details are protocol/'s vocabulary (the flow produces them, the element dispatches them): defined
// there, re-exported here beside their events.
import type { AbortDetail, ErrorDetail, SuccessDetail } from './protocol/details.js';
export type { AbortDetail, AbortReason, ConnectErrorCode, ErrorDetail, SuccessDetail } from './protocol/details.js';

export interface OpenDetail {
  flow_id: string;
  /** The mode used: `overlay` when a blocked popup fell back to it. */
  mode: Mode;
}

const bubbling = { bubbles: true, composed: true } as const;

export class OpenEvent extends CustomEvent<OpenDetail> {
  constructor(detail: OpenDetail) {
    super('open', { ...bubbling, detail });
  }
}

export class SuccessEvent extends CustomEvent<SuccessDetail> {
  constructor(detail: SuccessDetail) {
    super('success', { ...bubbling, detail });
  }
}

export class AbortEvent extends CustomEvent<AbortDetail> {
  constructor(detail: AbortDetail) {
    super('abort', { ...bubbling, detail });
  }
}

/** Does not bubble (see the top of this file). */
export class ConnectErrorEvent extends CustomEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('error', { detail }); // bubbles: false, composed: false
  }
}

export interface NrichConnectEventMap {
  open: OpenEvent;
  success: SuccessEvent;
  abort: AbortEvent;
  error: ConnectErrorEvent;
}
