import type { Outcome } from '../flow/outcome.js';
import { parseCallbackQuery } from '../flow/widget-result.js';
import { hasPendingRedirect } from './pending-redirect.js';
import { handleRedirectResult, noPendingFlow } from './redirect-result.js';
import { relayCallback } from './relay.js';

let taken = false;

/**
 * When this page is a `redirect_uri` a flow returned to, the outcome to report (once per page, whichever element
 * asks first):
 * - a redirect-mode flow this tab started: its checked result;
 * - a popup's callback: relayed to the opener, and the popup closes (nothing to report here);
 * - anything else (forged, stale, opened by hand): `state-mismatch`.
 * Reported once the page's scripts have run, so listeners added after the element loaded still hear it. Never
 * rejects: a result that cannot be read (storage refused, ...) is an `internal` error, not lost in silence.
 */
export async function takeReturnOutcome(): Promise<Outcome | null> {
  const params = new URLSearchParams(window.location.search);
  if (taken || !params.has('success') || !parseCallbackQuery(params)) return null;
  taken = true;
  let outcome: Outcome | null;
  try {
    if (hasPendingRedirect()) {
      outcome = handleRedirectResult();
    } else {
      relayCallback();
      if (window.closed) return null;
      outcome = noPendingFlow;
    }
  } catch (error) {
    outcome = { type: 'error', code: 'internal', message: `The widget's result could not be read: ${String(error)}` };
  }
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  await new Promise((resolve) => setTimeout(resolve));
  return outcome;
}
