/**
 * The answer when the code was exchanged and the tokens stored, but the host's `onConnected` threw (typically:
 * fetching the one-time data while the API is down or rate-limited). The user IS connected, and the flow stays
 * finishable: the same session posting the same success detail again, within the flow's hour, runs
 * `onConnected` again with the stored tokens (the code is not exchanged twice).
 *
 * An API failure keeps `upstreamErrorResponse`'s status and `Retry-After` (503 busy or down, 504, 502; 400 when
 * the API refused the tokens); anything else is 500. `retryable` is false only for that refusal (`reauthorize`):
 * a retry would be refused the same way. `cause` is the mapped error code; never a token, never the API's text.
 */
import { NrichApiError } from '../client/api-error.js';
import { jsonResponse } from './json-response.js';
import { upstreamAnswer } from './upstream-error.js';

export function finishFailedResponse(error: unknown, flowId: string): Response {
  const mapped = upstreamAnswer(error);
  const retryable = !(error instanceof NrichApiError && error.kind === 'reauthorize');
  return jsonResponse(
    {
      error: 'finish_failed',
      message: `Connected, but the server failed to finish: ${mapped.message}${
        retryable ? ' Post the same success detail again to finish.' : ''
      }`,
      cause: mapped.error,
      connected: true,
      retryable,
      flow_id: flowId,
    },
    mapped.status,
    mapped.retryAfter === undefined ? {} : { 'retry-after': String(mapped.retryAfter) },
  );
}
