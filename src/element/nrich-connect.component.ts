import { html, LitElement, nothing, type PropertyValues } from 'lit';
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
import type { CreateLink } from '../flow/link-request.js';
import type { Outcome } from '../flow/outcome.js';
import { randomState } from '../flow/state.js';
import { openPopupWindow } from '../presenters/popup-window.js';
import { loadStrings, resolveLanguage, stringsFor, type Language, type Strings } from './strings.js';
import { styles } from './styles.js';
import type * as IbanModule from '../iban.js';

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
  #popup?: { focus(): void; reopen(): void };
  /** ibantools and friends, once loaded: the field's live feedback uses them without waiting. */
  #iban?: typeof IbanModule;

  override connectedCallback(): void {
    super.connectedCallback();
    keepErrorEventsOffWindow();
    // This page may be a redirect_uri a flow returns to (redirect mode, or a popup's callback page): the widget
    // always adds `success` there. (A page's own `?state=` or `?code=` is none of our business.)
    if (/[?&]success=/.test(window.location.search)) {
      void import('./page-return.js')
        .then(({ takeReturnOutcome }) => takeReturnOutcome())
        .then((outcome) => outcome && this.#report(outcome));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#flow?.abort('host');
  }

  /** Starts a flow, as a click on the button does. Does nothing while one is running or when disabled. */
  open(): void {
    if (this.disabled || this.#flow) return;
    if (this.#iban?.ibanProblem(this.iban, this.ibanField === 'required')) {
      // Checked here when ibantools is already loaded (it is once the field was used): no popup flashes open and
      // shut. Otherwise the flow checks first thing.
      this.#report({ type: 'error', code: 'invalid-iban', message: '' });
      return;
    }
    const popupSize = { width: this.popupWidth, height: this.popupHeight };
    // Inside the click, before anything is awaited: popup blockers allow nothing later.
    const popupWindow = this.mode === 'popup' ? openPopupWindow(popupSize) : undefined;
    if (popupWindow === null && this.popupFallback === 'none') {
      this.#report({ type: 'error', code: 'popup-blocked', message: 'The browser blocked the popup window.' });
      return;
    }
    this.flowError = this.ibanError = '';
    const flow: Flow = new Flow({
      source: {
        endpoint: this.endpoint,
        createLink: this.createLink,
        fetchOptions: this.fetchOptions,
        timeout: this.timeout,
      },
      request: this.#linkRequest(),
      iban: this.iban,
      ibanRequired: this.ibanField === 'required',
      accounts: this.accounts,
      mode: this.mode,
      popupWindow,
      popup: { ...popupSize, closedGraceMs: this.popupClosedTimeout },
      context: {
        root: this.renderRoot as ShadowRoot,
        strings: this.#strings,
        onWindowClosed: (closed) => (this.popupState = closed ? 'closed' : 'open'),
        onPopup: (popup) => (this.#popup = popup),
      },
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

  /** English stands in for a language whose strings are still loading. */
  get #strings(): Strings {
    return stringsFor(this.#language) ?? (stringsFor('en') as Strings);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // An IBAN error lasts while the IBAN is still wrong, however it changed (typed or set by the host).
    if (changed.has('iban') && this.ibanError && this.#iban?.ibanProblem(this.iban, false) === null)
      this.ibanError = '';
    const language = this.#language;
    if (!stringsFor(language)) void loadStrings(language).then(() => this.requestUpdate());
  }

  #linkRequest() {
    const syncPeriod = this.syncPeriod ?? 0;
    return {
      redirect_uri: this.redirectUri || window.location.origin + window.location.pathname,
      language: this.#language,
      state: this.state || randomState(),
      ...(Number.isInteger(syncPeriod) && syncPeriod >= 1 ? { sync_period: syncPeriod } : {}),
    };
  }

  /** Loads the flow's code (and ibantools) on the first sign of interest: hover, focus. */
  #prefetch(): void {
    void import('../flow/run-flow.js');
    void import('../iban.js').then((module) => (this.#iban = module));
  }

  #finish(flow: Flow, outcome: Outcome): void {
    if (this.#flow !== flow) return;
    this.#flow = undefined;
    this.#popup = undefined;
    this.busy = false;
    this.popupState = 'none';
    this.#report(outcome);
    // Focus was in the removed dialog or waiting panel; give it back (to the field when the IBAN needs fixing).
    const target = outcome.type === 'error' && outcome.code === 'invalid-iban' ? this.field : this.button;
    if (this.isConnected) void this.updateComplete.then(() => target?.focus());
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
        if (detail.code === 'invalid-iban') {
          detail.message = this.ibanError = this.iban.trim() ? this.#strings.ibanInvalid : this.#strings.ibanRequired;
          this.#prefetch(); // the field's live check clears the error once the IBAN is fixed
          this.field?.focus();
        } else {
          this.flowError = this.#strings.failed;
        }
        this.dispatchEvent(new ConnectErrorEvent(detail));
      }
    }
  }

  #onInput(event: InputEvent): void {
    this.iban = (event.target as HTMLInputElement).value;
  }

  /** Leaving the field: show the friendly format, or say at once what is wrong. */
  async #onBlur(): Promise<void> {
    const { formatIban, ibanProblem } = (this.#iban ??= await import('../iban.js'));
    if (ibanProblem(this.iban, false) === 'invalid') {
      this.ibanError = this.#strings.ibanInvalid;
    } else {
      this.iban = formatIban(this.iban);
    }
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
        <button type="button" class="secondary" @click=${() => this.#flow?.abort('dismissed')}>
          ${strings.cancel}
        </button>
      </div>
    `;
  }

  override render() {
    const strings = this.#strings;
    const error = this.ibanError || this.flowError;
    return html`
      <div
        part="base"
        class="base"
        lang=${this.#language}
        dir=${this.#language === 'ar' ? 'rtl' : 'ltr'}
        @pointerenter=${this.#prefetch}
        @focusin=${this.#prefetch}
      >
        ${
          this.ibanField === 'hidden'
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
                  @blur=${this.#onBlur}
                  @keydown=${this.#onFieldKeydown}
                />
              `
        }
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
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof NrichConnectEventMap>(
    type: K,
    listener: (this: NrichConnect, event: NrichConnectEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}
