/**
 * The latency benchmark: the physical limit, Mastercard's connect-web-sdk and nrich-connect, side by side, each
 * measured in the page's own clock (see pages.ts): page -> button visible, and act -> link request / widget page
 * requested / widget visible for tap, mouse and keyboard; with `preload`, act -> widget visible.
 */
import type { Browser, Page } from 'playwright-core';
import type { BenchServers } from './servers.js';

export type Input = 'tap' | 'mouse' | 'keyboard';
export const inputs: readonly Input[] = ['tap', 'mouse', 'keyboard'];

export interface Variant {
  id: string;
  name: string;
  path: string;
  button: string;
  /** The page loads link and widget before the act: measure act -> visible only. */
  preload?: boolean;
  /** Measure page -> button only (nothing to open). */
  buttonOnly?: boolean;
}

const nrichButton = 'nrich-connect button.connect';

export const variants: readonly Variant[] = [
  {
    id: 'limit',
    name: 'physical limit (inline handler: fetch link, append iframe)',
    path: 'limit.html',
    button: '#connect',
  },
  {
    id: 'one-script',
    name: 'one script round trip (a module from the CDN shows the button)',
    path: 'one-script.html',
    button: '#connect',
    buttonOnly: true,
  },
  {
    id: 'mastercard',
    name: "Mastercard's connect-web-sdk 2.3.0 (Connect.launch)",
    path: 'mastercard.html',
    button: '#connect',
  },
  { id: 'nrich', name: 'nrich-connect CDN bundle', path: 'nrich.html', button: nrichButton },
  {
    id: 'limit-preload',
    name: 'physical limit, preloaded (hidden iframe shown)',
    path: 'limit-preload.html',
    button: '#connect',
    preload: true,
  },
  {
    id: 'limit-preload-modal',
    name: 'physical limit, preloaded, modal (`showModal()` of a dialog holding the loaded iframe)',
    path: 'limit-preload.html?modal',
    button: '#connect',
    preload: true,
  },
  {
    id: 'nrich-preload',
    name: 'nrich-connect, `preload`, overlay',
    path: 'nrich.html?preload=',
    button: nrichButton,
    preload: true,
  },
  {
    id: 'nrich-preload-inline',
    name: 'nrich-connect, `preload`, inline',
    path: 'nrich.html?preload=&mode=inline',
    button: nrichButton,
    preload: true,
  },
];

export interface LatencyOptions {
  runs: number;
  /** Milliseconds between the button showing and the act: a user reads before acting. */
  think: number;
  /** Milliseconds the pointer rests on the button (mouse) or focus sits on it (keyboard) before the act. */
  dwell: number;
}

export interface Sample {
  variant: Variant;
  input: Input;
  /** Navigation start -> first frame with a usable button. */
  ready: number;
  /** act -> link request started (undefined: preloaded before the act). */
  link?: number;
  /** act -> widget page requested (undefined: preloaded before the act). */
  widget?: number;
  /** act -> first frame with the widget visible. */
  visible: number;
  /** The act's click -> first frame with the widget visible (a pointer's click comes on release). */
  clickToVisible: number;
  /** A preload variant whose widget had not loaded before the act (its figure is then not a preload's). */
  notPreloaded?: boolean;
}

interface BenchState {
  armed: boolean;
  ready?: number;
  act?: number;
  click?: number;
  visible?: number;
  links: number[];
  widget: number[];
}

declare global {
  interface Window {
    __bench: BenchState;
  }
}

export async function measureLatency(
  browser: Browser,
  servers: BenchServers,
  options: LatencyOptions,
  onSample: (sample: Sample) => void = () => {},
): Promise<Sample[]> {
  const samples: Sample[] = [];
  // Round robin, so a slow moment of the machine spreads over all variants instead of hitting one.
  for (let run = 0; run < options.runs; run++) {
    for (const variant of variants) {
      for (const input of variant.buttonOnly ? (['mouse'] as const) : inputs) {
        const sample = await measureOnce(browser, servers, variant, input, options);
        samples.push(sample);
        onSample(sample);
      }
    }
  }
  return samples;
}

async function measureOnce(
  browser: Browser,
  servers: BenchServers,
  variant: Variant,
  input: Input,
  options: LatencyOptions,
): Promise<Sample> {
  // A fresh context per sample: empty cache, no connection reuse, as a first visit.
  const context = await browser.newContext({ hasTouch: input === 'tap', viewport: { width: 900, height: 700 } });
  try {
    const page = await context.newPage();
    await page.goto(`${servers.host}/${variant.path}`);
    await page.waitForFunction(() => window.__bench.ready !== undefined, null, { timeout: 20000 });
    if (variant.buttonOnly) {
      const ready = await page.evaluate(() => window.__bench.ready!);
      return { variant, input, ready, visible: NaN, clickToVisible: NaN };
    }
    let notPreloaded = false;
    if (variant.preload) {
      // The widget's frame reports its request once it has loaded.
      await page
        .waitForFunction(() => window.__bench.widget.length > 0, null, { timeout: 5000 })
        .catch(() => (notPreloaded = true));
    }
    await page.waitForTimeout(options.think);
    await act(page, variant.button, input, options.dwell);
    await page.waitForFunction(
      (preload) => {
        const bench = window.__bench;
        const requested = preload || bench.widget.some((start) => start >= (bench.act ?? Infinity));
        return requested && bench.visible !== undefined;
      },
      !!variant.preload && !notPreloaded,
      { timeout: 20000 },
    );
    const bench = await page.evaluate(() => window.__bench);
    const actAt = bench.act!;
    const after = (times: number[]) => {
      const first = times.find((time) => time >= actAt);
      return first === undefined ? undefined : first - actAt;
    };
    return {
      variant,
      input,
      ready: bench.ready!,
      link: after(bench.links),
      widget: after(bench.widget),
      visible: bench.visible! - actAt,
      clickToVisible: bench.visible! - bench.click!,
      ...(notPreloaded ? { notPreloaded } : {}),
    };
  } finally {
    await context.close();
  }
}

/** The user's act, as each input mode does it; the page records the act at its first input event. */
async function act(page: Page, selector: string, input: Input, dwell: number): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (!box) throw new Error(`No button ${selector} on ${page.url()}`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const arm = () => page.evaluate(() => (window.__bench.armed = true));
  switch (input) {
    case 'tap':
      // Touch has no hover: the tap is the first the page hears of the user.
      await arm();
      await page.touchscreen.tap(x, y);
      return;
    case 'mouse':
      await page.mouse.move(x, y, { steps: 4 });
      await page.waitForTimeout(dwell);
      await arm();
      await page.mouse.down();
      await page.mouse.up();
      return;
    case 'keyboard': {
      await page.keyboard.press('Tab');
      const focused = await page.locator(selector).evaluate((button) => button.matches(':focus'));
      if (!focused) throw new Error(`Tab did not focus ${selector} on ${page.url()}`);
      await page.waitForTimeout(dwell);
      await arm();
      await page.keyboard.press('Enter');
      return;
    }
  }
}
