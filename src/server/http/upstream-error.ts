/**
 * Maps a failed API call to the answer a browser gets, by what the browser (and its user) can do about it:
 * - `reauthorize` (the code or refresh token was refused): 400, the user connects again; a replayed or
 *   expired code is the user's, not an outage;
 * - a passing failure (429, 502, 503, 504): 503 with `Retry-After` when the API gave one;
 * - `timeout`: 504; anything else from the API: 502.
 * Only a fixed message, the status and a code from {@link SHOWN_UPSTREAM_CODES} are passed on, never the
 * API's text, nor a code merely shaped like one: an upstream that echoes the request is how credentials
 * leak, and a secret is as much an identifier as `invalid_request` is.
 * Anything that is not an API error is our own bug: a bare 500.
 */
import { NrichApiError } from '../client/api-error.js';
import { errorResponse } from './json-response.js';

/** The API error codes a browser may see: the OAuth 2.0 ones (RFC 6749, 6750) and the API's rate limit. */
const SHOWN_UPSTREAM_CODES: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'invalid_token',
  'insufficient_scope',
  'server_error',
  'temporarily_unavailable',
  'rate_limit_exceeded',
]);

/** A failure as the browser gets it: status, the flat `{ error, message }`, and `Retry-After` when the API gave one. */
interface UpstreamAnswer {
  status: number;
  error: string;
  message: string;
  retryAfter?: number;
}

export function upstreamErrorResponse(error: unknown): Response {
  const answer = upstreamAnswer(error);
  const headers: Record<string, string> =
    answer.retryAfter === undefined ? {} : { 'retry-after': String(answer.retryAfter) };
  return errorResponse(answer.status, answer.error, answer.message, headers);
}

export function upstreamAnswer(error: unknown): UpstreamAnswer {
  if (!(error instanceof NrichApiError)) {
    return { status: 500, error: 'internal', message: 'The server failed to handle the request.' };
  }
  if (error.kind === 'reauthorize') {
    return {
      status: 400,
      error: 'reauthorize',
      message: 'The bank connection was refused (used, expired or revoked): connect the account again.',
    };
  }
  if (error.kind === 'timeout') {
    return { status: 504, error: 'upstream_timeout', message: 'The nrich API did not answer in time.' };
  }
  if (error.kind === 'network') {
    return { status: 502, error: 'upstream', message: 'The nrich API could not be reached.' };
  }
  if (error.retryable) {
    return {
      status: 503,
      error: 'upstream_unavailable',
      message: 'The nrich API is busy or down; try again shortly.',
      ...(error.retryAfter === undefined ? {} : { retryAfter: error.retryAfter }),
    };
  }
  const code = SHOWN_UPSTREAM_CODES.has(error.code) ? `, ${error.code}` : '';
  return {
    status: 502,
    error: 'upstream',
    message: `The nrich API refused the request (HTTP ${error.status}${code}).`,
  };
}
