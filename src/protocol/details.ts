/**
 * What a flow's end says to the page: the details of the element's `success`, `abort` and `error` events (the
 * event classes are in src/events.ts, which re-exports these). Snake_case as the API has it (`flow_id`), so a page
 * can post them to its backend unchanged.
 */

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
