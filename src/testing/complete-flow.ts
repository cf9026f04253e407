/**
 * Completes the flow whose widget is on screen, through the sandbox rather than through the widget's frame: the
 * sandbox tells that widget page to press the outcome's button itself (the same click path a user takes), so it
 * works from any runner, in every mode (overlay, inline, popup, redirect), without reaching into a cross-origin
 * frame. Plain `fetch`, no Node built-ins: usable from a Node test process and from a browser-side spec alike.
 */

export type SandboxOutcome = 'authorize' | 'cancel' | 'fail';

/** Where a sandbox runs and how to authenticate to it: what `startSandbox()` returns, or what the CLI prints. */
export interface SandboxTarget {
  url: string;
  credentials: { clientId: string; clientSecret: string };
}

export interface CompleteFlowOptions {
  /** Which button the widget presses. Default `authorize`. */
  outcome?: SandboxOutcome;
  /** A specific flow (the `open` event's flow id); default: the most recently opened widget. */
  flowId?: string;
  /** How long the sandbox waits for a widget page to be open, in ms. Default 10 000. */
  timeout?: number;
}

export interface CompletedFlow {
  flowId: string;
  outcome: SandboxOutcome;
}

/** The control request, for runners that send HTTP themselves (Cypress: `cy.request(completeFlowRequest(...))`). */
export interface ControlRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds the request may take: the sandbox's wait plus a margin. */
  timeout: number;
}

export const DEFAULT_COMPLETE_TIMEOUT_MS = 10_000;
const OUTCOMES: readonly SandboxOutcome[] = ['authorize', 'cancel', 'fail'];

/** Thrown when the sandbox refuses (no open widget in time, unknown flow, flow already ended, bad credentials). */
export class SandboxControlError extends Error {
  override readonly name = 'SandboxControlError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function completeFlowRequest(sandbox: SandboxTarget, options: CompleteFlowOptions = {}): ControlRequest {
  const outcome = options.outcome ?? 'authorize';
  if (!OUTCOMES.includes(outcome)) throw new TypeError(`outcome must be one of ${OUTCOMES.join(', ')}.`);
  const timeout = options.timeout ?? DEFAULT_COMPLETE_TIMEOUT_MS;
  if (!Number.isInteger(timeout) || timeout < 0) throw new TypeError('timeout must be a whole number of ms.');
  const { clientId, clientSecret } = sandbox.credentials;
  return {
    method: 'POST',
    url: `${sandbox.url.replace(/\/+$/, '')}/_sandbox/complete`,
    headers: {
      'content-type': 'application/json',
      authorization: basicAuthorization(clientId, clientSecret),
    },
    body: JSON.stringify({ outcome, flow_id: options.flowId, timeout }),
    timeout: timeout + 5_000,
  };
}

/**
 * Resolves once the widget has been told to press the button; the page then receives the result as from a user
 * (wait for your page to show it). Rejects with `SandboxControlError` when no widget was open within `timeout`.
 */
export async function completeFlow(sandbox: SandboxTarget, options: CompleteFlowOptions = {}): Promise<CompletedFlow> {
  const request = completeFlowRequest(sandbox, options);
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(request.timeout),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    // Nested `{ error: { code, message } }` (the API family's shape) or flat `{ error, message }`.
    const nested = typeof body['error'] === 'object' && body['error'] !== null ? (body['error'] as typeof body) : {};
    const code = nested['code'] ?? body['error'];
    const message = nested['message'] ?? body['message'];
    throw new SandboxControlError(
      response.status,
      typeof code === 'string' ? code : `http_${response.status}`,
      typeof message === 'string' ? message : `The sandbox answered ${response.status}.`,
    );
  }
  return { flowId: String(body['flow_id']), outcome: body['outcome'] as SandboxOutcome };
}

/** HTTP Basic over the UTF-8 bytes (as the sandbox reads it); `btoa` alone throws on a non-Latin-1 character. */
function basicAuthorization(user: string, password: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
