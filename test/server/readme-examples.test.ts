/**
 * The README's backend examples: each file is in the README word for word, and each runs against the
 * sandbox as a host would use it. The node:http backend runs as its own process, started exactly as its
 * header says; the Next.js route handler and the Hono app are called with Web Requests.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { completeWidget, HOUR, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from './support/sandbox.js';

const EXAMPLES = ['docs/examples/backend-node.ts', 'docs/examples/next-route.ts', 'docs/examples/hono-app.ts'];
const REDIRECT = 'http://localhost:3000/connect';
const t = useSandbox();

test('the README shows each example file exactly', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const path of EXAMPLES) {
    const code = readFileSync(path, 'utf8');
    assert.ok(readme.includes(`\`\`\`ts\n${code}\`\`\``), `${path} is not in README.md word for word`);
  }
});

/** Answers as the page sees them; asserts every one is JSON, never HTML or a stack trace. */
async function asPage(response: Response): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = await response.text();
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/, text);
  assert.doesNotMatch(text, /<html|\n\s+at /i);
  for (const secret of [SANDBOX_CLIENT_SECRET]) assert.ok(!text.includes(secret));
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

/** The element's request for a link, then the user authorizing in the widget: what the page posts. */
async function authorize(
  send: (path: string, body: unknown) => Response | Promise<Response>,
  prefix = '/api',
): Promise<{ code: string; state: string; flow_id: string }> {
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const link = await asPage(await send(`${prefix}/widget-link`, { redirect_uri: REDIRECT, language: 'en', state }));
  assert.equal(link.status, 200, JSON.stringify(link.body));
  const query = await completeWidget(t.url, String(link.body.location));
  return { code: String(query.code), state: String(query.state), flow_id: String(query.flow_id) };
}

describe('docs/examples/backend-node.ts, run as its own process', () => {
  let child: ChildProcess;
  let base = '';
  let output = '';
  let cookie = '';
  after(() => child?.kill());

  const post = async (path: string, body: unknown, withCookie = true): Promise<Response> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(withCookie && cookie ? { cookie } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    cookie ||= response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    return response;
  };

  test('starts with the three variables', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'docs/examples/backend-node.ts'], {
      env: {
        ...process.env,
        NRICH_API_URL: t.url,
        NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
        NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
        REDIRECT_URI: REDIRECT,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    base = await new Promise<string>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url) resolve(url);
      });
      child.once('exit', (exitCode) => reject(new Error(`exited with ${exitCode}: ${output}`)));
    });
  });

  test('widget link, exchange: every account and transaction is fetched and kept past the hour', async () => {
    const answer = await authorize(post);
    assert.match(cookie, /^sid=[0-9a-f]{32}$/);
    const exchanged = await asPage(await post('/api/exchange', answer));
    assert.deepEqual(exchanged, { status: 200, body: { accounts: 2, transactions: 45 } });
    t.clock.advance(2 * HOUR); // the API has deleted the one-time data by now
    const kept = await asPage(await fetch(`${base}/api/bank-data`, { headers: { cookie } }));
    assert.equal(kept.status, 200);
    assert.equal((kept.body.transactions as unknown[]).length, 45);
  });

  test("the user's own bad or replayed code is 400, as JSON", async () => {
    const answer = await authorize(post);
    const wrongCode = await asPage(await post('/api/exchange', { ...answer, code: 'not-the-code' }));
    assert.deepEqual([wrongCode.status, wrongCode.body.error], [400, 'reauthorize']);
    assert.equal((await asPage(await post('/api/exchange', answer))).status, 200, 'the flow is still open');
    const replayed = await asPage(await post('/api/exchange', answer));
    assert.deepEqual([replayed.status, replayed.body.error], [400, 'unknown_flow']);
  });

  test("a result that is not this session's flow is refused", async () => {
    const answer = await authorize(post);
    for (const [body, withCookie] of [
      [{ ...answer, state: 'other-state' }, true],
      [{ ...answer, flow_id: 'other-flow' }, true],
      [answer, false],
    ] as const) {
      const refused = await asPage(await post('/api/exchange', body, withCookie));
      assert.deepEqual([refused.status, refused.body.error], [400, 'unknown_flow']);
    }
  });

  test('bad input, unknown routes and an API outage all answer JSON with the right status', async () => {
    assert.equal((await asPage(await post('/api/exchange', '{nope'))).body.error, 'invalid_code');
    assert.equal((await asPage(await post('/api/widget-link', { redirect_uri: 'https://evil.example/' }))).status, 400);
    assert.equal((await asPage(await fetch(`${base}/api/nope`))).status, 404);
    const answer = await authorize(post);
    t.sandbox.fail({ path: '/auth/token', status: 503, retryAfter: 30 });
    const response = await post('/api/exchange', answer);
    assert.equal(response.headers.get('retry-after'), '30');
    assert.deepEqual((await asPage(response)).body.error, 'upstream_unavailable');
  });

  test('the log names failures without a secret, code or token', () => {
    assert.match(output, /\[nrich\] POST \/auth\/token: 400 invalid_grant \(reauthorize\)/);
    assert.ok(!output.includes(SANDBOX_CLIENT_SECRET));
    assert.doesNotMatch(output, /eyJ/, 'no code or token (they start with eyJ)');
  });

  test('a missing variable stops the start, naming the setting', async () => {
    const broken = spawn(process.execPath, ['--import', 'tsx', 'docs/examples/backend-node.ts'], {
      env: { ...process.env, NRICH_API_URL: t.url, NRICH_CLIENT_ID: 'id', NRICH_CLIENT_SECRET: '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    broken.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [exitCode] = (await once(broken, 'exit')) as [number];
    assert.notEqual(exitCode, 0);
    assert.match(errors, /NrichConfigError: clientSecret: must be a non-empty string/);
  });
});

describe('docs/examples/next-route.ts and hono-app.ts, called with Web Requests', () => {
  const useEnv = () =>
    Object.assign(process.env, {
      NRICH_API_URL: t.url,
      NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
      NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      REDIRECT_URI: REDIRECT,
    });
  const request = (path: string, body: unknown) =>
    new Request(`http://app.example${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  test('Next.js: link, exchange, replay, outage', async () => {
    useEnv();
    const { POST } = await import('../../docs/examples/next-route.js');
    const send = (path: string, body: unknown) => {
      const route = path.split('/').pop() ?? '';
      return POST(request(path, body), { params: Promise.resolve({ route }) });
    };
    const answer = await authorize(send, '/api/nrich');
    assert.deepEqual(await asPage(await send('/api/nrich/exchange', answer)), {
      status: 200,
      body: { accounts: 2, transactions: 45 },
    });
    assert.equal((await asPage(await send('/api/nrich/exchange', answer))).status, 400, 'replayed');
    assert.equal((await asPage(await send('/api/nrich/exchange', 'null'))).status, 400);
    const wrong = await asPage(
      await send('/api/nrich/exchange', { ...(await authorize(send, '/api/nrich')), code: 'x' }),
    );
    assert.deepEqual([wrong.status, wrong.body.error], [400, 'reauthorize']);
    assert.equal((await asPage(await send('/api/nrich/other', {}))).status, 404);
  });

  test('Hono: link, exchange, replay, outage, and its own errors as JSON', async () => {
    useEnv();
    const { app } = await import('../../docs/examples/hono-app.js');
    const send = (path: string, body: unknown) => app.request(request(path, body));
    const answer = await authorize(send);
    t.sandbox.fail({ path: '/auth/token', status: 503 });
    assert.equal((await asPage(await send('/api/exchange', answer))).status, 503, 'the API is down');
    assert.deepEqual(await asPage(await send('/api/exchange', answer)), {
      status: 200,
      body: { accounts: 2, transactions: 45 },
    });
    assert.equal((await asPage(await send('/api/exchange', answer))).status, 400, 'replayed');
    assert.equal((await asPage(await app.request('/api/nope'))).status, 404);
  });
});
