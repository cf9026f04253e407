import type { Presenter, PresenterContext } from './presenter.js';
import { openPopupWindow, type PopupSize } from './popup-window.js';

const pollMs = 400;

/**
 * The widget in its own window, which the element opened blank inside the click; navigated here once the link
 * arrived. The result comes back through the `redirect_uri` page's relay.
 *
 * Closed detection: a COOP page in the popup makes `popup.closed` read true while the window is open, so a
 * closed-looking popup ends nothing at once. The element offers "reopen" and "cancel" and keeps listening; only
 * after `closedGraceMs` without a result is the user taken to have closed it (`onGiveUp`).
 */
export class PopupPresenter implements Presenter {
  readonly mode = 'popup';
  readonly channel = 'relay';
  #window: Window | null;
  #location?: URL;
  #poll?: number;
  #giveUp?: number;

  constructor(
    private readonly context: PresenterContext,
    popupWindow: Window,
    private readonly options: PopupSize & { closedGraceMs: number },
  ) {
    this.#window = popupWindow;
    popupWindow.document.title = context.strings.frameTitle;
    context.onPopup?.(this);
  }

  get widgetWindow(): Window | null {
    return this.#window;
  }

  show(location: URL): void {
    this.#location = location;
    this.#window?.location.replace(location.href);
    this.#watch();
  }

  /** "Continue in the window". */
  focus(): void {
    this.#window?.focus();
  }

  /** "Reopen the window": the widget again, in a window that may have been closed. */
  reopen(): void {
    if (!this.#location) return;
    const reopened = openPopupWindow(this.options, this.#location.href);
    if (!reopened) return;
    this.#window = reopened;
    window.clearTimeout(this.#giveUp);
    this.context.onWindowClosed?.(false);
    this.#watch();
  }

  dispose(): void {
    window.clearInterval(this.#poll);
    window.clearTimeout(this.#giveUp);
    if (this.#window && !this.#window.closed) this.#window.close();
    this.#window = null;
  }

  #watch(): void {
    window.clearInterval(this.#poll);
    this.#poll = window.setInterval(() => {
      if (!this.#window?.closed) return;
      window.clearInterval(this.#poll);
      this.context.onWindowClosed?.(true);
      this.#giveUp = window.setTimeout(() => this.context.onGiveUp?.(), this.options.closedGraceMs);
    }, pollMs);
  }
}
