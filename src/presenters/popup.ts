import type { Presenter, PresenterContext } from './presenter.js';

export interface PopupSize {
  width: number;
  height: number;
}

/** The name lets a reopen reuse a window that still exists instead of stacking a second one. */
const windowName = 'nrich-connect';
const pollMs = 400;

/**
 * The widget in its own window. It opens blank inside the user's click (popup blockers allow nothing later) and is
 * navigated once the link arrives. The result comes back through the `redirect_uri` page's relay.
 *
 * Closed detection: a COOP page in the popup makes `popup.closed` read true while the window is open, so a
 * closed-looking popup ends nothing at once. The element offers "reopen" and "cancel" and keeps listening; only
 * after `closedGraceMs` without a result is the user taken to have closed it (`onGiveUp`).
 */
export class PopupPresenter implements Presenter {
  readonly mode = 'popup';
  readonly channel = 'relay';
  #window: Window | null = null;
  #location?: URL;
  #poll?: number;
  #giveUp?: number;

  constructor(
    private readonly context: PresenterContext,
    private readonly size: PopupSize,
    private readonly closedGraceMs: number,
  ) {}

  get widgetWindow(): Window | null {
    return this.#window;
  }

  prepare(): boolean {
    this.#window = this.#open('');
    if (this.#window) this.#window.document.title = this.context.strings.frameTitle;
    return this.#window !== null;
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
    const reopened = this.#open(this.#location.href);
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

  #open(url: string): Window | null {
    const { width, height } = this.size;
    const left = Math.round(window.screenX + (window.outerWidth - width) / 2);
    const top = Math.round(window.screenY + (window.outerHeight - height) / 2);
    return window.open(url, windowName, `popup,width=${width},height=${height},left=${left},top=${top}`);
  }

  #watch(): void {
    window.clearInterval(this.#poll);
    this.#poll = window.setInterval(() => {
      if (!this.#window?.closed) return;
      window.clearInterval(this.#poll);
      this.context.onWindowClosed?.(true);
      this.#giveUp = window.setTimeout(() => this.context.onGiveUp?.(), this.closedGraceMs);
    }, pollMs);
  }
}
