import type { Outcome } from '../protocol/outcome.js';
import { readRedirectReturn, type RedirectReturn } from './redirect-result.js';

let pageReturn: RedirectReturn | null | undefined;
let delivered = false;

/**
 * When this page is a `redirect_uri` a flow returned to, the outcome `element` should report (once per page):
 * - a redirect-mode flow this tab started: its checked result, for the element that started it (its `flow-key`
 *   or `id`, recorded with the pending flow); any element when it had neither, or when no such element is here;
 * - a popup's callback: relayed to the opener, and the popup closes (nothing to report here);
 * - anything else (forged, stale, opened by hand): `state-mismatch`, for the first element that asks.
 * Reported once the page's scripts have run. Never rejects: a result that cannot be read (storage refused, ...)
 * is an `internal` error, not lost in silence.
 */
export async function takeReturnOutcome(element: Element, flowKey: string | undefined): Promise<Outcome | null> {
  if (pageReturn === undefined) {
    try {
      pageReturn = readRedirectReturn();
    } catch (error) {
      const message = `The widget's result could not be read: ${String(error)}`;
      pageReturn = { outcome: { type: 'error', code: 'internal', message } };
    }
  }
  if (document.readyState === 'loading') {
    await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
  }
  await new Promise((resolve) => setTimeout(resolve));
  if (!pageReturn || delivered || !isFor(element, flowKey, pageReturn.flowKey)) return null;
  delivered = true;
  return pageReturn.outcome;
}

function isFor(element: Element, flowKey: string | undefined, owner: string | undefined): boolean {
  if (owner === undefined || owner === flowKey) return true;
  // The element that started the flow is not on this page (or not where a query finds it): any element reports.
  const elements = [...document.querySelectorAll('nrich-connect')];
  return !elements.some((other) => other !== element && (other.getAttribute('flow-key') || other.id) === owner);
}
