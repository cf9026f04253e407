import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import {
  AbortEvent,
  ConnectErrorEvent,
  OpenEvent,
  SuccessEvent,
  type AbortDetail,
  type AbortReason,
  type ErrorDetail,
  type Mode,
  type NrichConnectEventMap,
  type SuccessDetail,
} from '../events.js';
import type { CreateLink } from '../flow/link-request.js';
import type { Outcome } from '../flow/outcome.js';
import type { FlowInput, WidgetToShow, WidgetWindow } from '../flow/run-flow.js';
import { randomState } from '../flow/state.js';
import type * as IbanModule from '../iban.js';
import type { PopupWatch } from '../windows/popup-watch.js';
import { openPopupWindow, popupWindowName } from '../windows/popup-window.js';
import type * as FirstUse from './first-use.js';
import { loadFirstUse } from './load-first-use.js';
import { LocalizeController } from './localize.js';
import { styles } from './styles.js';
import type { View } from './view.js';

export type IbanField = 'optional' | 'required' | 'hidden';

/** A flow the element started, and what it owns until the flow ends. */
interface Run {
  /** Aborted by the element, with an `AbortReason`, to end the flow from outside. */
  readonly controller: AbortController;
  readonly state: string;
  /** Popup mode: the window opened inside the click (null when the browser blocked it). */
  popupWindow?: Window | null;
  /** Popup mode, once the widget shows: its watcher, which owns the window from then on. */
  popup?: PopupWatch;
  /** Overlay and inline: the widget's frame has loaded (its `load` event fires for cross-origin pages too). */
  frameLoaded?: boolean;
}

/**
 * Lets a user connect a bank account through the nrich widget: collects an optional IBAN, asks the host's
 * endpoint for a widget link, shows the widget, and reports the result as one typed event.
 *
 * @summary Drop-in bank connection through the nrich API.
 *
 * @slot - The button's text. Defaults to a localized "Connect bank account".
 *
 * @fires open - The widget is shown. `detail: { flow_id, mode }`.
 * @fires success - The user connected an account. `detail: { code, state, flow_id }`: send `code` to your backend.
 * @fires abort - The flow was cancelled. `detail: { state, flow_id?, reason }`, reason `widget` | `dismissed` | `host`
 * | `popup-closed`.
 * @fires error - The flow failed. `detail: { code, message, status?, flow_id? }`. Does not bubble: listen on the element.
 *
 * @csspart base - The wrapper around everything the element shows.
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

  readonly #localize = new LocalizeController(this);

  @query('button.connect') private readonly button!: HTMLButtonElement;
  @query('input') private readonly field?: HTMLInputElement;
  @query('dialog') private readonly dialog?: HTMLDialogElement;
  @query('iframe') private readonly frame?: HTMLIFrameElement;

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

  /**
   * Names this element's redirect flows, for the page they return to: with several elements there, the one with
   * the same `flow-key` (else the same `id`) reports the result. Default: the element's `id`.
   */
  @property({ attribute: 'flow-key', reflect: true }) flowKey?: string;

  /** Sent as `state`. Default: 128 random bits, new per flow. */
  @property() state?: string;

  /** How the widget is shown. */
  @property() mode: Mode = 'overlay';

  /** Popup window width in CSS pixels (200 to 4096; default 480); the window is centred over this one. */
  @property({ attribute: 'popup-width', type: Number }) popupWidth = 480;

  /** Popup window height in CSS pixels (200 to 4096; default 720). */
  @property({ attribute: 'popup-height', type: Number }) popupHeight = 720;

  /** What a blocked popup does: `overlay` shows the widget in the overlay instead, `none` ends with `popup-blocked`. */
  @property({ attribute: 'popup-fallback' }) popupFallback: 'overlay' | 'none' = 'overlay';

  /**
   * How long (ms) a popup may look closed before the flow ends with `abort` (`popup-closed`). Not at once: a COOP
   * page makes an open popup look closed, and its result still arrives through the relay. At most 3600000.
   */
  @property({ attribute: 'popup-closed-timeout', type: Number }) popupClosedTimeout = 300000;

  /**
   * Milliseconds to wait for the endpoint: default 15000, at most 120000. A value that is not a positive number
   * (`"abc"`, `-1`) means the default; a larger one is clamped.
   */
  @property({ type: Number }) timeout = 15000;

  /**
   * Milliseconds the widget's frame may take to load (overlay, inline) before the flow ends with `error`
   * `frame-timeout`: default 60000, at most 600000; not a positive number means the default.
   */
  @property({ attribute: 'frame-timeout', type: Number }) frameTimeout = 60000;

  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * Extra `{ id }` entries (account number, PAN) sent after the field's IBAN. `null` means none; anything but an
   * array of `{ id: string }` ends a click with `error` `invalid-property` naming `accounts`.
   */
  @property({ attribute: false }) accounts: { id: string }[] = [];

  /** Used instead of `endpoint` to get the widget link. */
  @property({ attribute: false }) createLink?: CreateLink;

  /** Merged into the endpoint request (headers, credentials). */
  @property({ attribute: false }) fetchOptions?: RequestInit;

  @state() private view: View = { kind: 'idle' };
  /** UI text under the field; `error.detail.message` is for developers. */
  @state() private ibanError = '';
  @state() private flowError = '';

  #run?: Run;
  /** ibantools and friends, once loaded: the field's live feedback uses them without waiting. */
  #iban?: typeof IbanModule;
  /** Where the element was, so the `abort` of its removal still reaches the listeners that were above it. */
  #parent?: Node;
  /** Event types the element has listeners for: a page return's result waits for the first (see #takeReturn). */
  readonly #listened = new Set<string>();
  /** A page return's result nobody on the element listened for yet. */
  #held?: Outcome;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#parent = this.parentNode ?? undefined;
    // This page may be a redirect_uri a flow returns to (redirect mode, or a popup's callback page): only the
    // widget's full callback counts, never a page's own `?success=` or `?state=`.
    // A cheap first look here; src/return/ checks the full parameter set (isWidgetCallback) and leaves a page's
    // own `?success=` alone.
    if (/[?&]success=/.test(window.location.search)) this.#takeReturn();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
  }

  /** The key the pending redirect flow records: `flow-key`, else `id`, else none (any element takes it). */
  get #flowKey(): string | undefined {
    return this.flowKey || this.id || undefined;
  }

  /**
   * The platform's own, plus: the first listener for a held page-return result hears it (see #takeReturn).
   * @internal
   */
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
    this.#listened.add(type);
    const held = this.#held;
    // The first listener for a held result hears it, once, after the code that added it has run.
    if (held && held.type === type) {
      this.#held = undefined;
      queueMicrotask(() => this.#report(held));
    }
  }

  /** Every render waits for the language's strings (at once for de/en): no English flash for es/fr/ar. */
  protected override async scheduleUpdate(): Promise<void> {
    await this.#localize.ready();
    super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // An IBAN error lasts while the IBAN is still wrong, however it changed (typed or set by the host).
    if (changed.has('iban') && this.ibanError && this.#iban?.ibanProblem(this.iban, false) === null)
      this.ibanError = '';
  }

  /** Starts a flow, as a click on the button does. Does nothing while one is running or when disabled. */
  open(): void {
    if (this.disabled || this.#run) return;
    if (!this.isConnected) {
      // Nothing could show the widget, so nothing is asked for.
      const message = 'open(): the element is not in the document.';
      this.#end(undefined, { type: 'error', code: 'not-connected', message });
      return;
    }
    const ibanRequired = this.ibanField === 'required';
    // Checked here when ibantools is already loaded (it is once the field was used): no popup flashes open and
    // shut. Otherwise the flow checks first thing.
    const ibanProblem = this.#iban?.ibanProblem(this.iban, ibanRequired);
    if (this.#iban && ibanProblem) {
      const message = this.#iban.ibanProblemMessages[ibanProblem];
      this.#end(undefined, { type: 'error', code: 'invalid-iban', message });
      return;
    }
    const run: Run = { controller: new AbortController(), state: this.state || randomState() };
    let mode = this.mode;
    if (mode === 'popup') {
      // Inside the click, before anything is awaited: popup blockers allow nothing later.
      run.popupWindow = openPopupWindow({ width: this.popupWidth, height: this.popupHeight }, popupWindowName());
      if (!run.popupWindow && this.popupFallback === 'none') {
        const message = 'The browser blocked the popup window.';
        this.#end(undefined, { type: 'error', code: 'popup-blocked', message });
        return;
      }
      if (run.popupWindow) run.popupWindow.document.title = this.#localize.strings.frameTitle;
      else mode = 'overlay';
    }
    this.#run = run;
    this.flowError = this.ibanError = '';
    this.view = { kind: 'requesting' };
    void this.#execute(run, {
      endpoint: this.endpoint,
      createLink: this.createLink,
      fetchOptions: this.fetchOptions,
      timeout: this.timeout,
      redirectUri: this.redirectUri,
      language: this.#localize.lang,
      state: run.state,
      syncPeriod: this.syncPeriod,
      iban: this.iban,
      ibanRequired,
      accounts: this.accounts,
      mode,
      ...(this.#flowKey ? { flowKey: this.#flowKey } : {}),
    });
  }

  /** Ends the running flow with `abort` (reason `host`). */
  close(): void {
    this.#run?.controller.abort('host' satisfies AbortReason);
  }

  /** Loads the flow's code, runs it, and ends with its outcome. Aborting while the code loads ends at once. */
  async #execute(run: Run, input: FlowInput): Promise<void> {
    const { signal } = run.controller;
    const abortedWhileLoading = new Promise<'aborted'>((resolve) =>
      signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
    );
    let code: typeof FirstUse | 'aborted';
    try {
      code = await Promise.race([loadFirstUse(), abortedWhileLoading]);
    } catch (error) {
      this.#end(run, loadFailure(error));
      return;
    }
    const outcome: Outcome =
      code === 'aborted'
        ? { type: 'abort', state: run.state, reason: signal.reason as AbortReason }
        : await code.runFlow(input, signal, { onOpen: (widget) => this.#show(run, widget, code) });
    this.#end(run, outcome);
  }

  /**
   * The flow's `onOpen`: shows the checked widget as the mode says (redirect: nothing to draw, the flow leaves the
   * page next), announces it, and returns the window its result comes from.
   */
  async #show(run: Run, { flow_id, mode, location }: WidgetToShow, code: typeof FirstUse): Promise<WidgetWindow> {
    if (mode === 'overlay' || mode === 'inline') {
      this.view = { kind: mode, location };
      // A frame that never loads (a stalled server) would leave an empty box and no event: past `frame-timeout`
      // the flow ends with `frame-timeout`; the flow's own ending is stale then, and dropped by #end.
      code.frameLoadDeadline(
        this.frameTimeout,
        () => !!run.frameLoaded,
        run.controller.signal,
        (ms) => {
          this.#end(run, {
            type: 'error',
            code: 'frame-timeout',
            message: `The widget's frame did not load in ${ms} ms.`,
          });
          run.controller.abort('host' satisfies AbortReason);
        },
      );
    } else if (mode === 'popup' && run.popupWindow) {
      run.popup = new code.PopupWatch(run.popupWindow, location, {
        width: this.popupWidth,
        height: this.popupHeight,
        closedGraceMs: this.popupClosedTimeout,
        onClosedChange: (closed) => {
          if (this.#run === run) this.view = { kind: closed ? 'popup-closed' : 'popup-waiting' };
        },
        onGiveUp: () => run.controller.abort('popup-closed' satisfies AbortReason),
      });
      this.view = { kind: 'popup-waiting' };
    }
    await this.updateComplete;
    if (run.controller.signal.aborted) return () => null;
    // The dialog is drawn by render(); only opening it modally is imperative (as in Material Web's dialog). Here,
    // not in updated(): should it throw, the flow ends with that exception (`internal`), not Lit's update cycle.
    this.dialog?.showModal();
    this.dispatchEvent(new OpenEvent({ flow_id, mode }));
    return mode === 'popup' ? () => run.popup?.window ?? null : () => this.frame?.contentWindow ?? null;
  }

  /**
   * Ends the flow `run` (or a click that started none) with its one event. Stale endings are dropped; everything
   * the flow opened goes, and focus comes back once: to the field when the IBAN needs fixing, else the button.
   */
  #end(run: Run | undefined, outcome: Outcome): void {
    if (run) {
      if (this.#run !== run) return;
      this.#run = undefined;
      run.popup?.dispose();
      run.popupWindow?.close(); // in case it ended before the widget showed
      this.view = { kind: 'idle' };
    }
    this.#report(outcome);
    if (!this.isConnected) return;
    const target = outcome.type === 'error' && outcome.code === 'invalid-iban' ? this.field : this.button;
    void this.updateComplete.then(() => target?.focus());
  }

  /** Turns an outcome into the one event that ends a flow: its detail is the outcome's fields, `type` aside. */
  #report(outcome: Outcome): void {
    const { type, ...detail } = outcome;
    if (type !== 'error') {
      const event = () =>
        type === 'success' ? new SuccessEvent(detail as SuccessDetail) : new AbortEvent(detail as AbortDetail);
      this.dispatchEvent(event());
      // Removed mid-flow: the event reached no ancestors, as a removed element has none. The listeners that were
      // above it (the README says: listen anywhere above) hear a copy from the former parent, if still in a page.
      if (!this.isConnected && this.#parent?.isConnected) this.#parent.dispatchEvent(event());
      return;
    }
    const { strings } = this.#localize;
    if (outcome.code === 'invalid-iban') {
      this.ibanError = this.iban.trim() ? strings.ibanInvalid : strings.ibanRequired;
      void this.#loadIban(); // the field's live check clears the error once the IBAN is fixed
    } else {
      this.flowError = strings.failed;
    }
    this.dispatchEvent(new ConnectErrorEvent(detail as ErrorDetail));
  }

  /**
   * This page is a redirect_uri: report the result it carries (src/return/page-return.ts), if it is this element's.
   * A result is held until someone listens for it on the element: reported at once when a listener for its event
   * is there, else to the first one added (a host that attaches listeners late still hears it, once).
   */
  #takeReturn(): void {
    import('../return/page-return.js')
      .then(({ takeReturnOutcome }) => takeReturnOutcome(this, this.#flowKey), loadFailure)
      .then((outcome) => {
        if (!outcome) return;
        if (this.#listened.has(outcome.type)) this.#report(outcome);
        else this.#held = outcome;
      });
  }

  /** Loads the flow's code (and ibantools) on the first sign of interest: hover, focus. A failure waits for the click. */
  #prefetch(): void {
    loadFirstUse().catch(() => undefined);
    if (!this.#iban) void this.#loadIban();
  }

  async #loadIban(): Promise<typeof IbanModule | undefined> {
    try {
      return (this.#iban ??= await import('../iban.js'));
    } catch {
      return undefined; // the field's live feedback waits; the flow checks the IBAN itself (and reports `load`)
    }
  }

  #dismiss(): void {
    this.#run?.controller.abort('dismissed' satisfies AbortReason);
  }

  #onInput(event: InputEvent): void {
    this.iban = (event.target as HTMLInputElement).value;
  }

  /** Leaving the field: show the friendly format, or say at once what is wrong. */
  async #onBlur(): Promise<void> {
    const iban = this.#iban ?? (await this.#loadIban()); // no await once loaded: the format shows at once
    if (!iban) return;
    if (iban.ibanProblem(this.iban, false) === 'invalid') {
      this.ibanError = this.#localize.strings.ibanInvalid;
    } else {
      this.iban = iban.formatIban(this.iban);
    }
  }

  #onFieldKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter') this.open();
  }

  /**
   * Escape asks the dialog to close (`cancel`); the flow decides instead, and the next render removes the dialog.
   * A browser may skip `cancel` and close at once (a close request without user activation,
   * https://html.spec.whatwg.org/multipage/interaction.html#close-requests-and-close-watchers): `close` covers it.
   * Events of a dialog already replaced by a later flow's are ignored.
   */
  #onDialogClose(event: Event): void {
    event.preventDefault();
    if (event.target === this.dialog) this.#dismiss();
  }

  // The error line comes after the button: the IBAN error appears when the field loses focus, which is the
  // mouse-down of a click on the button; a line appearing above it would move the button from under the pointer
  // before the mouse-up, and the click would be lost.
  override render() {
    const { strings, textLang, dir } = this.#localize;
    const { view } = this;
    const popupPanel = view.kind === 'popup-waiting' || view.kind === 'popup-closed';
    return html`
      <div
        part="base"
        class="base"
        lang=${textLang}
        dir=${dir}
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
        ${
          popupPanel
            ? html`
                <div part="waiting" class="waiting" role="group" aria-label=${strings.dialogLabel}>
                  <p role="status">${view.kind === 'popup-closed' ? strings.popupClosed : strings.popupWaiting}</p>
                  <button
                    type="button"
                    class="secondary"
                    @click=${() => (view.kind === 'popup-closed' ? this.#run?.popup?.reopen() : this.#run?.popup?.focus())}
                  >
                    ${view.kind === 'popup-closed' ? strings.popupReopen : strings.popupFocus}
                  </button>
                  <button type="button" class="secondary" @click=${this.#dismiss}>${strings.cancel}</button>
                </div>
              `
            : nothing
        }
        <button
          ?hidden=${popupPanel}
          part="button"
          class="connect"
          type="button"
          aria-busy=${view.kind === 'requesting' ? 'true' : 'false'}
          ?disabled=${this.disabled}
          @click=${() => this.open()}
        >
          <slot>${view.kind === 'requesting' ? strings.connecting : strings.connect}</slot>
        </button>
        <p id="error" part="error" class="error" role="alert">${this.ibanError || this.flowError}</p>
        ${
          view.kind === 'inline'
            ? html`<div part="inline" class="inline">${this.#renderFrame(view.location)}</div>`
            : nothing
        }
        ${
          view.kind === 'overlay'
            ? html`
                <dialog
                  part="dialog"
                  aria-label=${strings.dialogLabel}
                  @cancel=${this.#onDialogClose}
                  @close=${this.#onDialogClose}
                >
                  <button
                    type="button"
                    part="close-button"
                    class="close"
                    aria-label=${strings.close}
                    @click=${this.#dismiss}
                  >
                    ×
                  </button>
                  ${this.#renderFrame(view.location)}
                </dialog>
              `
            : nothing
        }
      </div>
    `;
  }

  /** The widget's frame. Its origin learns the host's origin (it needs it to post back), not the path or query. */
  #renderFrame(location: URL) {
    return html`<iframe
      part="frame"
      title=${this.#localize.strings.frameTitle}
      referrerpolicy="origin"
      src=${location.href}
      @load=${() => this.#run && (this.#run.frameLoaded = true)}
    ></iframe>`;
  }
}

/** A chunk of this element that did not load (its URL is in the browser's message). */
function loadFailure(error: unknown): Outcome {
  return { type: 'error', code: 'load', message: `Code of nrich-connect could not be loaded: ${String(error)}` };
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
