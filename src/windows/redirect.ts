import { savePendingRedirect, type PendingRedirect } from '../return/pending-redirect.js';

/**
 * Redirect mode: the whole page goes to the widget. The pending flow waits in this tab's storage for the way back
 * (src/return/), where the result is checked against it.
 */
export function redirectToWidget(location: URL, flow: Omit<PendingRedirect, 'mode'>): void {
  savePendingRedirect(flow);
  window.location.assign(location.href);
}

/**
 * Resolves when the back/forward cache brings this page back (`pageshow` with `persisted`): a page that left for
 * the widget and is shown again as it was, its flow still waiting for a return that will not come here.
 */
export function pageRestored(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    window.addEventListener('pageshow', (event) => event.persisted && resolve(), { signal });
  });
}
