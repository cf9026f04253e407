// demo/examples/html: plain pages served by their Express server, the element from a second origin as a CDN
// serves it (the packed package's dist/cdn/), with a module script tag and with a classic one.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startCdn } from './cdn-server.js';
import { checkExampleFlow, EXAMPLES_DIR, exampleEnvironment, freePort, openPage, startApp } from './harness.js';
import { until } from '../support/until.js';

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
      try {
        await checkExampleFlow(env, 'html', ['node', 'server.mjs'], { page, env: { CDN_URL: cdn.url } });
        // The element came from the CDN's origin, its chunks too; the classic page loaded the loader first.
        assert.ok(cdn.requests.includes(`${CDN_PREFIX}nrich-connect.js`));
        assert.ok(cdn.requests.some((request) => request.startsWith(`${CDN_PREFIX}chunks/`)));
        assert.equal(cdn.requests.includes(`${CDN_PREFIX}nrich-connect.classic.js`), page === '/classic.html');
      } finally {
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
    const { page, log } = await openPage(env.browser());
    try {
      await page.goto(`${app.origin}/classic.html`);
      await page.waitForFunction(() => document.readyState === 'complete');
      await until(() => log.errors.some((line) => line.includes('nrich-connect: could not load'))).catch(() => {});
      const message =
        log.errors.find((line) => line.includes('nrich-connect: could not load')) ?? log.errors.join('\n');
      assert.ok(message.includes(`could not load ${cdn.url}nrich-connect.js`), message);
      assert.match(message, /Access-Control-Allow-Origin/);
      assert.equal(await page.evaluate(() => customElements.get('nrich-connect')), undefined);
    } finally {
      await page.close();
      await app.stop();
      await cdn.close();
    }
  });
});
