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

/** `widget`: canceled inside the widget; `dismissed`: closed by the user; `host`: `close()` or element removed. */
export type AbortReason = 'widget' | 'dismissed' | 'host' | 'popup-closed';

/** Machine-readable reasons a flow can fail; each ends the flow with one `error` event. */
export type ConnectErrorCode =
  | 'endpoint'
  | 'network'
  | 'timeout'
  | 'invalid-link'
  | 'invalid-iban'
  | 'state-mismatch'
  | 'flow-failed'
  | 'popup-blocked'
  | 'load'
  | 'internal'
  | 'invalid-property'
  | 'not-connected'
  | 'frame-blocked'
  | 'frame-timeout';

export interface SuccessDetail {
  /** Authorization code for the backend's `POST /auth/token`. Single use, valid one hour. */
  code: string;
  state: string;
  flow_id: string;
}

export interface AbortDetail {
  state: string;
  /** Absent when the flow ended before the widget link arrived. */
  flow_id?: string;
  reason: AbortReason;
}

export interface ErrorDetail {
  code: ConnectErrorCode;
  /** For developers, in English; the element shows its own localized text to the user. */
  message: string;
  /** HTTP status of the endpoint's answer, for `code: 'endpoint'`. */
  status?: number;
  flow_id?: string;
}

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
