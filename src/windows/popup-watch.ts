import { coerceNumber, numberRules } from '../protocol/coerce-number.js';

const pollMs = 400;

export interface PopupWatchOptions {
  /**
   * Opens (or finds) the window of this name at `url`: the element's `openPopupWindow`, sized as the first one (given,
   * not imported, so the code for it is loaded once, with the page).
   */
  open(name: string, url: string): Window | null;
  /** How long the window may look closed before the user is taken to have closed it. */
  closedGraceMs: number;
  /** The window looks closed (`true`), or is back after a reopen (`false`). */
  onClosedChange(closed: boolean): void;
  /** It looked closed for `closedGraceMs`, and no result came. */
  onGiveUp(): void;
}

/**
 * The popup of popup mode once the widget link arrived: what a template cannot do. It navigates the window the
 * element opened inside the click, watches it, reopens it, and closes it; the element draws the waiting panel
 * from what it reports, and the flow listens for the result the popup's callback page relays.
 *
 * Closed detection: a `Cross-Origin-Opener-Policy: same-origin` page in the popup (the widget or a bank) severs
 * it from this page, which then reads `closed === true` although the window is open
 * (https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies). So a closed-looking popup
 * ends nothing at once: the element offers "reopen" and "cancel", the relay still reaches us over a
 * BroadcastChannel, and only after `closedGraceMs` without a result does `onGiveUp` say the user closed it.
 */
export class PopupWatch {
  #window: Window | null;
  /** The flow's own window name (see popupWindowName), read while the window is still ours: a reopen reuses it. */
  readonly #name: string;
  #poll?: number;
  #giveUp?: number;

  constructor(
    popup: Window,
    private readonly location: URL,
    private readonly options: PopupWatchOptions,
  ) {
    this.#window = popup;
    this.#name = popup.name;
    popup.location.replace(location.href);
    this.#watch();
  }

  /** The window the relay page posts from: only its messages count. */
  get window(): Window | null {
    return this.#window;
  }

  /** "Continue in the window". */
  focus(): void {
    this.#window?.focus();
  }

  /** "Reopen the window": the widget again, in a window that may have been closed. */
  reopen(): void {
    const reopened = this.options.open(this.#name, this.location.href);
    if (!reopened) return;
    this.#window = reopened;
    window.clearTimeout(this.#giveUp);
    this.options.onClosedChange(false);
    this.#watch();
  }

  /** Stops watching and closes the window; safe to call twice. */
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
      this.options.onClosedChange(true);
      const grace = coerceNumber(this.options.closedGraceMs, numberRules.popupClosedTimeout);
      this.#giveUp = window.setTimeout(() => this.options.onGiveUp(), grace);
    }, pollMs);
  }
}
