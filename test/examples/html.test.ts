// demo/examples/html: plain pages served by their Express server, the element from a second origin as a CDN
// serves it (the packed package's dist/cdn/), with a module tag and with a classic tag.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startCdn } from './cdn-server.js';
import {
  assertAppReceived,
  completeFlow,
  EXAMPLES_DIR,
  exampleEnvironment,
  freePort,
  openPage,
  startApp,
} from './harness.js';

const CDN_FOLDER = path.join(EXAMPLES_DIR, 'html/node_modules/nrich-connect/dist/cdn');
const CDN_PREFIX = '/npm/nrich-connect@0.1/dist/cdn/';

describe('plain HTML with the CDN files', () => {
  const env = exampleEnvironment();

  for (const [name, page] of [
    ['a module script tag', '/'],
    ['a classic script tag', '/classic.html'],
  ] as const) {
    it(`${name} from another origin: a complete flow reaches the page's listener`, async () => {
      const cdn = await startCdn(CDN_FOLDER, { prefix: CDN_PREFIX });
      const app = await startApp('html', ['node', 'server.mjs'], {
        port: await freePort(),
        sandbox: env.sandbox(),
        env: { CDN_URL: cdn.url },
      });
      const { page: tab, log } = await openPage(env.browser());
      try {
        await tab.goto(`${app.origin}${page}`);
        assertAppReceived(await completeFlow(tab, env.sandbox()), app.origin);
        // The element came from the CDN's origin (entry and its chunks), not from the app.
        assert.ok(cdn.requests.includes(`${CDN_PREFIX}nrich-connect.js`));
        assert.ok(cdn.requests.some((request) => request.startsWith(`${CDN_PREFIX}chunks/`)));
        assert.deepEqual(log.errors, []);
      } finally {
        await tab.close();
        await app.stop();
        await cdn.close();
      }
    });
  }

  it('a classic tag whose module build cannot load says so in the console, naming the fix', async () => {
    const cdn = await startCdn(CDN_FOLDER, { prefix: CDN_PREFIX, cors: false });
    const app = await startApp('html', ['node', 'server.mjs'], {
      port: await freePort(),
      sandbox: env.sandbox(),
      env: { CDN_URL: cdn.url },
    });
    const { page: tab, log } = await openPage(env.browser());
    try {
      await tab.goto(`${app.origin}/classic.html`);
      const message = await waitFor(() => log.errors.find((line) => line.includes('nrich-connect: could not load')));
      assert.match(message, new RegExp(`could not load ${cdn.url}nrich-connect\\.js`));
      assert.match(message, /Access-Control-Allow-Origin/);
      assert.equal(await tab.evaluate(() => customElements.get('nrich-connect')), undefined);
    } finally {
      await tab.close();
      await app.stop();
      await cdn.close();
    }
  });
});

async function waitFor<T>(probe: () => T | undefined, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
