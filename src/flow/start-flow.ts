/**
 * The start of a flow, in the click's own task (loaded with the page): the element's settings are checked, a
 * popup opens before anything is awaited (popup blockers allow nothing later), and the link request leaves at once
 * (or a preloaded link that has arrived is taken). What follows, once the flow's code is here, is run-flow.ts. Read
 * top to bottom: startFlow, then runFlow.
 */
import type { Mode } from '../events.js';
import type * as IbanModule from '../iban.js';
import type { Language } from '../protocol/languages.js';
import type { AccountHint, LinkRequest } from '../protocol/link.js';
import type { Outcome } from '../protocol/outcome.js';
import { randomState } from '../protocol/state.js';
import type { PopupWatch } from '../windows/popup-watch.js';
import { openPopupWindow, popupWindowName } from '../windows/popup-window.js';
import { checkSettings } from './input-check.js';
import type { CheckedLink, readLink, readLinkAfterIban } from './link-request.js';
import { sendLinkRequest, type LinkSource } from './send-link-request.js';

/** The element's settings (its public properties: the element itself), read at the click. */
export interface StartSettings extends LinkSource {
  readonly iban: string;
  readonly ibanField: 'optional' | 'required' | 'hidden';
  readonly accounts: unknown;
  readonly mode: Mode;
  readonly state?: string;
  readonly redirectUri?: string;
  readonly syncPeriod?: number;
  readonly popupWidth: number;
  readonly popupHeight: number;
  readonly popupFallback: 'overlay' | 'none';
}

/** A preloaded link handed over to a flow: its state was sent with it; aborting `controller` stops its request. */
export interface TakenPreload {
  state: string;
  link: Promise<CheckedLink>;
  controller: AbortController;
}

/** A flow the element started, and what it owns until the flow ends. */
export interface Run {
  /** Aborted by the element, with an `AbortReason`, to end the flow from outside. */
  readonly controller: AbortController;
  readonly state: string;
  /** How the widget is shown (a blocked popup fell back to `overlay`). */
  readonly mode: Mode;
  /** The flow's link, given the flow's code (what reads and checks the answer comes with it). */
  readonly link: (code: LinkReader) => Promise<CheckedLink>;
  /** Popup mode: the window opened inside the click (null when the browser blocked it). */
  popupWindow?: Window | null;
  /** Popup mode, once the widget shows: its watcher, which owns the window from then on. */
  popup?: PopupWatch;
}

/** What reads a link request's answer: in the flow's code (first-use.ts). */
interface LinkReader {
  readLink: typeof readLink;
  readLinkAfterIban: typeof readLinkAfterIban;
}

/**
 * What the click may use besides the settings: the language it speaks (localize.ts), the blank popup's title,
 * ibantools if loaded, the preloaded link, loading ibantools.
 */
export interface StartParts {
  lang: Language;
  popupTitle: string;
  iban?: typeof IbanModule;
  /** Takes the preloaded link, if one has arrived and still fits (called only once the settings passed). */
  takePreload(): TakenPreload | undefined;
  loadIban(): Promise<typeof IbanModule | undefined>;
}

/**
 * Starts a flow: the `Run` to hand to runFlow, or the `error` outcome that ends the click at once (a property the
 * element cannot use, an IBAN already known invalid, a blocked popup with `popup-fallback="none"`). Nothing is
 * requested or opened before the settings passed.
 */
export function startFlow(settings: StartSettings, parts: StartParts): Run | Outcome {
  const accounts = checkSettings(settings);
  if (typeof accounts === 'string') return { type: 'error', code: 'invalid-property', message: accounts };
  const ibanRequired = settings.ibanField === 'required';
  // Checked here when ibantools is already loaded (it is once the field was used): no popup flashes open and
  // shut. Otherwise it is checked as soon as it is, before the link request.
  const ibanProblem = parts.iban?.ibanProblem(settings.iban, ibanRequired);
  if (parts.iban && ibanProblem) {
    return { type: 'error', code: 'invalid-iban', message: parts.iban.ibanProblemMessages[ibanProblem] };
  }
  const preloaded = parts.takePreload();
  const state = preloaded?.state ?? flowState(settings);
  const request = checkedRequest(settings, parts, state, accounts);
  let mode = settings.mode;
  let popupWindow: Window | null | undefined;
  if (mode === 'popup') {
    // Inside the click, before anything is awaited: popup blockers allow nothing later.
    popupWindow = openPopupWindow({ width: settings.popupWidth, height: settings.popupHeight }, popupWindowName());
    if (!popupWindow && settings.popupFallback === 'none') {
      return { type: 'error', code: 'popup-blocked', message: 'The browser blocked the popup window.' };
    }
    if (popupWindow) popupWindow.document.title = parts.popupTitle;
    else mode = 'overlay';
  }
  const controller = new AbortController();
  const { signal } = controller;
  const send = (checked: LinkRequest) => sendLinkRequest(settings, checked, signal);
  let link: Run['link'];
  if (preloaded) {
    signal.addEventListener('abort', () => preloaded.controller.abort(), { once: true });
    link = () => preloaded.link;
  } else if (request) {
    const sent = send(request);
    link = (code) => code.readLink(sent);
  } else {
    // ibantools is not here yet (on screen, hover and focus load it, so this is rare): check, then ask.
    const checks = parts.loadIban();
    const typed = settings.iban; // as typed at the click
    link = (code) =>
      code.readLinkAfterIban(checks, typed, ibanRequired, (iban) =>
        send(requestBody(settings, parts.lang, state, iban, accounts)),
      );
  }
  return { controller, state, mode, link, popupWindow };
}

/**
 * The link request a click would send now (with `state`, else the host's or a random one): the field's IBAN
 * first (electronic format), then the extra accounts; undefined while the IBAN cannot be checked yet (ibantools
 * not here) or is not valid (or missing, if required), or a setting is unusable. The preloader asks with it too.
 */
export function linkRequest(
  settings: StartSettings,
  parts: Pick<StartParts, 'iban' | 'lang'>,
  state = flowState(settings),
): LinkRequest | undefined {
  const accounts = checkSettings(settings);
  return typeof accounts === 'string' ? undefined : checkedRequest(settings, parts, state, accounts);
}

/** linkRequest once the accounts and mode passed. */
function checkedRequest(
  settings: StartSettings,
  { iban, lang }: Pick<StartParts, 'iban' | 'lang'>,
  state: string,
  accounts: AccountHint[],
): LinkRequest | undefined {
  const typed = settings.iban.trim();
  const required = settings.ibanField === 'required';
  if (!iban) return typed || required ? undefined : requestBody(settings, lang, state, '', accounts);
  if (iban.ibanProblem(typed, required)) return undefined;
  return requestBody(settings, lang, state, iban.parseIban(typed), accounts);
}

/** The request's body for a checked IBAN (electronic format, `''` for none) and checked accounts. */
function requestBody(
  settings: StartSettings,
  language: Language,
  state: string,
  iban: string,
  extra: AccountHint[],
): LinkRequest {
  const accounts = [...(iban ? [{ id: iban }] : []), ...extra];
  const syncPeriod = settings.syncPeriod ?? 0;
  return {
    redirect_uri: settings.redirectUri || window.location.origin + window.location.pathname,
    language,
    state,
    ...(accounts.length ? { accounts } : {}),
    ...(Number.isInteger(syncPeriod) && syncPeriod >= 1 ? { sync_period: syncPeriod } : {}),
  };
}

/** The host's `state`, or 128 random bits, new per flow. */
function flowState(settings: StartSettings): string {
  return settings.state || randomState();
}
