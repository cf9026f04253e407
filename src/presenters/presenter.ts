import type { Strings } from '../element/strings.js';

/** What a presenter gets from the element: where to put its UI, its texts, and who to tell when the user closes it. */
export interface PresenterContext {
  root: ShadowRoot;
  strings: Strings;
  /** The user closed what the presenter shows (close button, Escape, ...). */
  onDismiss(): void;
}

/**
 * One way of showing the widget (overlay, popup, inline, redirect). A presenter shows and removes UI; it never
 * reads messages or dispatches events: the flow owns the outcome.
 */
export interface Presenter {
  /** Shows the widget at an already checked location. */
  show(location: URL): void;
  /** The window the widget runs in: only messages from it count. */
  readonly widgetWindow: Window | null;
  /** Removes everything it opened; safe to call twice. */
  dispose(): void;
}
