/**
 * The element's events: one class each with a typed `detail`, all `bubbles` + `composed` so a host can listen
 * anywhere above the element. A flow ends with exactly one of `success`, `abort` or `error`.
 */
import type { ConnectErrorCode } from './flow/connect-error.js';

export type Mode = 'overlay' | 'popup' | 'inline' | 'redirect';

export interface SuccessDetail {
  /** Authorization code for the backend's `POST /auth/token`. Single use, valid one hour. */
  code: string;
  state: string;
  flowId: string;
}

/** `widget`: cancelled inside the widget; `dismissed`: closed by the user; `host`: `close()` or element removed. */
export type AbortReason = 'widget' | 'dismissed' | 'host' | 'popup-closed';

export interface AbortDetail {
  state: string;
  flowId?: string;
  reason: AbortReason;
}

export interface ErrorDetail {
  code: ConnectErrorCode;
  message: string;
  /** HTTP status of the endpoint's answer, for `code: 'endpoint'`. */
  status?: number;
  flowId?: string;
}

export interface OpenDetail {
  flowId: string;
  mode: Mode;
}

const init = { bubbles: true, composed: true } as const;

export class SuccessEvent extends CustomEvent<SuccessDetail> {
  constructor(detail: SuccessDetail) {
    super('success', { ...init, detail });
  }
}

export class AbortEvent extends CustomEvent<AbortDetail> {
  constructor(detail: AbortDetail) {
    super('abort', { ...init, detail });
  }
}

export class ConnectErrorEvent extends CustomEvent<ErrorDetail> {
  constructor(detail: ErrorDetail) {
    super('error', { ...init, detail });
  }
}

/**
 * By convention a window-level `error` listener is a global error handler (window.onerror, error monitoring):
 * a failed bank connection is not an uncaught exception. So our `error` event bubbles through the whole document,
 * as documented, and stops there. Installed once, by the first connected element.
 */
export function keepErrorEventsOffWindow(): void {
  if (errorEventsKeptOffWindow) return;
  errorEventsKeptOffWindow = true;
  document.addEventListener('error', (event) => {
    if (event instanceof ConnectErrorEvent) event.stopPropagation();
  });
}
let errorEventsKeptOffWindow = false;

export class OpenEvent extends CustomEvent<OpenDetail> {
  constructor(detail: OpenDetail) {
    super('open', { ...init, detail });
  }
}

export interface NrichConnectEventMap {
  success: SuccessEvent;
  abort: AbortEvent;
  error: ConnectErrorEvent;
  open: OpenEvent;
}
