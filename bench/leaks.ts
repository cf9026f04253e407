/**
 * The leak benchmark: many open -> close flows per mode on one page, then what is left behind, after a full
 * garbage collection: event listeners (on window, document and the element's own tree, from Chromium's
 * DevTools, and V8's count of every JS listener in the renderer), DOM nodes, documents, frames, open
 * BroadcastChannels (counted by a wrapped constructor, see pages.ts) and the JS heap in use.
 *
 * Redirect mode is not cycled: each of its flows leaves the page, which throws away everything it held.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { BenchServers } from './servers.js';

/** A mode of the element, or `control`: the same flows on a page with no library (what the browser keeps itself). */
export type LeakMode = 'control' | 'overlay' | 'inline' | 'popup';
export const leakModes: readonly LeakMode[] = ['control', 'overlay', 'inline', 'popup'];

export interface LeakFigures {
  /** Listeners DevTools sees on window, document and every node of the page, shadow roots included. */
  listeners: number;
  /** V8's count of JS event listeners in the renderer process. */
  jsListeners: number;
  nodes: number;
  documents: number;
  frames: number;
  channels: number;
  heap: number;
}

export interface LeakResult {
  mode: LeakMode;
  cycles: number;
  /** After the warm-up cycles (code loaded, first-use caches filled). */
  before: LeakFigures;
  after: LeakFigures;
  /** What grew most between two heap snapshots (before, after), compiled code aside: [kind: name, count, bytes]. */
  growth: [string, number, number][];
}

declare global {
  interface Window {
    __events: Record<'open' | 'success' | 'abort' | 'error', number>;
    __openChannels(): number;
  }
}

const warmUp = 3;

export async function measureLeaks(
  browser: Browser,
  servers: BenchServers,
  cycles: number,
  modes: readonly LeakMode[] = leakModes,
  onProgress: (mode: LeakMode, done: number, heap: number) => void = () => {},
): Promise<LeakResult[]> {
  const results: LeakResult[] = [];
  for (const mode of modes) {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    try {
      const page = await context.newPage();
      await page.goto(`${servers.host}/${mode === 'control' ? 'leak-control.html' : `leak.html?mode=${mode}`}`);
      await page.waitForFunction(() => window.__bench.ready !== undefined);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const cycle = cycler(page, mode);
      for (let i = 0; i < warmUp; i++) await cycle();
      const before = await figures(page, cdp);
      const heapBefore = await heapObjects(cdp);
      for (let i = 1; i <= cycles; i++) {
        await cycle();
        if (i % 50 === 0 && i < cycles) onProgress(mode, i, (await figures(page, cdp)).heap);
      }
      const after = await figures(page, cdp);
      onProgress(mode, cycles, after.heap);
      results.push({ mode, cycles, before, after, growth: growth(heapBefore, await heapObjects(cdp)) });
    } finally {
      await context.close();
    }
  }
  return results;
}

/**
 * One flow: a real click (popups need the user's activation), wait for `open`, close the way a user or host would
 * (Escape on the overlay, `close()` for inline, the waiting panel's Cancel for the popup), wait for `abort`.
 */
function cycler(page: Page, mode: LeakMode): () => Promise<void> {
  let flows = 0;
  const button = page.locator(mode === 'control' ? '#connect' : 'nrich-connect button.connect');
  return async () => {
    flows += 1;
    await button.click();
    await page.waitForFunction((n) => window.__events.open >= n, flows);
    if (mode === 'overlay' || mode === 'control') await page.keyboard.press('Escape');
    if (mode === 'inline') await page.evaluate(() => document.querySelector('nrich-connect')!.close());
    if (mode === 'popup') await page.locator('nrich-connect .waiting button:last-of-type').click();
    await page.waitForFunction((n) => window.__events.abort >= n, flows);
    const { error, success } = await page.evaluate(() => window.__events);
    if (error || success) throw new Error(`${mode}: a flow ended with error or success, not abort`);
  };
}

async function figures(page: Page, cdp: CDPSession): Promise<LeakFigures> {
  // Frames and popups close asynchronously; let them go (a closed popup leaves the context's pages), then collect
  // until the heap stops shrinking. The resource timing buffer (what the page fetched) is the browser's record,
  // not the element's: cleared first.
  for (let waited = 0; page.context().pages().length > 1 && waited < 5000; waited += 100) {
    await page.waitForTimeout(100);
  }
  // A closed flow's frames (the widget's, a popup's blank first document) are torn down a moment later.
  for (let waited = 0; metric(await cdp.send('Performance.getMetrics'), 'Frames') > 1 && waited < 3000; waited += 100) {
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(500);
  await page.evaluate(() => performance.clearResourceTimings());
  let heap = Infinity;
  for (let i = 0; i < 5; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    const used = metric(await cdp.send('Performance.getMetrics'), 'JSHeapUsedSize');
    if (used >= heap) break;
    heap = used;
  }
  const metrics = await cdp.send('Performance.getMetrics');
  return {
    listeners: await domListeners(cdp),
    jsListeners: metric(metrics, 'JSEventListeners'),
    nodes: metric(metrics, 'Nodes'),
    documents: metric(metrics, 'Documents'),
    frames: metric(metrics, 'Frames'),
    channels: await page.evaluate(() => window.__openChannels()),
    heap: metric(metrics, 'JSHeapUsedSize'),
  };
}

function metric(result: { metrics: { name: string; value: number }[] }, name: string): number {
  const found = result.metrics.find((entry) => entry.name === name);
  if (!found) throw new Error(`Chromium reports no ${name} metric`);
  return found.value;
}

/** DOMDebugger.getEventListeners on window, document and every node, into open shadow roots. */
async function domListeners(cdp: CDPSession): Promise<number> {
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `(() => {
      const targets = [window, document];
      const walk = (root) => {
        for (const node of root.querySelectorAll('*')) {
          targets.push(node);
          if (node.shadowRoot) targets.push(node.shadowRoot), walk(node.shadowRoot);
        }
      };
      walk(document);
      return targets;
    })()`,
  });
  const { result: entries } = await cdp.send('Runtime.getProperties', {
    objectId: result.objectId!,
    ownProperties: true,
  });
  let count = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry.name) || !entry.value?.objectId) continue;
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: entry.value.objectId });
    count += listeners.length;
  }
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId! });
  return count;
}

type HeapObjects = Map<string, { count: number; bytes: number }>;

/**
 * A heap snapshot, counted by kind and name (constructor, closure or DOM class). Compiled code (`code`, V8's
 * `system /` internals) is left out: it grows as functions get optimized, which is the engine's business.
 */
async function heapObjects(cdp: CDPSession): Promise<HeapObjects> {
  let json = '';
  const onChunk = ({ chunk }: { chunk: string }) => (json += chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snapshot = JSON.parse(json) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const [type, name, size] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [
    number,
    number,
    number,
  ];
  const objects: HeapObjects = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = snapshot.snapshot.meta.node_types[0][snapshot.nodes[i + type]!]!;
    const label = snapshot.strings[snapshot.nodes[i + name]!]!;
    if (kind === 'code' || label.startsWith('system /') || kind.includes('string')) continue;
    const key = `${kind}: ${label.slice(0, 60)}`;
    const entry = objects.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + size]!;
    objects.set(key, entry);
  }
  return objects;
}

function growth(before: HeapObjects, after: HeapObjects): [string, number, number][] {
  return [...after]
    .map(([key, { count, bytes }]): [string, number, number] => [
      key,
      count - (before.get(key)?.count ?? 0),
      bytes - (before.get(key)?.bytes ?? 0),
    ])
    .filter(([, count, bytes]) => count > 0 && bytes > 0)
    .sort((a, b) => b[2] - a[2])
    .slice(0, 4);
}
