import type { NrichConnect } from '../../src/index.js';
import { waitFor } from '../helpers.js';

const elementPage = `${window.location.origin}/test/fixtures/element-page.html`;

export interface StrandedFlow {
  el: NrichConnect;
  /** The page the element is on: a same-origin frame, which shares this tab's sessionStorage. */
  win: Window & typeof globalThis;
  frame: HTMLIFrameElement;
  /** Every event the element dispatched, in order. */
  events: { type: string; detail: Record<string, unknown> }[];
}

/**
 * A redirect flow whose page never left: the widget "location" answers 204 No Content, which browsers treat as a
 * navigation that does not happen. What remains is what a user leaves behind by pressing Back on the widget (and
 * the back/forward cache restoring the page): a pending redirect entry and a flow still held. It runs in a frame,
 * so the test page itself never navigates.
 */
export async function strandedRedirectFlow(): Promise<StrandedFlow> {
  const frame = document.createElement('iframe');
  frame.title = 'host page';
  frame.src = `${elementPage}?mode=redirect`;
  document.body.append(frame);
  const win = frame.contentWindow as Window & typeof globalThis;
  const el = (await waitFor(
    () => win.document.querySelector('nrich-connect')?.shadowRoot && win.document.querySelector('nrich-connect'),
  )) as NrichConnect;
  const events: StrandedFlow['events'] = [];
  for (const type of ['open', 'success', 'abort', 'error']) {
    el.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail }));
  }
  const nowhere = `${window.location.origin}/test/respond?status=204&body=`;
  el.createLink = async () => ({
    location: nowhere,
    id: `stranded-${Math.random().toString(36).slice(2)}`,
  });
  el.open();
  await waitFor(() => events.some((event) => event.type === 'open'));
  return { el, win, frame, events };
}

/**
 * What a redirect flow leaves in this tab's sessionStorage when its page is reloaded instead of returned to:
 * the entries its real code wrote, kept after the flow itself is gone.
 */
export async function staleRedirectEntries(): Promise<void> {
  const before = new Set(Object.keys(sessionStorage));
  const { frame } = await strandedRedirectFlow();
  const written = Object.entries(sessionStorage).filter(([key]) => !before.has(key));
  if (written.length === 0) throw new Error('the redirect flow stored no pending entry');
  frame.remove();
  for (const [key, value] of written) sessionStorage.setItem(key, value);
}
