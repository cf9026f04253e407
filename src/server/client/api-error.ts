/**
 * The errors of the API. `NrichApiError` is the one type a failed API call throws, so hosts branch
 * on `kind` (what to do) or `status`/`code` (what the API said) without parsing text. It is built from
 * already-redacted parts: nothing here ever holds a secret or a token.
 */
import { NrichError } from '../errors.js';

/**
 * What a host should do about a failed call:
 * - `reauthorize`: the code or refresh token was refused (`invalid_grant`: used, expired, revoked); the
 *   user has to connect again.
 * - `unauthorized`: the access token was refused (401 on a data call); refresh it and try again.
 * - `client_auth`: the API refused the client id or secret; fix the configuration.
 * - `forbidden`: 403 on a data call (no consent for this data).
 * - `not_found`: 404, or 410 (for one-time flows: the data was deleted an hour after the flow).
 * - `bad_request`: any other 4xx; the request itself is wrong.
 * - `rate_limited`: 429, or a 503 that says "rate limit"; wait `retryAfter` seconds.
 * - `upstream_down`: 5xx.
 * - `network`, `timeout`: no answer arrived.
 * - `aborted`: the caller's `AbortSignal` ended the call.
 * - `invalid_response`: a success without the documented fields.
 */
type NrichErrorKind =
  | 'reauthorize'
  | 'unauthorized'
  | 'client_auth'
  | 'forbidden'
  | 'not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'upstream_down'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid_response';

/**
 * `code` values the client itself uses when the API gave none (any other `code` of an `NrichApiError` is the
 * API's own, e.g. `invalid_grant`). docs/errors.md lists them; a test holds the two together.
 */
export const CLIENT_ERROR_CODES = {
  network: 'No answer arrived: the connection failed or was dropped.',
  timeout: 'No answer within `timeoutMs`.',
  aborted: "The caller's AbortSignal ended the call.",
  invalid_response: 'A success without the documented fields, or a body that is not JSON.',
  http_error: 'An error status whose body named no code.',
  response_too_large: 'An answer above the size the client reads.',
  too_many_pages: 'A page walk that did not end within its bound.',
  unstable_listing: 'The transaction list kept changing under a `syncTransactions` walk (five restarts in one call).',
} as const;

interface NrichApiErrorInit {
  status: number;
  code: string;
  message: string;
  endpoint: string;
  kind: NrichErrorKind;
  /** The API's longer explanation, when it gave one. */
  description?: string;
  /** Seconds, from the answer's `Retry-After`. */
  retryAfter?: number;
  cause?: unknown;
}

export class NrichApiError extends NrichError {
  override readonly name = 'NrichApiError';
  /** HTTP status from the API; 0 when no answer arrived (network failure, timeout, abort). */
  readonly status: number;
  /** The API's error code (e.g. `invalid_grant`), or one of the client's own (`CLIENT_ERROR_CODES`, docs/errors.md). */
  readonly code: string;
  /** Which call failed, e.g. `POST /auth/token`: says where without saying with what. */
  readonly endpoint: string;
  readonly kind: NrichErrorKind;
  readonly description: string | undefined;
  /**
   * The same call may succeed later (network, timeout, 429, 502, 503, 504). The client retries reads
   * and flow starts on its own; it never retries a code exchange or a refresh.
   */
  readonly retryable: boolean;

  constructor(init: NrichApiErrorInit) {
    // `retryAfter`: seconds the API asked to wait before trying again (`Retry-After`), when it said.
    super(init.message, { retryAfter: init.retryAfter, cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.kind = init.kind;
    this.description = init.description;
    this.retryable =
      init.kind === 'network' ||
      init.kind === 'timeout' ||
      init.kind === 'rate_limited' ||
      [502, 503, 504].includes(init.status);
  }
}

export function isNrichApiError(value: unknown): value is NrichApiError {
  return value instanceof NrichApiError;
}

/**
 * The kind of an API answer. `basicAuth`: the call authenticated the client (flow start, token), so a 401
 * is about the client credentials; otherwise it carried a user's access token.
 */
export function kindOf(status: number, code: string, message: string, basicAuth: boolean): NrichErrorKind {
  if (code === 'invalid_grant' || /revoked|expired_refresh|refresh_token_expired/i.test(code)) return 'reauthorize';
  if (status === 401 || status === 403) {
    if (basicAuth || code === 'invalid_client') return 'client_auth';
    return status === 401 ? 'unauthorized' : 'forbidden';
  }
  if (status === 404 || status === 410) return 'not_found';
  if (status === 429 || (status === 503 && /rate.?limit/i.test(`${code} ${message}`))) return 'rate_limited';
  if (status >= 500) return 'upstream_down';
  return 'bad_request';
}
