import type { PendingFlow } from '../flow/outcome.js';
import { savePendingRedirect } from '../return/pending-redirect.js';

/**
 * Redirect mode: the whole page goes to the widget. The pending flow waits in this tab's storage for the way back
 * (src/return/), where the result is checked against it.
 */
export function redirectToWidget(location: URL, flow: PendingFlow): void {
  savePendingRedirect(flow);
  window.location.assign(location.href);
}
