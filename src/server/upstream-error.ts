/**
 * Maps a failed API call to the answer a browser gets, by what the browser (and its user) can do about it:
 * - `reauthorize` (the code or refresh token was refused): 400, the user connects again; a replayed or
 *   expired code is the user's, not an outage;
 * - a passing failure (429, 502, 503, 504): 503 with `Retry-After` when the API gave one;
 * - `timeout`: 504; anything else from the API: 502.
 * Only status and error code are passed on, never the API's text: an echoed body is how credentials leak.
 * Anything that is not an API error is our own bug: a bare 500.
 */
import { NrichApiError } from './errors.js';
import { errorResponse } from './json-response.js';

export function upstreamErrorResponse(error: unknown): Response {
  if (!(error instanceof NrichApiError)) {
    return errorResponse(500, 'internal', 'The server failed to handle the request.');
  }
  if (error.kind === 'reauthorize') {
    return errorResponse(
      400,
      'reauthorize',
      'The bank connection was refused (used, expired or revoked): connect the account again.',
    );
  }
  if (error.kind === 'timeout') return errorResponse(504, 'upstream_timeout', 'The nrich API did not answer in time.');
  if (error.kind === 'network') return errorResponse(502, 'upstream', 'The nrich API could not be reached.');
  if (error.retryable) {
    const headers: HeadersInit = error.retryAfter === undefined ? {} : { 'retry-after': String(error.retryAfter) };
    return errorResponse(503, 'upstream_unavailable', 'The nrich API is busy or down; try again shortly.', headers);
  }
  const code = error.code === 'http_error' ? '' : `, ${error.code}`;
  return errorResponse(502, 'upstream', `The nrich API refused the request (HTTP ${error.status}${code}).`);
}
