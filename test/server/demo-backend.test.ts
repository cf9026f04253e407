import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoBackend, type DemoMiddleware } from '../../demo/backend/index.js';
import { readDemoConfig, startDemoServices } from '../../demo/backend/config.js';
import { createSessions, MemoryTokenStore } from '../../src/server/index.js';
import { watchConsole } from './support/console-watch.js';
import { listen, type LocalServer } from './support/local-servers.js';
import { completeWidget, HOUR, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from './support/sandbox.js';

const consoleOutput = watchConsole();
const REDIRECT_URI = 'http://localhost:5173/callback.html';
const bodies: string[] = [];

let app: LocalServer;

/** The middleware on node:http, with a last handler that shows what fell through. */
function serve(middleware: DemoMiddleware): Promise<LocalServer> {
  return listen((req, res) =>
    middleware(req, res, () => {
      res.statusCode = 418;
      res.end('fell through');
    }),
  );
}

const sandbox = useSandbox(async ({ url, clock }) => {
  app = await serve(
    createDemoBackend({
      apiUrl: url,
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      redirectUris: [REDIRECT_URI],
      now: clock.now,
      sandbox: true,
      store: new MemoryTokenStore(),
      sessions: createSessions({ secret: 'test-session-secret-of-32-characters-or-more' }),
    }),
  );
});
after(() => app.close());

/** A browser's worth of cookie handling: one jar per user. */
class Browser {
  cookie: string | undefined;
  setCookies: string[] = [];

  async request(
    path: string,
    body?: unknown,
    base = app.url,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.setCookies = response.headers.getSetCookie();
    const first = this.setCookies[0];
    if (first) this.cookie = first.split(';')[0];
    const text = await response.text();
    bodies.push(text);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  }

  /** Click to code: widget link, the user authorizes in the widget, the page posts the code; answers the flow id. */
  async connect(linkBody: Record<string, unknown> = {}, base = app.url, sandboxUrl = sandbox.url): Promise<string> {
    const link = await this.request(
      '/api/widget-link',
      { redirect_uri: REDIRECT_URI, language: 'en', state: 's1', ...linkBody },
      base,
    );
    assert.equal(link.status, 200);
    const query = await completeWidget(sandboxUrl, String(link.body.location));
    // The element's success detail, posted unchanged.
    const detail = { code: query.code, state: query.state, flow_id: query.flow_id };
    const exchanged = await this.request('/api/exchange', detail, base);
    assert.equal(exchanged.status, 200);
    assert.deepEqual(exchanged.body, { connected: true, flow_id: query.flow_id }, 'the page never receives tokens');
    return String(query.flow_id);
  }
}

describe('the whole flow', () => {
  const user = new Browser();

  test('no session yet: 401', async () => {
    const { status, body } = await user.request('/api/accounts');
    assert.equal(status, 401);
    assert.equal(body.error, 'not_connected');
  });

  test('widget link sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const { status, body } = await user.request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 's1' });
    assert.equal(status, 200);
    assert.ok(typeof body.location === 'string' && typeof body.id === 'string');
    assert.match(user.setCookies[0] ?? '', /^nrich_session=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  test('code exchange, then accounts and the latest transactions', async () => {
    await user.connect({ accounts: [{ id: 'DE89 3704 0044 0532 0130 00' }] });
    const accounts = await user.request('/api/accounts');
    assert.equal(accounts.status, 200);
    const list = accounts.body.accounts as { iban: string }[];
    assert.equal(list[0]?.iban, 'DE89370400440532013000');

    const latest = await user.request('/api/transactions?count=5');
    const more = await user.request('/api/transactions?count=10');
    const five = latest.body.transactions as { transaction_id: string; booking_date: string }[];
    const ten = more.body.transactions as { transaction_id: string; booking_date: string }[];
    assert.equal(five.length, 5);
    assert.deepEqual(five, ten.slice(0, 5));
    assert.ok(
      ten.every((tx, i) => i === 0 || tx.booking_date <= String(ten[i - 1]?.booking_date)),
      'newest first',
    );
  });

  test('refresh rotates, shown by fingerprints only', async () => {
    const first = await user.request('/api/refresh', {});
    assert.equal(first.status, 200);
    assert.equal(first.body.rotated, true);
    assert.match(String(first.body.refreshTokenFingerprint), /^[0-9a-f]{8}$/);
    assert.notEqual(first.body.refreshTokenFingerprint, first.body.previousFingerprint);
    const second = await user.request('/api/refresh', {});
    assert.equal(second.body.previousFingerprint, first.body.refreshTokenFingerprint);
    assert.equal((await user.request('/api/accounts')).status, 200, 'the rotated tokens work');
  });

  // The demo starts ongoing flows: tokens kept for the 90 days, refreshed when due.
  test('an expired access token is refreshed behind the scenes', async () => {
    sandbox.clock.advance(HOUR + 1000);
    assert.equal((await user.request('/api/accounts')).status, 200);
  });

  test('a dead connection (refresh token past 90 days) asks to reconnect, and reconnecting restores it', async () => {
    assert.deepEqual((await user.request('/api/connection')).body, { status: 'active' });
    sandbox.clock.advance(91 * 24 * HOUR);
    const { status, body } = await user.request('/api/accounts');
    assert.equal(status, 401);
    assert.equal(body.error, 'reconnect');
    assert.equal((await user.request('/api/accounts')).body.error, 'reconnect', 'it stays lapsed, no retry loop');
    assert.deepEqual((await user.request('/api/connection')).body, {
      status: 'needs_reauthorization',
      reason: 'expired',
    });
    await user.connect();
    assert.deepEqual((await user.request('/api/connection')).body, { status: 'active' });
    assert.equal((await user.request('/api/accounts')).status, 200);
  });
});

describe('guards', () => {
  test('a replayed exchange is refused', async () => {
    const user = new Browser();
    const link = await user.request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 'replay' });
    const query = await completeWidget(sandbox.url, String(link.body.location));
    const detail = { code: query.code, state: query.state, flow_id: query.flow_id };
    assert.equal((await user.request('/api/exchange', detail)).status, 200);
    const again = await user.request('/api/exchange', detail);
    assert.equal(again.status, 409);
    assert.equal(again.body.error, 'flow_already_used');
  });

  test("another browser's code is refused (login CSRF), and so is an exchange without a session", async () => {
    const victim = new Browser();
    const attacker = new Browser();
    const link = await attacker.request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 'attack' });
    const query = await completeWidget(sandbox.url, String(link.body.location));
    const detail = { code: query.code, state: query.state, flow_id: query.flow_id };
    await victim.request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 'victim' });
    const forged = await victim.request('/api/exchange', detail);
    // Answered as a flow that does not exist: no oracle for another session's flows.
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error, 'unknown_flow');
    assert.equal((await new Browser().request('/api/exchange', detail)).body.error, 'no_session');
    assert.equal((await new Browser().request('/api/exchange', {})).body.error, 'invalid_request');
  });

  test('the widget link enforces the allow-list', async () => {
    const { status, body } = await new Browser().request('/api/widget-link', {
      redirect_uri: 'https://evil.example/',
      state: 's1',
    });
    assert.equal(status, 400);
    assert.equal(body.error, 'redirect_uri_not_allowed');
  });

  test('sessions are separate, and a made-up or re-signed session id is not adopted', async () => {
    for (const madeUp of [
      'nrich_session=00000000-0000-4000-8000-000000000000',
      `nrich_session=${'A'.repeat(22)}.${'A'.repeat(43)}`,
    ]) {
      const other = new Browser();
      other.cookie = madeUp;
      assert.equal((await other.request('/api/accounts')).status, 401);
      await other.request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 's2' });
      assert.notEqual(other.cookie, madeUp);
      assert.match(other.cookie ?? '', /^nrich_session=[\w-]{22}\.[\w-]{43}$/);
    }
  });

  test('session fixation: a planted session sees nothing of the connection the victim makes with it', async () => {
    const attacker = new Browser();
    await attacker.request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 'plant' });
    const planted = attacker.cookie;
    assert.ok(planted);
    const victim = new Browser();
    victim.cookie = planted; // set by a sibling subdomain or over plain http
    await victim.connect();
    assert.notEqual(victim.cookie, planted, 'connecting moved the session to a new id');
    assert.equal((await victim.request('/api/accounts')).status, 200);
    const seen = await attacker.request('/api/accounts');
    assert.deepEqual([seen.status, seen.body.error], [401, 'not_connected']);
    assert.equal((await attacker.request('/api/connection')).body.status, 'not_connected');
  });

  test('the sandbox switches in the page query reach the flow', async () => {
    const user = new Browser();
    const link = await user.request('/api/widget-link?message_shape=legacy&coop=1&other=x', {
      redirect_uri: REDIRECT_URI,
      state: 's3',
    });
    const query = await completeWidget(sandbox.url, String(link.body.location), 'cancel');
    assert.equal(query.cancel, 'true');
  });

  test('a bad count, a wrong method, and paths that are not ours', async () => {
    assert.equal((await new Browser().request('/api/transactions?count=1000')).body.error, 'invalid_count');
    assert.equal((await new Browser().request('/api/accounts', {})).status, 405);
    const response = await fetch(`${app.url}/index.html`);
    assert.equal(response.status, 418, 'handed to the next middleware');
    await response.text();
  });
});

describe('config', () => {
  test('all three variables select the real API; anything less the sandbox', () => {
    const env = { NRICH_API_URL: 'https://api.example', NRICH_CLIENT_ID: 'id', NRICH_CLIENT_SECRET: 'real-secret' };
    assert.deepEqual(readDemoConfig(env), {
      mode: 'api',
      apiUrl: 'https://api.example',
      clientId: 'id',
      clientSecret: 'real-secret',
    });
    assert.deepEqual(readDemoConfig({ ...env, NRICH_CLIENT_SECRET: ' ' }), {
      mode: 'sandbox',
      missing: ['NRICH_CLIENT_SECRET'],
    });
    assert.deepEqual(readDemoConfig({}).mode, 'sandbox');
  });

  test('startDemoServices runs the whole flow on its own sandbox, and close() stops it', async () => {
    const services = await startDemoServices({ redirectUris: [REDIRECT_URI], env: {} });
    const server = await serve(services.middleware);
    try {
      assert.equal(services.mode, 'sandbox');
      const user = new Browser();
      await user.connect({}, server.url, services.apiUrl);
      assert.equal((await user.request('/api/transactions?count=3', undefined, server.url)).status, 200);
    } finally {
      await server.close();
      await services.close();
    }
    await assert.rejects(fetch(services.apiUrl), 'the sandbox is closed');
  });

  test('with a data directory, stopping and starting the demo keeps the connected accounts', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'nrich-demo-'));
    const user = new Browser();
    let accountsBefore: unknown;
    let syncBefore: Record<string, unknown> | undefined;
    try {
      const first = await startDemoServices({ redirectUris: [REDIRECT_URI], env: {}, dataDirectory });
      const server = await serve(first.middleware);
      try {
        await user.connect({}, server.url, first.apiUrl);
        accountsBefore = (await user.request('/api/accounts', undefined, server.url)).body;
        syncBefore = (await user.request('/api/sync', undefined, server.url)).body;
        assert.ok(syncBefore.lastSyncedAt, 'the keeper synced it');
      } finally {
        await server.close();
        await first.close();
      }
      const second = await startDemoServices({ redirectUris: [REDIRECT_URI], env: {}, dataDirectory });
      const restarted = await serve(second.middleware);
      try {
        assert.deepEqual((await user.request('/api/connection', undefined, restarted.url)).body, { status: 'active' });
        assert.deepEqual((await user.request('/api/accounts', undefined, restarted.url)).body, accountsBefore);
        // The keeper's tables and the host's copy are in the data directory too: the same last sync and copy.
        const syncAfter = (await user.request('/api/sync', undefined, restarted.url)).body;
        assert.equal(syncAfter.lastSyncedAt, syncBefore?.lastSyncedAt);
        assert.deepEqual(syncAfter.transactions, syncBefore?.transactions);
        const rotated = await user.request('/api/refresh', {}, restarted.url);
        assert.equal(rotated.body.rotated, true, 'the restarted sandbox accepts the stored refresh token');
      } finally {
        await restarted.close();
        await second.close();
      }
      // The store's files hold sealed tokens only: no access token of this user in clear text.
      const storeFiles = readdirSync(join(dataDirectory, 'store'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
        .join('');
      const sandboxState = readFileSync(join(dataDirectory, 'sandbox-state.json'), 'utf8');
      const issued = Object.keys(
        (JSON.parse(sandboxState) as { accessTokens: [string, unknown][] }).accessTokens.reduce(
          (all, [token]) => ({ ...all, [token]: true }),
          {},
        ),
      );
      assert.ok(issued.length > 0);
      for (const token of issued) assert.ok(!storeFiles.includes(token.slice(-40)), 'a token in clear text');
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });

  test('with real credentials no sandbox starts, and nothing logs the secret', async () => {
    const env = {
      NRICH_API_URL: 'https://api.example',
      NRICH_CLIENT_ID: 'id',
      NRICH_CLIENT_SECRET: 'real-secret-value',
    };
    const services = await startDemoServices({ redirectUris: [REDIRECT_URI], env });
    assert.equal(services.mode, 'api');
    assert.equal(services.apiUrl, 'https://api.example');
    await services.close();
    const partial = await startDemoServices({ redirectUris: [REDIRECT_URI], env: { ...env, NRICH_CLIENT_ID: '' } });
    await partial.close();
    assert.match(consoleOutput.text(), /NRICH_CLIENT_ID not set: using the embedded sandbox/);
    assert.ok(!consoleOutput.text().includes('real-secret-value'));
  });
});

test('no response body and no console line contained the client secret', () => {
  assert.ok(bodies.length > 20);
  for (const body of bodies) assert.ok(!body.includes(SANDBOX_CLIENT_SECRET));
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});
