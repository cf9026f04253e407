/**
 * The return from redirect mode, for pages that want the result without rendering the element
 * (the element does the same on its own when it is on the `redirect_uri` page: see page-return.ts).
 */
import { decideOutcome, type Outcome } from '../flow/outcome.js';
import { parseCallbackQuery } from '../flow/widget-result.js';
import { cleanAddressBar } from './address-bar.js';
import { takePendingRedirect } from './pending-redirect.js';

/** A callback this tab did not start a flow for: forged, stale, another tab's, or opened by hand. */
export const noPendingFlow: Outcome = {
  type: 'error',
  code: 'state-mismatch',
  message: 'No bank connection was started from this tab.',
};

/**
 * Reads the widget's callback query from the address bar, checks it against the flow this tab started, clears that
 * flow and cleans the address bar. Null when the URL carries no widget result. A callback this tab did not start
 * (forged, stale, another tab's) is `state-mismatch`, never a success.
 */
export function handleRedirectResult(): Outcome | null {
  const result = parseCallbackQuery(new URLSearchParams(window.location.search));
  if (!result) return null;
  cleanAddressBar();
  const pending = takePendingRedirect();
  return pending ? decideOutcome(result, pending) : noPendingFlow;
}
