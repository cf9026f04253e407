import { readLink } from '../flow/link-request.js';
import type { SentLinkRequest } from '../flow/send-link-request.js';
import type { TakenPreload } from '../flow/start-flow.js';
import type { LinkRequest } from '../protocol/link.js';
import { frameBlocked } from '../windows/frame-guard.js';
import type { Preloaded } from './view.js';

/** The element's settings the preloader reads (its public properties). */
export interface PreloadSettings {
  readonly preload?: string;
  readonly mode: 'overlay' | 'inline' | 'popup' | 'redirect';
  readonly disabled: boolean;
  readonly endpoint?: string;
  readonly createLink?: unknown;
  readonly state?: string;
  readonly preloadMaxAge: number;
  readonly isConnected: boolean;
}

/** What the element does for the preloader. */
export interface PreloadHooks {
  /** The link request a click would send now (with `state`, or the one a click would pick); undefined while its IBAN is not checked valid. */
  request(state?: string): LinkRequest | undefined;
  send(request: LinkRequest, signal: AbortSignal): SentLinkRequest;
  /** Renders the preloaded widget, hidden, or none. */
  show(preloaded?: Preloaded): void;
  /** How many elements of the page may hold a preloaded link at once (`NrichConnect.preloadLimit`). */
  limit(): number;
}

interface Held extends TakenPreload {
  /** What the link was asked with (`#key`): another key means another link. */
  key: string;
  /** `performance.now()` when it was asked for. */
  at: number;
  maxAge: number;
  timer: ReturnType<typeof setTimeout>;
  /** The link arrived and was checked: only such a link serves a click (a pending one may still be refused). */
  ready?: boolean;
}

/** The page's preloaders that hold a link (asked for or arrived), against the page-wide limit. */
const holding = new Set<Preloader>();

/**
 * The `preload` attribute's one link per element (loaded with the flow's code, see first-use.ts): asked for ahead
 * of the click with `preload: true`, so the host's endpoint can count or refuse it, and handed to the click's flow
 * only once it arrived, while it is fresh and was asked with the element's current settings. Anything else discards
 * it, so a stale widget is never shown and a refusal never reaches a click. Never in popup or redirect mode. At most
 * `NrichConnect.preloadLimit` elements of a page hold one at a time.
 */
export class Preloader {
  #held?: Held;
  /** A preload failed (refused by the host, or the network): no more for this element; clicks work as ever. */
  #off = false;
  /** A preload discarded for changed settings is asked for again once they rest. */
  #again?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly settings: PreloadSettings,
    private readonly hooks: PreloadHooks,
  ) {}

  /**
   * What a preloaded link must have been asked with to serve a click now (the host's `state` included, the random
   * one aside); undefined when nothing may be preloaded: not wanted, disabled, nowhere to ask yet, popup or redirect
   * mode, or an IBAN not checked valid.
   */
  #key(): string | undefined {
    const { preload, mode, disabled, endpoint, createLink, state } = this.settings;
    const request = this.hooks.request('-');
    const wanted = preload === '' || preload === 'auto' || preload === 'intent';
    if (!wanted || !request || disabled || (!endpoint && !createLink)) return undefined;
    if (mode !== 'overlay' && mode !== 'inline') return undefined;
    return JSON.stringify([mode, endpoint, state, request]);
  }

  /**
   * Asks for a link, unless one is held, preloading is off, or the settings allow none. `auto` preloads at `idle`
   * (the page's first idle moment) and on intent; `intent` on intent only (on screen, hover, focus).
   */
  preload(trigger: 'idle' | 'intent'): void {
    const { settings, hooks } = this;
    const key = this.#key();
    const request = hooks.request();
    // While settings change (a burst of `lang` flips, typing), only the wait's end asks: one link per burst.
    if (this.#held || this.#off || this.#again || !key || !request || !settings.isConnected) return;
    if (trigger === 'idle' && settings.preload === 'intent') return;
    if (holding.size >= hooks.limit()) return; // other elements of the page hold theirs
    const mode = settings.mode as Preloaded['mode']; // `#key` allows overlay and inline only
    const controller = new AbortController();
    const maxAge = settings.preloadMaxAge;
    const held: Held = {
      key,
      state: request.state,
      at: performance.now(),
      maxAge,
      controller,
      link: readLink(hooks.send({ ...request, preload: true }, controller.signal)),
      // Old links go on their own, so no stale frame lingers; `take` checks the age too (timers sleep in
      // background tabs).
      timer: setTimeout(() => this.discard(), maxAge),
    };
    this.#held = held;
    holding.add(this);
    // A refused preload, or a frame the page's CSP blocks, turns preloading off: the click then does it all
    // itself, and its flow reports what went wrong (a blocked frame would otherwise show an empty box).
    const giveUp = () => {
      if (this.#held !== held) return; // discarded or taken already
      this.#off = true;
      this.discard();
    };
    held.link.then(({ location }) => {
      if (this.#held !== held) return;
      held.ready = true;
      frameBlocked(new URL(location).origin, controller.signal).catch(giveUp);
      hooks.show({ mode, location });
    }, giveUp);
  }

  /**
   * The click: hands the held link over when it has arrived, is fresh and was asked with the current settings (its
   * frame stays where it is, the flow shows it); otherwise discards it and returns nothing, and the click asks for
   * a new link at once. A link still on its way is dropped rather than waited for: the host may yet refuse it, and
   * the click's own request has the click's own timeout.
   */
  take(): TakenPreload | undefined {
    const held = this.#held;
    if (!held?.ready || held.key !== this.#key() || performance.now() - held.at >= held.maxAge) {
      this.discard();
      return undefined;
    }
    this.#forget(held);
    return held;
  }

  /**
   * The element updated: a link asked with other settings (or `changed` ones, `createLink` / `fetchOptions`) is
   * discarded, and asked for again once they rest half a second (each change in a burst, `lang` flips or typing,
   * restarts the wait: one new link per burst). While a flow runs, nothing is asked (`request` gives none).
   */
  update(changed = false): void {
    const held = this.#held;
    if (!changed && (held ? held.key === this.#key() : this.#again === undefined)) return;
    this.discard();
    this.#again = setTimeout(() => {
      this.#again = undefined;
      this.preload('intent');
    }, 500);
  }

  /**
   * Drops the held link (its request stops, its frame goes); the element's removal calls this too. `reset`: the
   * host's user changed (`discardPreload()`): a refusal met before no longer turns preloading off.
   */
  discard(reset = false): void {
    clearTimeout(this.#again);
    this.#again = undefined;
    if (reset) this.#off = false;
    const held = this.#held;
    if (!held) return;
    this.#forget(held);
    held.controller.abort();
    this.hooks.show(undefined);
  }

  #forget(held: Held): void {
    this.#held = undefined;
    holding.delete(this);
    clearTimeout(held.timer);
  }
}
