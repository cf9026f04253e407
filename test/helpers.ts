import { fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/nrich-connect.js';
import type { NrichConnect, NrichConnectEventMap } from '../src/index.js';

export type Terminal = NrichConnectEventMap['success' | 'abort' | 'error'];

/** Records every terminal event the element dispatches, to check that a flow ends exactly once. */
export function recordTerminalEvents(el: NrichConnect): Terminal[] {
  const seen: Terminal[] = [];
  for (const type of ['success', 'abort', 'error'] as const) el.addEventListener(type, (event) => seen.push(event));
  return seen;
}

/** The next terminal event. */
export function nextTerminal(el: NrichConnect): Promise<Terminal> {
  return Promise.race([oneEvent(el, 'success'), oneEvent(el, 'abort'), oneEvent(el, 'error')]) as Promise<Terminal>;
}

/** Lets queued messages and tasks run, so an extra (wrong) event would have arrived. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Types text with real key presses, one key per command. `sendKeys({ type })` over WebDriver classic (WebKit here)
 * presses all characters as one chord (every key down, then every key up), so a repeated character arrives once
 * ("0000" becomes "0"); one press per key behaves the same in every driver.
 */
export async function typeText(text: string): Promise<void> {
  for (const key of text) await sendKeys({ press: key });
}

export function connectButton(el: NrichConnect): HTMLButtonElement {
  return el.shadowRoot!.querySelector('button.connect')!;
}

export function ibanInput(el: NrichConnect): HTMLInputElement | null {
  return el.shadowRoot!.querySelector('input');
}

export function dialogOf(el: NrichConnect): HTMLDialogElement | null {
  return el.shadowRoot!.querySelector('dialog');
}

export function frameOf(el: NrichConnect): HTMLIFrameElement | null {
  return el.shadowRoot!.querySelector('iframe');
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

export async function element(endpoint = widgetLinkEndpoint()): Promise<NrichConnect> {
  return fixture<NrichConnect>(html`<nrich-connect endpoint=${endpoint}></nrich-connect>`);
}

/** Where the sandbox runs (another loopback origin), from the test server. */
export async function sandboxUrl(): Promise<string> {
  const env = (await (await fetch('/test-env.json')).json()) as { apiUrl: string };
  return env.apiUrl;
}

/** What the element last sent to `/test/record`. */
export async function lastRecordedRequest(): Promise<{
  headers: Record<string, string>;
  body: Record<string, unknown>;
}> {
  return (await fetch('/test/last-request')).json();
}

/** The popup's `redirect_uri`: the demo's callback page, which loads the standalone relay script. */
export const callbackPage = `${window.location.origin}/demo/callback.html`;

/** Polls until `read` returns a value (a window across origins throws meanwhile). */
export async function waitFor<T>(read: () => T | undefined | null | false, timeoutMs = 8000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      const value = read();
      if (value) return value;
    } catch {
      // not readable yet (cross-origin or loading)
    }
    if (Date.now() - started > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
