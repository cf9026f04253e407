import { savePendingRedirect } from '../flow/pending-redirect.js';
import type { PendingFlow } from '../flow/outcome.js';
import type { Presenter } from './presenter.js';

/** The whole page goes to the widget; the result is read when the user comes back (see redirect-result.ts). */
export class RedirectPresenter implements Presenter {
  readonly mode = 'redirect';
  readonly channel = 'none';
  readonly widgetWindow = null;

  show(location: URL, flow: PendingFlow): void {
    savePendingRedirect(flow);
    window.location.assign(location.href);
  }

  dispose(): void {}
}
