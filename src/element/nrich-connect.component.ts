import { adoptStyles, css, html, LitElement, nothing, type PropertyValues } from 'lit';
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
import type { WidgetToShow, WidgetWindow } from '../flow/run-flow.js';
import { sendLinkRequest, type CreateLink } from '../flow/send-link-request.js';
import { linkRequest, startFlow, type Run } from '../flow/start-flow.js';
import type * as IbanModule from '../iban.js';
import type { Outcome } from '../protocol/outcome.js';
import { openPopupWindow } from '../windows/popup-window.js';
import type * as FirstUse from './first-use.js';
import { loadFirstUse } from './load-first-use.js';
import { elementLanguage, loadStrings, texts } from './localize.js';
import type { Preloader } from './preloader.js';
import type { StringOverrides } from './strings.js';
import { styles } from './styles.js';
import type { View } from './view.js';
import type { widgetView } from './widget-view.js';

export type IbanField = 'optional' | 'required' | 'hidden';

/** Runs `task` when the browser is idle (WebKit has no requestIdleCallback: soon, then). */
const whenIdle = (task: () => void) =>
  'requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 2000 }) : setTimeout(task, 200);

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
 * @fires abort - The flow was canceled. `detail: { state, flow_id?, reason }`, reason `widget` | `dismissed` | `host`
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
  /** Lit's reactive properties (a static field, not decorators: no decorator helpers in the page's code). */
  static override properties = {
    endpoint: {},
    redirectUri: { attribute: 'redirect-uri' },
    language: {},
    syncPeriod: { attribute: 'sync-period', type: Number },
    iban: {},
    ibanField: { attribute: 'iban-field' },
    flowKey: { attribute: 'flow-key', reflect: true },
    state: {},
    mode: {},
    popupWidth: { attribute: 'popup-width', type: Number },
    popupHeight: { attribute: 'popup-height', type: Number },
    popupFallback: { attribute: 'popup-fallback' },
    popupClosedTimeout: { attribute: 'popup-closed-timeout', type: Number },
    timeout: { type: Number },
    frameTimeout: { attribute: 'frame-timeout', type: Number },
    disabled: { type: Boolean, reflect: true },
    accounts: { attribute: false },
    createLink: { attribute: false },
    strings: { attribute: false },
    fetchOptions: { attribute: false },
    preload: {},
    preloadMaxAge: { attribute: 'preload-max-age', type: Number },
    view: { state: true, attribute: false },
    ibanError: { state: true, attribute: false },
    flowError: { state: true, attribute: false },
  };

  #find<E extends Element>(selector: string): E | null {
    return this.renderRoot.querySelector<E>(selector);
  }

  /** URL the link request is POSTed to (JSON `{ redirect_uri, language, state, accounts?, sync_period? }`). */
  endpoint?: string;

  /** Sent as `redirect_uri`. Default: this page's URL without query and hash. */
  redirectUri?: string;

  /** `de` `en` `es` `fr` `ar`; default: the page's `lang` when supported, else `de`. */
  language?: string;

  /** Days of transaction history, sent as `sync_period` when set. */
  syncPeriod?: number;

  /** The IBAN field's value; set it to prefill. */
  iban = '';

  /** `optional` | `required` | `hidden`. */
  ibanField: IbanField = 'optional';

  /**
   * Names this element's redirect flows, for the page they return to: with several elements there, the one with
   * the same `flow-key` (else the same `id`) reports the result. Default: the element's `id`.
   */
  flowKey?: string;

  /** Sent as `state`. Default: 128 random bits, new per flow. */
  state?: string;

  /** How the widget is shown. */
  mode: Mode = 'overlay';

  /** Popup window width in CSS pixels (200 to 4096; default 480); the window is centered over this one. */
  popupWidth = 480;

  /** Popup window height in CSS pixels (200 to 4096; default 720). */
  popupHeight = 720;

  /** What a blocked popup does: `overlay` shows the widget in the overlay instead, `none` ends with `popup-blocked`. */
  popupFallback: 'overlay' | 'none' = 'overlay';

  /**
   * How long (ms) a popup may look closed before the flow ends with `abort` (`popup-closed`). Not at once: a COOP
   * page makes an open popup look closed, and its result still arrives through the relay. At most 3600000.
   */
  popupClosedTimeout = 300000;

  /**
   * Milliseconds to wait for the endpoint: default 15000, at most 120000. A value that is not a positive number
   * (`"abc"`, `-1`) means the default; a larger one is clamped.
   */
  timeout = 15000;

  /**
   * Milliseconds the widget's frame may take to load (overlay, inline) before the flow ends with `error`
   * `frame-timeout`: default 60000, at most 600000; not a positive number means the default.
   */
  frameTimeout = 60000;

  disabled = false;

  /**
   * Extra `{ id }` entries (account number, PAN) sent after the field's IBAN. `null` means none; anything but an
   * array of `{ id: string }` ends a click with `error` `invalid-property` naming `accounts`.
   */
  accounts: { id: string }[] = [];

  /** Used instead of `endpoint` to get the widget link. */
  createLink?: CreateLink;

  /**
   * The host's own texts per language, over the element's: `{ en: { connect: 'Link your account' } }`. Keys are
   * the languages (`de` `en` `es` `fr` `ar`), values any of the `NrichConnectStrings`; the rest stay the element's.
   */
  strings?: StringOverrides;

  /** Merged into the endpoint request (headers, credentials). */
  fetchOptions?: RequestInit;

  /**
   * Asks for the widget link ahead of the click and loads the widget hidden, so the click only shows it (overlay
   * and inline modes; never popup or redirect). `auto` (or the bare attribute): once the page is idle; `intent`:
   * when the element comes into view or the pointer or focus enters it. The request carries `preload: true`.
   */
  preload?: '' | 'auto' | 'intent';

  /** Milliseconds a preloaded link stays usable; an older one is discarded and the click asks for a new one. */
  preloadMaxAge = 600000;

  /** How many elements of the page may hold a preloaded link at once (`preload`); set it before they preload. */
  static preloadLimit = 1;

  private view: View = { kind: 'idle' };
  /** UI text under the field; `error.detail.message` is for developers. */
  private ibanError = '';
  private flowError = '';

  #run?: Run;
  /** The widget's parts and their styles, once the flow's code is here (widget-view.ts). */
  #widget?: ReturnType<typeof widgetView>;
  /** ibantools and friends, once loaded: the field's live feedback uses them without waiting. */
  #iban?: typeof IbanModule;
  /** The `preload` attribute's one link, once the flow's code is here (preloader.ts). */
  #preloader?: Preloader;
  /** Loads the flow's code (and preloads) once the element is on screen. */
  #onScreen?: IntersectionObserver;
  /** Follows the page's `<html lang>`, which speaks for the element unless `language` is set. */
  #pageLang?: MutationObserver;
  /** The location of the last widget frame that loaded (its `load` event fires for cross-origin pages too). */
  #loadedFrame?: string;
  /** Where the element was, so the `abort` of its removal still reaches the listeners that were above it. */
  #parent?: Node;
  /** Event types the element has listeners for: a page return's result waits for the first (see #takeReturn). */
  readonly #listened = new Set<string>();
  /** A page return's result nobody on the element listened for yet. */
  #held?: Outcome;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#parent = this.parentNode ?? undefined;
    (this.#pageLang ??= new MutationObserver(() => this.requestUpdate())).observe(document.documentElement, {
      attributeFilter: ['lang'],
    });
    // This page may be a redirect_uri a flow returns to (redirect mode, or a popup's callback page): only the
    // widget's full callback counts, never a page's own `?success=` or `?state=`.
    // A cheap first look here; src/return/ checks the full parameter set (isWidgetCallback) and leaves a page's
    // own `?success=` alone.
    if (/[?&]success=/.test(window.location.search)) this.#takeReturn();
    // Touch has no hover: the flow's code loads once the element is on screen and the browser is idle, so a tap
    // finds it there (the click's link request never waits for it anyway).
    this.#onScreen = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      this.#onScreen?.disconnect();
      whenIdle(() => this.#onIntent());
    });
    this.#onScreen.observe(this);
    whenIdle(() => this.#preloadNow('idle'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.close();
    this.#onScreen?.disconnect();
    this.#pageLang?.disconnect();
    // A move (removed and added in the same task) keeps the preloaded link: no new flow per move.
    queueMicrotask(() => this.isConnected || this.#preloader?.discard());
  }

  /** The strings shown (the host's own on top), their language and direction (localize.ts). */
  get #texts() {
    return texts(elementLanguage(this.language), this.strings);
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
    await loadStrings(elementLanguage(this.language));
    super.scheduleUpdate();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    // An IBAN error lasts while the IBAN is still wrong, however it changed (typed or set by the host).
    if (changed.has('iban') && this.ibanError && this.#iban?.ibanProblem(this.iban, false) === null)
      this.ibanError = '';
    // A preloaded link asked with other settings (IBAN, language, mode, ...) is not this element's any more.
    // (Its key cannot tell functions or headers apart: these two always count as a change.)
    this.#preloader?.update(changed.has('createLink') || changed.has('fetchOptions'));
    if (changed.has('preload') || changed.has('endpoint') || changed.has('createLink')) {
      whenIdle(() => this.#preloadNow('idle'));
    }
  }

  override updated(): void {
    // The field shows `iban` whoever changed it (the host, the blur's formatting), even where typing left the input
    // different from the last render: what Lit's `live()` directive does, without its bytes.
    const field = this.#find<HTMLInputElement>('input');
    if (field && field.value !== this.iban) field.value = this.iban;
  }

  /**
   * Starts a flow, as a click on the button does. Does nothing while one is running or when disabled. The link
   * request leaves right here, in the click's task, while the flow's code may still be loading; a fresh preloaded
   * link asked with the same settings, once it has arrived, is used instead (one still on its way is dropped).
   */
  open(): void {
    if (this.disabled || this.#run) return;
    if (!this.isConnected) {
      // Nothing could show the widget, so nothing is asked for.
      const message = 'open(): the element is not in the document.';
      this.#end(undefined, { type: 'error', code: 'not-connected', message });
      return;
    }
    // Settings checked, popup opened, link request sent: all here, in the click's task (flow/start-flow.ts).
    let taken = false;
    const run = startFlow(this, {
      ...this.#language(),
      iban: this.#iban,
      takePreload: () => {
        const preloaded = this.#preloader?.take();
        taken = !!preloaded;
        return preloaded;
      },
      loadIban: () => this.#loadIban(),
    });
    if ('type' in run) {
      this.#end(undefined, run);
      return;
    }
    this.#run = run;
    this.flowError = this.ibanError = '';
    // A preloaded frame stays in place (hidden) until the flow shows it.
    const shown = taken && this.view.kind === 'idle' ? this.view.preloaded : undefined;
    this.view = { kind: 'requesting', preloaded: shown };
    void this.#execute(run);
  }

  /** Ends the running flow with `abort` (reason `host`). */
  close(): void {
    this.#run?.controller.abort('host' satisfies AbortReason);
  }

  /**
   * Drops the preloaded link (`preload`), asked for on behalf of the user signed in at the time: call it when the
   * page's user changes without a reload (sign-out, sign-in). A new one is asked for as `preload` says.
   */
  discardPreload(): void {
    this.#preloader?.discard(true);
    whenIdle(() => this.#preloadNow('idle'));
  }

  /** What the element speaks: the language a link is asked in, and the blank popup's title. */
  #language() {
    return { lang: elementLanguage(this.language), popupTitle: this.#texts.strings.frameTitle };
  }

  /** The `preload` attribute: hands the work to the preloader (preloader.ts) once the flow's code is here. */
  #preloadNow(trigger: 'idle' | 'intent'): void {
    if (this.preload == null) return;
    const checks = (this.iban.trim() || this.ibanField === 'required') && this.#loadIban(); // for #request
    Promise.all([loadFirstUse(), checks]).then(
      ([code]) => {
        this.#useCode(code);
        this.#preloader ??= new code.Preloader(this, {
          // None while a flow runs.
          request: (state) =>
            this.#run ? undefined : linkRequest(this, { ...this.#language(), iban: this.#iban }, state),
          send: (request, signal) => sendLinkRequest(this, request, signal),
          show: (preloaded) => this.#run || (this.view = { kind: 'idle', preloaded }),
          limit: () => NrichConnect.preloadLimit,
        });
        this.#preloader.preload(trigger);
      },
      () => undefined,
    );
  }

  /** The flow's code is here: the widget's parts, and their styles next to the element's, for the next render. */
  #useCode(code: typeof FirstUse): void {
    if (this.#widget) return;
    this.#widget = code.widgetView(
      { html, css, nothing },
      {
        dismiss: () => this.#dismiss(),
        popup: () => this.#run?.popup,
        loaded: (href) => (this.#loadedFrame = href),
        root: this.renderRoot,
      },
    );
    adoptStyles(this.renderRoot as ShadowRoot, [...NrichConnect.elementStyles, this.#widget.styles]);
  }

  /** Loads the flow's code, runs it, and ends with its outcome. Aborting while the code loads ends at once. */
  async #execute(run: Run): Promise<void> {
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
        : (this.#useCode(code),
          await code.runFlow(
            {
              state: run.state,
              mode: run.mode,
              link: run.link(code),
              flowKey: this.#flowKey,
            },
            signal,
            { onOpen: (widget) => this.#show(run, widget, code) },
          ));
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
        () => this.#loadedFrame === location.href, // a preloaded frame may have loaded before the click
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
      const size = { width: this.popupWidth, height: this.popupHeight };
      run.popup = new code.PopupWatch(run.popupWindow, location, {
        open: (name, url) => openPopupWindow(size, name, url),
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
    this.#find<HTMLDialogElement>('dialog')?.showModal();
    this.dispatchEvent(new OpenEvent({ flow_id, mode }));
    return mode === 'popup'
      ? () => run.popup?.window ?? null
      : () => this.#find<HTMLIFrameElement>('iframe')?.contentWindow ?? null;
  }

  /**
   * Ends the flow `run` (or a click that started none) with its one event. Stale endings are dropped; everything
   * the flow opened goes, and focus comes back once: to the field when the IBAN needs fixing, else the button.
   */
  #end(run: Run | undefined, outcome: Outcome): void {
    if (run) {
      if (this.#run !== run) return;
      this.#run = undefined;
      run.controller.abort(); // a link request still on its way (the flow's code failed to load) stops
      run.popup?.dispose();
      run.popupWindow?.close(); // in case it ended before the widget showed
      this.view = { kind: 'idle' };
    }
    this.#report(outcome);
    if (!this.isConnected) return;
    const target =
      outcome.type === 'error' && outcome.code === 'invalid-iban'
        ? this.#find<HTMLElement>('input')
        : this.#find<HTMLElement>('button.connect');
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
      // above it (docs/element.md: success and abort bubble) hear a copy from the former parent, if still in a page.
      if (!this.isConnected && this.#parent?.isConnected) this.#parent.dispatchEvent(event());
      return;
    }
    const { strings } = this.#texts;
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

  /**
   * A sign of interest (on screen, hover, focus): loads the flow's code, and ibantools when there is an IBAN field
   * or value; preloads when asked to. A failed load waits for the click.
   */
  #onIntent(): void {
    loadFirstUse().catch(() => undefined);
    if (!this.#iban && (this.ibanField !== 'hidden' || this.iban)) void this.#loadIban();
    this.#preloadNow('intent');
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
      this.ibanError = this.#texts.strings.ibanInvalid;
    } else {
      this.iban = iban.formatIban(this.iban);
    }
  }

  #onFieldKeydown(event: KeyboardEvent): void {
    // An Enter that ends an IME composition (Japanese, Chinese, ...) picks the text; it does not submit. Safari
    // says so with keyCode 229 only.
    if (event.key === 'Enter' && !event.isComposing && event.keyCode !== 229) this.open();
  }

  // The error line comes after the button: the IBAN error appears when the field loses focus, which is the
  // mouse-down of a click on the button; a line appearing above it would move the button from under the pointer
  // before the mouse-up, and the click would be lost.
  override render() {
    const { strings, textLang, dir } = this.#texts;
    const { view } = this;
    const widget = this.#widget;
    const popupPanel = view.kind === 'popup-waiting' || view.kind === 'popup-closed';
    return html`
      <div
        part="base"
        class="base"
        lang=${textLang}
        dir=${dir}
        @pointerenter=${this.#onIntent}
        @focusin=${this.#onIntent}
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
        ${popupPanel && widget ? widget.panel(view.kind === 'popup-closed', strings) : nothing}
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
        ${widget ? widget.widget(view, strings) : nothing}
      </div>
    `;
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
