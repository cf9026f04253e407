// The server kit on a runtime that is not Node: docs/examples/hono-app.ts (which says it runs on Workers), bundled
// with esbuild as a host would deploy it, runs in workerd through miniflare, without Node compatibility. Against
// the sandbox over HTTP on loopback it creates a widget link, exchanges the code the widget hands back, fetches
// every account and transaction at the exchange, and answers them to the page. Offline: workerd ships in the
// registry package and miniflare is told not to fetch its `cf` data.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type Sandbox } from 'nrich-connect/sandbox';
import { completeWidget } from '../server/support/sandbox.js';

const REDIRECT = 'http://localhost:3000/connect';
const APP = 'http://app.example';

/** The host's worker: the Hono example as its fetch handler, and one route that says where it runs. */
const WORKER = `
import { app } from './docs/examples/hono-app.ts';
export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/_runtime') {
      return Response.json({ userAgent: navigator.userAgent, process: typeof globalThis.process });
    }
    return app.fetch(request, env, ctx);
  },
};`;

let sandbox: Sandbox;
let worker: Miniflare;
let bundleBytes = 0;

before(async () => {
  sandbox = await startSandbox({ port: 0 });
  const bundle = await build({
    stdin: { contents: WORKER, resolveDir: '.', loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    // Loaded with import() by the stores and the cipher's Node path only, never on this flow: a Worker host's
    // bundler leaves them out the same way.
    external: ['node:*', 'pg', '@electric-sql/pglite', 'proper-lockfile'],
    logLevel: 'silent',
  });
  const code = bundle.outputFiles[0]!.text;
  bundleBytes = code.length;
  worker = new Miniflare({
    modules: true,
    script: code,
    compatibilityDate: '2025-09-01',
    cf: false,
    bindings: {
      NRICH_API_URL: sandbox.url,
      NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
      NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      REDIRECT_URI: REDIRECT,
      SESSION_SECRET: 'the-edge-session-secret-of-32-characters-or-more',
    },
  });
  await worker.ready;
});

after(async () => {
  await worker?.dispose();
  await sandbox?.close();
});

/** A JSON request to the worker, as the page sends it. */
async function send(path: string, body?: unknown, cookie?: string): Promise<Response> {
  return (await worker.dispatchFetch(`${APP}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })) as unknown as Response;
}

test('the worker runs on workerd, not on Node', async () => {
  assert.ok(bundleBytes > 10_000, 'the kit is in the bundle');
  const runtime = await (await send('/_runtime')).json();
  assert.deepEqual(runtime, { userAgent: 'Cloudflare-Workers', process: 'undefined' });
});

test('widget link, code exchange and every account and transaction fetched, from the worker', async () => {
  const mark = sandbox.requests.length;
  const state = 'state-on-the-edge';
  const link = await send('/api/widget-link', { redirect_uri: REDIRECT, language: 'en', state });
  const linked = (await link.json()) as { location: string; id: string };
  assert.equal(link.status, 200, JSON.stringify(linked));
  assert.match(linked.location, /^http:\/\/127\.0\.0\.1:\d+\/widget\?token=/);
  const cookie = link.headers.get('set-cookie')?.split(';')[0];
  assert.match(cookie ?? '', /^nrich_session=/, 'the kit started a browser session');

  // The user authorizes in the widget; the page posts the `success` detail to the worker's exchange.
  const query = await completeWidget(sandbox.url, linked.location);
  assert.deepEqual([query.state, query.flow_id], [state, linked.id]);
  const exchange = await send('/api/exchange', { code: query.code, state, flow_id: linked.id }, cookie);
  assert.deepEqual(await exchange.json(), { accounts: 2, transactions: 45, connected: true, flow_id: linked.id });
  const connected = exchange.headers.get('set-cookie')?.split(';')[0];
  assert.ok(connected && connected !== cookie, 'connected: the session moved to a new id');

  const data = await send('/api/bank-data', undefined, connected);
  assert.equal(data.status, 200);
  const body = (await data.json()) as { accounts: unknown[]; transactions: { transaction_id: string }[] };
  assert.equal(body.accounts.length, 2);
  assert.equal(new Set(body.transactions.map((transaction) => transaction.transaction_id)).size, 45);

  // Every call reached the sandbox from the worker, each once: the flow, the exchange, the data.
  const calls = sandbox.requests.slice(mark).map((entry) => `${entry.method} ${entry.path}`);
  assert.deepEqual(calls.filter((call) => !call.startsWith('POST /widget/')).sort(), [
    'GET /rest/accounts',
    'GET /rest/transactions',
    'POST /auth/token',
    'POST /onetime/access',
  ]);
});
