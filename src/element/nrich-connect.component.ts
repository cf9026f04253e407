import { html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  AbortEvent,
  ConnectErrorEvent,
  keepErrorEventsOffWindow,
  OpenEvent,
  SuccessEvent,
  type Mode,
  type NrichConnectEventMap,
} from '../events.js';
import { Flow } from '../flow/flow.js';
import type { CreateLink, LinkRequest } from '../flow/link-request.js';
import type { Outcome } from '../flow/outcome.js';
import { randomState } from '../flow/state.js';
import { formatIban, isIban, parseIban } from '../iban.js';
import { InlinePresenter } from '../presenters/inline.js';
import { OverlayPresenter } from '../presenters/overlay.js';
import { PopupPresenter } from '../presenters/popup.js';
import type { Presenter, PresenterContext } from '../presenters/presenter.js';
import { RedirectPresenter } from '../presenters/redirect.js';
import { takeReturnOutcome } from './page-return.js';
import { resolveLanguage, stringsFor, type Language, type Strings } from './strings.js';
import { styles } from './styles.js';

export type IbanField = 'optional' | 'required' | 'hidden';

/**
 * Lets a user connect a bank account through the nrich widget: collects an optional IBAN, asks the host's
 * endpoint for a widget link, shows the widget, and reports the result as one typed event.
 *
 * @summary Drop-in bank connection through the nrich API.
 *
 * @slot - The button's text. Defaults to a localized "Connect bank account".
 *
 * @fires open - The widget is shown. `detail: { flowId, mode }`.
 * @fires success - The user connected an account. `detail: { code, state, flowId }`: send `code` to your backend.
 * @fires abort - The flow was cancelled. `detail: { state, flowId?, reason }`, reason `widget` | `dismissed` | `host`
 * | `popup-closed`.
 * @fires error - The flow failed. `detail: { code, message, status?, flowId? }`.
 *
 * @csspart base - The wrapper around field and button.
 * @csspart label - The IBAN field's label.
 * @csspart field - The IBAN input.
 * @csspart error - The error text (IBAN or flow).
 * @csspart button - The connect button.
 * @csspart dialog - The overlay's `<dialog>`.
 * @csspart close-button - The overlay's close button.
 * @csspart frame - The widget's `<iframe>`.
 * @csspart inline - The inline frame's container.
 * @csspart waiting - The popup waiting panel (continue, reopen, cancel).
 *
 * @cssproperty --nrich-connect-accent - Button background.
 * @cssproperty --nrich-connect-on-accent - Button text color.
 * @cssproperty --nrich-connect-radius - Corner radius of field, button and dialog.
 * @cssproperty --nrich-connect-font - Font shorthand for the element.
 * @cssproperty --nrich-connect-color - Text color.
 * @cssproperty --nrich-connect-border-color - Field border.
 * @cssproperty --nrich-connect-error-color - Error text and invalid field border.
 * @cssproperty --nrich-connect-focus-color - Focus ring.
 * @cssproperty --nrich-connect-backdrop - Overlay backdrop.
 * @cssproperty --nrich-connect-dialog-width - Overlay width.
 * @cssproperty --nrich-connect-dialog-height - Overlay height.
 * @cssproperty --nrich-connect-frame-height - Inline frame height.
 */
// The interface below merges typed event listeners into the class (the pattern of lib.dom's own elements).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class NrichConnect extends LitElement {
  static override styles = styles;

  @query('button.connect') private readonly button!: HTMLButtonElement;
  @query('input') private readonly field?: HTMLInputElement;

  /** URL the link request is POSTed to (JSON `{ redirect_uri, language, state, accounts?, sync_period? }`). */
  @property() endpoint?: string;

  /** Sent as `redirect_uri`. Default: this page's URL without query and hash. */
  @property({ attribute: 'redirect-uri' }) redirectUri?: string;

  /** `de` `en` `es` `fr` `ar`; default: the page's `lang` when supported, else `de`. */
  @property() language?: string;

  /** Days of transaction history, sent as `sync_period` when set. */
  @property({ attribute: 'sync-period', type: Number }) syncPeriod?: number;

  /** The IBAN field's value; set it to prefill. */
  @property() iban = '';

  /** `optional` | `required` | `hidden`. */
  @property({ attribute: 'iban-field' }) ibanField: IbanField = 'optional';

  /** Sent as `state`. Default: 128 random bits, new per flow. */
  @property() state?: string;

  /** How the widget is shown. */
  @property() mode: Mode = 'overlay';

  /** Popup window width in CSS pixels; the window is centred over this one. */
  @property({ attribute: 'popup-width', type: Number }) popupWidth = 480;

  /** Popup window height in CSS pixels. */
  @property({ attribute: 'popup-height', type: Number }) popupHeight = 720;

  /** What a blocked popup does: `overlay` shows the widget in the overlay instead, `none` ends with `popup-blocked`. */
  @property({ attribute: 'popup-fallback' }) popupFallback: 'overlay' | 'none' = 'overlay';

  /**
   * How long (ms) a popup may look closed before the flow ends with `abort` (`popup-closed`). Not at once: a COOP
   * page makes an open popup look closed, and its result still arrives through the relay.
   */
  @property({ attribute: 'popup-closed-timeout', type: Number }) popupClosedTimeout = 300000;

  /** Milliseconds to wait for the endpoint. */
  @property({ type: Number }) timeout = 15000;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Extra `{ id }` entries (account number, PAN) sent after the field's IBAN. */
  @property({ attribute: false }) accounts: { id: string }[] = [];

  /** Used instead of `endpoint` to get the widget link. */
  @property({ attribute: false }) createLink?: CreateLink;

  /** Merged into the endpoint request (headers, credentials). */
  @property({ attribute: false }) fetchOptions?: RequestInit;

  @state() private busy = false;
  @state() private ibanError = '';
  @state() private flowError = '';
  /** The popup waiting panel: `open` while the popup runs, `closed` once it looks closed. */
  @state() private popupState: 'none' | 'open' | 'closed' = 'none';

  #flow?: Flow;
  #popup?: PopupPresenter;

  override connectedCallback(): void {
    super.connectedCallback();
    keepErrorEventsOffWindow();
    // This page may be the redirect_uri a flow returns to (redirect mode, or the popup's callback page).
    void takeReturnOutcome().then((outcome) => outcome && this.#report(outcome));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#flow?.abort('host');
  }

  /** Starts a flow, as a click on the button does. Does nothing while one is running or when disabled. */
  open(): void {
    if (this.disabled || this.#flow) return;
    const iban = this.#checkIban();
    if (iban === null) return;
    this.flowError = '';
    const presenter = this.#presenter({
      root: this.renderRoot as ShadowRoot,
      strings: this.#strings,
      onDismiss: () => flow.abort('dismissed'),
      onWindowClosed: (closed) => (this.popupState = closed ? 'closed' : 'open'),
      onGiveUp: () => flow.abort('popup-closed'),
    });
    if (!presenter) {
      this.#report({ type: 'error', code: 'popup-blocked', message: 'The browser blocked the popup window.' });
      return;
    }
    const flow: Flow = new Flow({
      source: { endpoint: this.endpoint, createLink: this.createLink, fetchOptions: this.fetchOptions, timeout: this.timeout },
      request: this.#linkRequest(iban),
      presenter,
      onOpen: (detail) => {
        this.busy = false;
        if (detail.mode === 'popup') this.popupState = 'open';
        this.dispatchEvent(new OpenEvent(detail));
      },
      onEnd: (outcome) => this.#finish(flow, outcome),
    });
    this.#flow = flow;
    this.busy = true;
    void flow.start();
  }

  /** Ends the running flow with `abort` (reason `host`). */
  close(): void {
    this.#flow?.abort('host');
  }

  get #language(): Language {
    return resolveLanguage(this.language, document.documentElement.lang);
  }

  get #strings(): Strings {
    return stringsFor(this.#language);
  }

  /** The presenter for `mode`; null when the popup is blocked and must not fall back. Runs inside the click. */
  #presenter(context: PresenterContext): Presenter | null {
    this.#popup = undefined;
    switch (this.mode) {
      case 'popup': {
        const popup = new PopupPresenter(context, { width: this.popupWidth, height: this.popupHeight }, this.popupClosedTimeout);
        if (popup.prepare()) return (this.#popup = popup);
        return this.popupFallback === 'none' ? null : new OverlayPresenter(context);
      }
      case 'inline':
        return new InlinePresenter(context);
      case 'redirect':
        return new RedirectPresenter();
      default:
        return new OverlayPresenter(context);
    }
  }

  /** The IBAN to send ('' for none), or null when the field blocks the flow. */
  #checkIban(): string | null {
    const iban = parseIban(this.iban);
    const problem =
      iban === ''
        ? this.ibanField === 'required'
          ? this.#strings.ibanRequired
          : ''
        : isIban(iban)
          ? ''
          : this.#strings.ibanInvalid;
    this.ibanError = problem;
    if (!problem) return iban;
    this.dispatchEvent(new ConnectErrorEvent({ code: 'invalid-iban', message: problem }));
    this.field?.focus();
    return null;
  }

  #linkRequest(iban: string): LinkRequest {
    const accounts = [...(iban ? [{ id: iban }] : []), ...this.accounts];
    const syncPeriod = this.syncPeriod ?? 0;
    return {
      redirect_uri: this.redirectUri || window.location.origin + window.location.pathname,
      language: this.#language,
      state: this.state || randomState(),
      ...(accounts.length ? { accounts } : {}),
      ...(Number.isInteger(syncPeriod) && syncPeriod >= 1 ? { sync_period: syncPeriod } : {}),
    };
  }

  #finish(flow: Flow, outcome: Outcome): void {
    if (this.#flow !== flow) return;
    this.#flow = undefined;
    this.#popup = undefined;
    this.busy = false;
    this.popupState = 'none';
    this.#report(outcome);
    // Focus was in the removed dialog or waiting panel; give it back to the button.
    if (this.isConnected) void this.updateComplete.then(() => this.button?.focus());
  }

  /** Turns an outcome into the one event that ends a flow. */
  #report(outcome: Outcome): void {
    switch (outcome.type) {
      case 'success':
        this.dispatchEvent(new SuccessEvent({ code: outcome.code, state: outcome.state, flowId: outcome.flowId }));
        break;
      case 'abort':
        this.dispatchEvent(new AbortEvent({ state: outcome.state, flowId: outcome.flowId, reason: outcome.reason }));
        break;
      case 'error': {
        const { type: _type, ...detail } = outcome;
        this.flowError = this.#strings.failed;
        this.dispatchEvent(new ConnectErrorEvent(detail));
      }
    }
  }

  #onInput(event: InputEvent): void {
    this.iban = (event.target as HTMLInputElement).value;
    if (this.ibanError && (this.iban === '' || isIban(this.iban))) this.ibanError = '';
  }

  #onFieldKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.open();
  }

  #renderWaiting(strings: Strings) {
    const closed = this.popupState === 'closed';
    return html`
      <div part="waiting" class="waiting" role="group" aria-label=${strings.dialogLabel}>
        <p role="status">${closed ? strings.popupClosed : strings.popupWaiting}</p>
        <button type="button" class="secondary" @click=${() => (closed ? this.#popup?.reopen() : this.#popup?.focus())}>
          ${closed ? strings.popupReopen : strings.popupFocus}
        </button>
        <button type="button" class="secondary" @click=${() => this.#flow?.abort('dismissed')}>${strings.cancel}</button>
      </div>
    `;
  }

  override render() {
    const strings = this.#strings;
    const error = this.ibanError || this.flowError;
    return html`
      <div part="base" class="base" lang=${this.#language} dir=${this.#language === 'ar' ? 'rtl' : 'ltr'}>
        ${this.ibanField === 'hidden'
          ? nothing
          : html`
              <label part="label" for="iban">
                ${strings.ibanLabel}${this.ibanField === 'optional' ? ` (${strings.optional})` : nothing}
              </label>
              <input
                id="iban"
                part="field"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                .value=${live(this.iban)}
                ?required=${this.ibanField === 'required'}
                ?disabled=${this.disabled}
                aria-invalid=${this.ibanError ? 'true' : 'false'}
                aria-describedby="error"
                @input=${this.#onInput}
                @blur=${() => (this.iban = formatIban(this.iban))}
                @keydown=${this.#onFieldKeydown}
              />
            `}
        <p id="error" part="error" class="error" role="alert">${error}</p>
        ${this.popupState === 'none' ? nothing : this.#renderWaiting(strings)}
        <button
          ?hidden=${this.popupState !== 'none'}
          part="button"
          class="connect"
          type="button"
          aria-busy=${this.busy ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @click=${() => this.open()}
        >
          <slot>${this.busy ? strings.connecting : strings.connect}</slot>
        </button>
      </div>
    `;
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface NrichConnect {
  addEventListener<K extends keyof NrichConnectEventMap>(
    type: K,
    listener: (this: NrichConnect, event: NrichConnectEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof NrichConnectEventMap>(
    type: K,
    listener: (this: NrichConnect, event: NrichConnectEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
