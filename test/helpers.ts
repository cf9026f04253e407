import { sendKeys } from '@web/test-runner-commands';
import type * as HarnessModule from './harness.js';

/**
 * Resolves in a later task of `win` (this window by default), once every microtask queued before has run, and every
 * timer of that window already due (a 0 ms timer, ordered after those queued before it): what a promise chain
 * started by an event already seen does next is done by then. Call it after a positive signal (the event, the
 * request, the message); it waits for no amount of time.
 */
export function nextTask(win: Window = window): Promise<void> {
  return new Promise((resolve) => win.setTimeout(resolve, 0));
}

/**
 * The next message to this window that `match`es, seen by a listener added now, so after the listeners added
 * before (the element's): when it resolves, theirs ran, and their promise chains too (`nextTask`).
 */
export function windowMessage(match: (event: MessageEvent) => boolean): Promise<MessageEvent> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (!match(event)) return;
      window.removeEventListener('message', onMessage);
      void nextTask().then(() => resolve(event));
    };
    window.addEventListener('message', onMessage);
  });
}

/**
 * Types text with real key presses, one key per command. `sendKeys({ type })` over WebDriver classic (WebKit here)
 * presses all characters as one chord (every key down, then every key up), so a repeated character arrives once
 * ("0000" becomes "0"); one press per key behaves the same in every driver.
 */
export async function typeText(text: string): Promise<void> {
  for (const key of text) await sendKeys({ press: key });
}

/**
 * The demo backend on the test server, in front of the embedded sandbox. Sandbox switches ride on the query:
 * `autopilot` makes the sandbox widget press one of its own buttons once loaded (authorize | cancel | fail),
 * `message_shape=legacy` selects the older message shape.
 */
export function widgetLinkEndpoint(switches: Record<string, string> = {}): string {
  const query = new URLSearchParams(switches).toString();
  return `/api/widget-link${query ? `?${query}` : ''}`;
}

/** A test endpoint that answers exactly this (test/test-endpoints.mjs). */
export function respond(status: number, body: string, type = 'application/json'): string {
  return `/test/respond?${new URLSearchParams({ status: String(status), body, type })}`;
}

/** Where the sandbox runs (another loopback origin), from the test server. */
export async function sandboxUrl(): Promise<string> {
  const env = (await (await fetch('/test-env.json')).json()) as { apiUrl: string };
  return env.apiUrl;
}

/**
 * A test endpoint that remembers what it was sent and answers 503 `{"message":"recorded"}`; `lastRecordedRequest`
 * reads it back. Keyed per call, as the browsers run side by side against one test server.
 */
const recordKey = Math.random().toString(36).slice(2);
export const recordingEndpoint = `/test/record?key=${recordKey}`;

/** What the element last sent to `recordingEndpoint`. */
export async function lastRecordedRequest(): Promise<{
  headers: Record<string, string>;
  body: Record<string, unknown>;
}> {
  return (await fetch(`/test/last-request?key=${recordKey}`)).json();
}

/** Makes the test server answer the next GET of `path` with 503: a chunk that fails to load once. */
export async function failNextLoadOf(path: string): Promise<void> {
  await fetch(`/test/fail-once?${new URLSearchParams({ path })}`, { method: 'POST' });
}

/**
 * Makes the test server hold the next GET of `path` (a chunk still loading) until the returned `release()`, which
 * tells whether that GET had arrived; `arrived()` waits until it has (the browser asked, and waits).
 */
export async function holdNextLoadOf(path: string): Promise<{ release(): Promise<boolean>; arrived(): Promise<void> }> {
  const query = new URLSearchParams({ path });
  await fetch(`/test/hold-once?${query}`, { method: 'POST' });
  return {
    arrived: async () =>
      void (await waitFor(
        async () => ((await (await fetch(`/test/held?${query}`)).json()) as { arrived: boolean }).arrived,
      )),
    release: async () =>
      ((await (await fetch(`/test/release?${query}`, { method: 'POST' })).json()) as { arrived: boolean }).arrived,
  };
}

/**
 * Registers `<nrich-connect>` from URLs no other test page uses (`/fresh-<token>/src/...`, served as `/src/...`),
 * then gives the harness and that URL prefix. The test runner serves modules with a one-year max-age, so test pages
 * share the HTTP cache: a chunk another page loaded would come from there, and a failure staged with
 * `failNextLoadOf` would never be asked for. Call it in `before()` of a test file that imports the harness (which
 * registers the element too) only through it.
 */
export async function freshElement(): Promise<typeof HarnessModule & { prefix: string }> {
  const prefix = `/fresh-${Math.random().toString(36).slice(2)}`;
  await import(/* @vite-ignore */ `${prefix}/src/nrich-connect.ts`);
  return { ...(await import('./harness.js')), prefix };
}

/** The popup's `redirect_uri`: the demo's callback page, which loads the standalone relay script. */
export const callbackPage = `${window.location.origin}/demo/callback.html`;

/** Polls until `read` returns (or resolves with) a value (a window across origins throws meanwhile). */
export async function waitFor<T>(
  read: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 8000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      const value = await read();
      if (value) return value;
    } catch {
      // not readable yet (cross-origin or loading)
    }
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface TrackedListener {
  target: string;
  type: string;
  listener: unknown;
  capture: boolean;
  signal?: AbortSignal;
  removed: boolean;
}

/**
 * Records the listeners added to `window` and `document` from now on. `installed()` names those still in place:
 * not removed, and their `signal` (if any) not aborted. `stop()` ends the recording.
 */
export function trackWindowListeners(): { installed(): string[]; stop(): void } {
  const tracked: TrackedListener[] = [];
  const originals: [EventTarget, string, EventTarget['addEventListener'], EventTarget['removeEventListener']][] = [];
  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const add = target.addEventListener;
    const remove = target.removeEventListener;
    originals.push([target, name, add, remove]);
    const capture = (options?: boolean | EventListenerOptions) =>
      typeof options === 'boolean' ? options : (options?.capture ?? false);
    target.addEventListener = function (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) {
      const signal = typeof options === 'object' ? options.signal : undefined;
      tracked.push({ target: name, type, listener, capture: capture(options), signal, removed: false });
      return add.call(this, type, listener, options);
    };
    target.removeEventListener = function (
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ) {
      for (const entry of tracked) {
        if (entry.target === name && entry.type === type && entry.listener === listener) {
          if (entry.capture === capture(options)) entry.removed = true;
        }
      }
      return remove.call(this, type, listener, options);
    };
  }
  return {
    installed: () =>
      tracked
        .filter((entry) => !entry.removed && !entry.signal?.aborted)
        .map((entry) => `${entry.target} ${entry.type}`),
    stop: () => {
      for (const [target, , add, remove] of originals) {
        target.addEventListener = add;
        target.removeEventListener = remove;
      }
    },
  };
}
