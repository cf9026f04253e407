/**
 * Maps a failed API call to the answer a browser gets. Only status and error code are passed on, never
 * the API's text: the browser needs to know *that* the upstream failed, and an echoed body is how
 * credentials leak. Anything that is not an API error is our own bug: a bare 500.
 */
import { NrichApiError } from './errors.js';
import { errorResponse } from './json-response.js';

export function upstreamErrorResponse(error: unknown): Response {
  if (!(error instanceof NrichApiError)) {
    return errorResponse(500, 'internal', 'The server failed to handle the request.');
  }
  return errorResponse(502, 'upstream', describeUpstreamFailure(error));
}

export function describeUpstreamFailure(error: NrichApiError): string {
  if (error.code === 'timeout') return 'The nrich API did not answer in time.';
  if (error.code === 'network') return 'The nrich API could not be reached.';
  const code = error.code === 'http_error' ? '' : `, ${error.code}`;
  return `The nrich API refused the request (HTTP ${error.status}${code}).`;
}
