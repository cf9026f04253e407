import type { Strings } from '../element/strings.js';
import type { Mode } from '../events.js';
import type { PendingFlow } from '../flow/outcome.js';

/** What a presenter gets from the element: where to put its UI, its texts, and who to tell what the user did. */
export interface PresenterContext {
  root: ShadowRoot;
  strings: Strings;
  /** The user closed what the presenter shows (close button, Escape, ...). */
  onDismiss(): void;
  /** The popup looks closed (or was severed by COOP), or is back after a reopen. */
  onWindowClosed?(closed: boolean): void;
  /** The popup stayed closed for the grace period: the user is taken to have closed it. */
  onGiveUp?(): void;
  /** The popup presenter, for the element's "continue", "reopen" buttons. */
  onPopup?(popup: { focus(): void; reopen(): void }): void;
}

/**
 * How the result of a presenter's widget comes back:
 * `widget`: the framed widget posts it from its own origin (overlay, inline);
 * `relay`: the widget navigates to `redirect_uri`, whose page relays it from this page's origin (popup);
 * `none`: this page is left, and the result is read on return (redirect).
 */
export type ResultChannel = 'widget' | 'relay' | 'none';

/**
 * One way of showing the widget (overlay, popup, inline, redirect). A presenter shows and removes UI; it never
 * reads messages or dispatches events: the flow owns the outcome.
 */
export interface Presenter {
  /** Reported in the `open` event: a blocked popup that fell back to the overlay says `overlay`. */
  readonly mode: Mode;
  readonly channel: ResultChannel;
  /** Shows the widget at an already checked location. */
  show(location: URL, flow: PendingFlow): void;
  /** The window the widget (or the relay page) runs in: only its messages count. */
  readonly widgetWindow: Window | null;
  /** Removes everything it opened; safe to call twice. */
  dispose(): void;
}
