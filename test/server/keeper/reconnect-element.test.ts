// The reconnect path end to end, as a host builds it (docs/backend.md, docs/keeper.md): a host server on loopback
// with createConnectHandlers (ongoing access, tokens kept under the signed-in user) serving a page with
// <nrich-connect> from dist/, the keeper in the same process on the same store (embedded mode: the local queue, its
// tables on PGlite), the sandbox with a clock. A user connects through the element in Chromium; the API then
// refuses the refresh token: the hook is told once and the keeper stops calling the API for it; the user connects
// again through the element, and the keeper picks the connection up by itself (syncs it, renews it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'puppeteer';
import { createConnectHandlers, errorResponse, MemoryTokenStore, toNodeHandler } from '../../../src/server/index.js';
import { createKeeper, transactionChanges, type Keeper } from '../../../src/server/keeper/index.js';
import { completeFlow, launchChromium, openPage } from '../../examples/harness.js';
import { useSandbox } from '../support/sandbox.js';
import { DAY, drain, memoryDatabase, RecordingHost } from './support.js';

const USER = 'user-42';
const sandbox = useSandbox();
let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(() => browser.close());

const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Bank</title><script type="module" src="/nrich-connect/nrich-connect.js"></script></head>
  <body>
    <nrich-connect endpoint="/api/widget-link" language="en">Connect your bank</nrich-connect>
    <p id="result" role="status"></p>
    <script type="module">
      const result = document.querySelector('#result');
      document.querySelector('nrich-connect').addEventListener('success', async (event) => {
        const response = await fetch('/api/exchange', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event.detail),
        });
        result.textContent = response.ok ? 'connected' : 'failed: ' + (await response.json()).error;
      });
    </script>
  </body>
</html>`;

/** The host: its page, the element's bundle from dist/, and the kit's two routes for the signed-in user. */
async function startHost(keeper: () => Keeper, store: MemoryTokenStore): Promise<{ origin: string; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { widgetLink, exchange } = createConnectHandlers({
    client: sandbox.client,
    store,
    redirectUris: [`${origin}/`],
    allowedOrigins: [origin],
    flow: 'ongoing/access',
    // The host's own sign-in (a cookie the test sets): the tokens are kept under the user, every flow alike.
    sessionKey: (request) => /(?:^|;\s*)user=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1],
    now: sandbox.clock.now,
    // docs/keeper.md: register a new connection with its consent's end; a reconnect needs nothing more (the
    // keeper sees new tokens).
    async onConnected({ key, tokens }) {
      if ((await keeper().connection(key)) === undefined) {
        await keeper().track(key, { consentExpiresAt: tokens.consentExpiresAt });
      }
    },
  });
  const routes: Record<string, (request: Request) => Promise<Response>> = {
    'POST /api/widget-link': widgetLink,
    'POST /api/exchange': exchange,
    'GET /': async () => new Response(PAGE, { headers: { 'content-type': 'text/html' } }),
  };
  server.on(
    'request',
    toNodeHandler(async (request) => {
      const path = new URL(request.url).pathname;
      const route = routes[`${request.method} ${path}`];
      if (route) return route(request);
      // The element's bundle and the chunks it loads on first use, from dist/cdn/ (no other file).
      const bundle = /^\/nrich-connect\/((?:chunks\/)?[\w.-]+\.js)$/.exec(path)?.[1];
      if (request.method === 'GET' && bundle) {
        const body = await readFile(`dist/cdn/${bundle}`);
        return new Response(body, { headers: { 'content-type': 'text/javascript' } });
      }
      return errorResponse(404, 'not_found', 'No such route.');
    }),
  );
  return { origin, server };
}

/** One flow through the element in Chromium, as the signed-in user: the flow id the host's backend started. */
async function connectInBrowser(origin: string): Promise<string> {
  const { page, log } = await openPage(browser);
  try {
    await page.setCookie({ name: 'user', value: USER, url: origin });
    await page.goto(`${origin}/`);
    const record = await completeFlow(page, sandbox.sandbox);
    assert.equal(record.result, 'connected', 'the host exchanged the code');
    assert.deepEqual(log.errors, []);
    return record.link.id;
  } finally {
    await page.close();
  }
}

test('a refused connection is told once and left alone; connecting again with the element makes the keeper keep it again', async () => {
  const store = new MemoryTokenStore();
  const database = await memoryDatabase();
  const host = new RecordingHost();
  const keeper = createKeeper({
    store,
    client: sandbox.client,
    fetchChanges: transactionChanges(sandbox.client),
    database,
    queue: { kind: 'local', concurrency: 2, retryDelaySeconds: 0.01 },
    schedule: { renewMarginMs: 30 * DAY, syncEveryMs: 100 * DAY, recheckMs: DAY / 4 },
    now: sandbox.clock.now,
    dispatchEveryMs: 3_600_000, // the test dispatches itself
    onChanges: host.onChanges,
    onNeedsUser: host.onNeedsUser,
  });
  await keeper.start();
  const { origin, server } = await startHost(() => keeper, store);
  const counters = (flowId: string) =>
    sandbox.sandbox.counters().connections[flowId] ?? { refreshes: 0, apiCalls: 0, doubleRefreshes: 0 };
  const tokenCalls = () => sandbox.sandbox.requests.filter((r) => r.path === '/auth/token').length;
  try {
    // 1. The user connects through the element; the keeper syncs the new connection.
    const first = await connectInBrowser(origin);
    assert.equal((await store.get(USER))?.status, 'active');
    const consent = sandbox.sandbox.connection(first)?.consent_expires_at;
    assert.ok(consent, 'the sandbox knows when this consent ends');
    assert.equal((await keeper.connection(USER))?.consentEndsAt, Date.parse(consent), 'onConnected handed it on');
    await drain(keeper);
    assert.ok(host.byKey.get(USER)?.size, 'the first sync handed the host its transactions');

    // 2. The renewal is due and the API refuses the refresh token.
    sandbox.clock.advance(61 * DAY);
    sandbox.sandbox.fail({
      path: '/auth/token',
      status: 400,
      body: JSON.stringify({ error: { code: 'invalid_grant', message: 'refresh token revoked' } }),
    });
    await drain(keeper);
    assert.deepEqual(host.notices, [{ key: USER, reason: 'invalid_grant' }]);
    assert.equal((await keeper.connection(USER))?.waiting, 'invalid_grant');

    // 3. Time goes on: not one call with that connection's tokens, no refresh at all, nothing told again.
    const refused = counters(first);
    const calls = tokenCalls();
    for (let i = 0; i < 20; i++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
    }
    assert.deepEqual(counters(first), refused, 'no API call for the refused connection');
    assert.equal(tokenCalls(), calls, 'no refresh attempted while it waits for its user');
    assert.equal(host.notices.length, 1, 'told once');

    // 4. The user connects again through the element: the host's exchange stores the tokens under the same key.
    const pagesBefore = host.pages.size;
    const second = await connectInBrowser(origin);
    assert.notEqual(second, first);
    assert.equal((await store.get(USER))?.status, 'active');
    sandbox.clock.advance(DAY / 2); // the next recheck of a waiting connection
    await drain(keeper);
    const picked = await keeper.connection(USER);
    assert.equal(picked?.waiting, undefined, 'no longer waiting for its user');
    assert.ok(counters(second).apiCalls > 0, 'the keeper called the API with the new tokens');
    assert.ok(host.pages.size > pagesBefore, 'the host received the new connection’s changes');

    // ... and renews it when due, from the new connection's tokens; the old one stays untouched.
    const renewedBefore = counters(second).refreshes;
    sandbox.clock.advance(61 * DAY);
    await drain(keeper);
    assert.equal(counters(second).refreshes, renewedBefore + 1, 'renewed when its margin was reached');
    const kept = await store.get(USER);
    assert.equal(kept?.status, 'active');
    assert.ok(kept.tokens.refreshExpiresAt! - sandbox.clock.now() > 29 * DAY, 'the refresh token is fresh');
    assert.equal(counters(second).doubleRefreshes, 0);
    assert.deepEqual(counters(first), refused, 'the refused connection never called again');
    assert.equal(host.notices.length, 1, 'onNeedsUser still called once');
    assert.equal(host.duplicatePages, 0);
  } finally {
    await keeper.stop();
    await database.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
