// The demo page as `npm start` serves it (Vite with the repo's vite.config.ts, the demo backend and the sandbox),
// photographed in Chromium and compared with the committed pictures in test/screenshots/.
//
// Robust across machines: the page uses its own web fonts (Inter, Noto Sans Arabic, from npm), the dashboard's
// data is a fixed fixture (fixtures/demo-data.json and SYNC, served in place of /api/accounts and /api/sync), and
// the comparison is made at a quarter of the resolution (4x4 pixel blocks averaged) with pixelmatch's color
// threshold, allowing 0.1% of the blocks to differ: glyph antialiasing and hinting differences vanish, while a moved,
// missing or recolored element still changes many blocks. On failure the new picture and a diff are written to
// test/screenshots/failed/. After an intended change: UPDATE_SCREENSHOTS=1 node --import tsx --test <this file>.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'puppeteer';
import { createServer, type ViteDevServer } from 'vite';
import { freePort, launchChromium } from './harness.js';

const BASELINES = path.resolve('test/screenshots');
const FAILED = path.join(BASELINES, 'failed');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const SCALE = 4;
const MAX_DIFFERENT = 0.001;
const DATA = JSON.parse(readFileSync('test/examples/fixtures/demo-data.json', 'utf8')) as {
  accounts: unknown[];
  transactions: unknown[];
};

const SYNC = {
  status: 'synced',
  lastSyncedAt: '2026-11-25T12:00:00.000Z',
  nextSyncAt: '2026-11-25T18:00:00.000Z',
  now: '2026-11-25T14:00:00.000Z',
  timeLapse: { stepMs: 3_600_000, everyMs: 5_000, running: true },
};

/** Averages SCALE x SCALE blocks: what is left is layout and color, not glyph edges. */
function downscale(png: PNG): { data: Uint8Array; width: number; height: number } {
  const width = Math.floor(png.width / SCALE);
  const height = Math.floor(png.height / SCALE);
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 4; channel++) {
        let sum = 0;
        for (let dy = 0; dy < SCALE; dy++) {
          for (let dx = 0; dx < SCALE; dx++) {
            sum += png.data[((y * SCALE + dy) * png.width + x * SCALE + dx) * 4 + channel]!;
          }
        }
        data[(y * width + x) * 4 + channel] = Math.round(sum / (SCALE * SCALE));
      }
    }
  }
  return { data, width, height };
}

function compare(name: string, actual: Buffer): void {
  const file = path.join(BASELINES, `${name}.png`);
  if (UPDATE) {
    mkdirSync(BASELINES, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const fail = (message: string, diff?: PNG) => {
    mkdirSync(FAILED, { recursive: true });
    writeFileSync(path.join(FAILED, `${name}.png`), actual);
    if (diff) writeFileSync(path.join(FAILED, `${name}.diff.png`), PNG.sync.write(diff));
    assert.fail(`${name}: ${message}; see ${path.relative(process.cwd(), FAILED)}/`);
  };
  if (!existsSync(file)) return fail('no baseline (UPDATE_SCREENSHOTS=1 makes one)');
  const expected = PNG.sync.read(readFileSync(file));
  const got = PNG.sync.read(actual);
  if (expected.width !== got.width || expected.height !== got.height) {
    return fail(`size ${got.width}x${got.height}, baseline ${expected.width}x${expected.height}`);
  }
  const [a, b] = [downscale(expected), downscale(got)];
  const diff = new PNG({ width: a.width, height: a.height });
  const different = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  const share = different / (a.width * a.height);
  if (share > MAX_DIFFERENT)
    fail(`${(share * 100).toFixed(2)}% of blocks differ (allowed ${MAX_DIFFERENT * 100}%)`, diff);
}

describe('demo page screenshots (Chromium)', () => {
  let vite: ViteDevServer;
  let origin: string;
  let browser: Browser;

  before(async () => {
    const port = await freePort();
    vite = await createServer({
      configFile: path.resolve('vite.config.ts'),
      server: { port, strictPort: true, host: '127.0.0.1' },
      logLevel: 'silent',
      clearScreen: false,
    });
    await vite.listen();
    origin = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await vite?.close();
  });

  /** The page at `lang` and `width`, connected (fixture data) or not, at its full height. */
  async function photograph(lang: string, width: number, connected: boolean): Promise<Buffer> {
    const page: Page = await browser.newPage();
    try {
      await page.setViewport({ width, height: 900 });
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const { pathname } = new URL(request.url());
        const json = (body: unknown) =>
          request.respond({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
        if (pathname === '/api/connection') return json({ status: connected ? 'active' : 'not_connected' });
        if (pathname === '/api/accounts') return json({ accounts: DATA.accounts });
        // What the keeper synced, at fixed times, with the sandbox's time-lapse note (the page polls it again).
        if (pathname === '/api/sync') return json({ ...SYNC, transactions: DATA.transactions });
        return request.continue();
      });
      await page.goto(`${origin}/?lang=${lang}`);
      await page.waitForFunction(
        (wanted) =>
          document.querySelector('nrich-connect')?.shadowRoot?.querySelector('button.connect') &&
          (!wanted || document.querySelector('#chart rect.chart-bar')),
        { timeout: 30_000 },
        connected,
      );
      await page.evaluate(() => document.fonts.ready);
      // Full height as one viewport (Chromium's full-page capture misplaces right-to-left pages).
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewport({ width, height });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return Buffer.from(await page.screenshot());
    } finally {
      await page.close();
    }
  }

  for (const [lang, width, connected] of [
    ['en', 1280, false],
    ['en', 1280, true],
    ['ar', 1280, true],
    ['ar', 390, false],
    ['de', 390, true],
  ] as const) {
    const name = `demo-${connected ? 'dashboard' : 'onboarding'}-${lang}-${width}`;
    it(`${name} looks as committed`, async () => compare(name, await photograph(lang, width, connected)));
  }
});
