/**
 * The return from redirect mode, for pages that want the result without rendering the element
 * (the element does the same on its own when it is on the `redirect_uri` page: see page-return.ts).
 */
import { decideOutcome, type Outcome } from '../protocol/outcome.js';
import { isWidgetCallback, parseCallbackQuery } from '../protocol/widget-result.js';
import { cleanAddressBar } from './address-bar.js';
import { takePendingRedirect } from './pending-redirect.js';
import { relayCallback } from './relay.js';

/** A callback this tab did not start a flow for: forged, stale, another tab's, or opened by hand. */
const noPendingFlow: Outcome = {
  type: 'error',
  code: 'state-mismatch',
  message: 'No bank connection was started from this tab.',
};

/** What this page's address says: the outcome, and the element (`flow-key` or `id`) whose flow it ends. */
export interface RedirectReturn {
  outcome: Outcome;
  flowKey?: string;
}

/**
 * Reads this page's widget callback, if it carries one (its full parameter set, see `isWidgetCallback`):
 * - the return of a redirect-mode flow this tab started (a pending entry under its state): that flow's checked
 *   outcome, the entry consumed, the address bar cleaned;
 * - otherwise a popup's callback: relayed to the opener, and the window closes (null);
 * - a window that stays open with such a callback (forged, stale, another tab's): `state-mismatch`.
 */
export function readRedirectReturn(): RedirectReturn | null {
  const params = new URLSearchParams(window.location.search);
  const result = parseCallbackQuery(params);
  if (!result || !isWidgetCallback(params)) return null;
  const pending = takePendingRedirect(result.state);
  if (pending) {
    cleanAddressBar();
    return { outcome: decideOutcome(result, pending), ...(pending.flowKey ? { flowKey: pending.flowKey } : {}) };
  }
  relayCallback();
  return window.closed ? null : { outcome: noPendingFlow };
}

/**
 * Reads the widget's callback query from the address bar, checks it against the flow this tab started, clears that
 * flow and cleans the address bar. Null when the URL carries no widget result. A callback this tab did not start
 * (forged, stale, another tab's) is `state-mismatch`, never a success.
 */
export function handleRedirectResult(): Outcome | null {
  const params = new URLSearchParams(window.location.search);
  const result = parseCallbackQuery(params);
  if (!result || !isWidgetCallback(params)) return null;
  cleanAddressBar();
  const pending = takePendingRedirect(result.state);
  return pending ? decideOutcome(result, pending) : noPendingFlow;
}
