/**
 * docs/backend.md's backend examples: each file is in docs/backend.md word for word, and each runs against the
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
const SESSION_SECRET = 'the-examples-session-secret-of-32-characters-or-more';
const SESSION_COOKIE = /^nrich_session=[\w-]{22}\.[\w-]{43}$/;
const t = useSandbox();

test('docs/backend.md shows each example file exactly', () => {
  const readme = readFileSync('docs/backend.md', 'utf8');
  for (const path of EXAMPLES) {
    const code = readFileSync(path, 'utf8');
    assert.ok(readme.includes(`\`\`\`ts\n${code}\`\`\``), `${path} is not in docs/backend.md word for word`);
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

/**
 * Session fixation: an attacker takes a genuine session cookie from the site and plants it in the victim's browser
 * (a sibling subdomain, plain http); the victim connects a bank with it. The attacker's cookie then sees nothing:
 * the connection moved to a new id that only the victim's browser received. A cookie the server never issued
 * starts no session of its own either.
 */
async function assertNoFixation(send: Send, prefix: string): Promise<void> {
  const cookieOf = (response: Response) => response.headers.getSetCookie()[0]?.split(';')[0];
  const link = (cookie?: string) =>
    send('POST', `${prefix}/widget-link`, { redirect_uri: REDIRECT, state: `s-${Math.random()}` }, cookie);
  const planted = cookieOf(await link());
  assert.match(String(planted), SESSION_COOKIE);
  const victimLink = await asPage(await link(planted));
  assert.equal(victimLink.status, 200);
  const query = await completeWidget(t.url, String(victimLink.body.location));
  const detail = { code: query.code, state: query.state, flow_id: query.flow_id };
  const exchanged = await send('POST', `${prefix}/exchange`, detail, planted);
  const victim = cookieOf(exchanged);
  assert.equal((await asPage(exchanged)).status, 200);
  assert.ok(victim && victim !== planted, 'the session moved to a new id');
  const attackerSees = await asPage(await send('GET', `${prefix}/bank-data`, undefined, planted));
  assert.deepEqual([attackerSees.status, attackerSees.body.error], [404, 'not_connected']);
  const victimSees = await asPage(await send('GET', `${prefix}/bank-data`, undefined, victim));
  assert.equal(victimSees.status, 200);

  for (const madeUp of ['nrich_session=0b9b1f0c-3a5e-4c1e-9a59-6a0c1d2e3f40', 'nrich_session=attacker', 'sid=x']) {
    const started = await link(madeUp);
    assert.ok(cookieOf(started) && cookieOf(started) !== madeUp, `${madeUp}: never adopted`);
    const refused = await asPage(await send('POST', `${prefix}/exchange`, detail, madeUp));
    assert.deepEqual([refused.status, refused.body.error], [401, 'no_session']);
  }
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
    // A link request starts the session, a connected exchange moves it to a new id: the browser keeps the latest.
    const set = response.headers.getSetCookie()[0]?.split(';')[0];
    if (set && withCookie) cookie = set;
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
        SESSION_SECRET,
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
    assert.match(cookie, SESSION_COOKIE);
    const before = cookie;
    const exchanged = await asPage(await post('/api/exchange', answer));
    assert.notEqual(cookie, before, 'connected: the session moved to a new id');
    assert.deepEqual(exchanged, {
      status: 200,
      body: { accounts: 2, transactions: 45, connected: true, flow_id: answer.flow_id },
    });
    t.clock.advance(2 * HOUR); // the API has deleted the one-time data by now
    const kept = await asPage(await fetch(`${base}/api/bank-data`, { headers: { cookie } }));
    assert.equal(kept.status, 200);
    assert.equal((kept.body.transactions as unknown[]).length, 45);
    assert.equal((await asPage(await fetch(`${base}/api/bank-data`))).status, 404, 'no session, no data');
  });

  test("the user's own bad code is 400 reauthorize, a replayed one 409, as JSON", async () => {
    const wrongCode = await asPage(await post('/api/exchange', { ...(await authorize(post)), code: 'not-the-code' }));
    assert.deepEqual([wrongCode.status, wrongCode.body.error], [400, 'reauthorize']);
    const answer = await authorize(post);
    assert.equal((await asPage(await post('/api/exchange', answer))).status, 200);
    const replayed = await asPage(await post('/api/exchange', answer));
    assert.deepEqual([replayed.status, replayed.body.error], [409, 'flow_already_used']);
  });

  test("a result that is not this session's flow is refused, and the code stays usable", async () => {
    const answer = await authorize(post);
    const other = await fetch(`${base}/api/widget-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uri: REDIRECT, language: 'en', state: 'state-other' }),
    });
    const otherCookie = other.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    assert.match(otherCookie, SESSION_COOKIE);
    assert.notEqual(otherCookie, cookie);
    const fromOther = await fetch(`${base}/api/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: otherCookie },
      body: JSON.stringify(answer),
    });
    const refusedOther = await asPage(fromOther);
    assert.deepEqual([refusedOther.status, refusedOther.body.error], [404, 'unknown_flow']);
    for (const [body, withCookie, status, error] of [
      [{ ...answer, state: 'other-state' }, true, 403, 'state_mismatch'],
      [{ ...answer, flow_id: 'other-flow' }, true, 404, 'unknown_flow'],
      [answer, false, 401, 'no_session'],
    ] as const) {
      const refused = await asPage(await post('/api/exchange', body, withCookie));
      assert.deepEqual([refused.status, refused.body.error], [status, error]);
    }
    assert.equal((await asPage(await post('/api/exchange', answer))).status, 200, 'the code was still unused');
  });

  test('bad input, unknown routes and an API outage all answer JSON with the right status', async () => {
    assert.equal((await asPage(await post('/api/exchange', '{nope'))).status, 400);
    assert.equal((await asPage(await post('/api/widget-link', { redirect_uri: 'https://evil.example/' }))).status, 400);
    assert.equal((await asPage(await fetch(`${base}/api/nope`))).status, 404);
    const answer = await authorize(post);
    t.sandbox.fail({ path: '/auth/token', status: 503, retryAfter: 30 });
    const response = await post('/api/exchange', answer);
    assert.equal(response.headers.get('retry-after'), '30');
    assert.deepEqual((await asPage(response)).body.error, 'upstream_unavailable');
  });

  test('session fixation: a planted cookie sees nothing of the connection; a made-up one is never adopted', async () => {
    await assertNoFixation(
      (method, path, body, cookie) =>
        fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
      '/api',
    );
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

/** A request as the browser sends it: JSON body, the session cookie if it has one. */
type Send = (method: 'GET' | 'POST', path: string, body?: unknown, cookie?: string) => Promise<Response>;

function webRequest(method: string, path: string, body?: unknown, cookie?: string): Request {
  return new Request(`http://app.example${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

const WEB_EXAMPLES: { file: string; prefix: string; load: () => Promise<Send> }[] = [
  {
    file: 'docs/examples/next-route.ts',
    prefix: '/api/nrich',
    async load() {
      const route = await import('../../docs/examples/next-route.js');
      // What Next.js does for app/api/nrich/[route]/route.ts: the method's export, with the segment as params.
      return (method, path, body, cookie) =>
        route[method](webRequest(method, path, body, cookie), {
          params: Promise.resolve({ route: path.split('/').pop() ?? '' }),
        });
    },
  },
  {
    file: 'docs/examples/hono-app.ts',
    prefix: '/api',
    async load() {
      const { app } = await import('../../docs/examples/hono-app.js');
      return async (method, path, body, cookie) => app.request(webRequest(method, path, body, cookie));
    },
  },
];

const SETTINGS = {
  NRICH_API_URL: '',
  NRICH_CLIENT_ID: '',
  NRICH_CLIENT_SECRET: '',
  REDIRECT_URI: '',
  SESSION_SECRET: '',
};
type Setting = keyof typeof SETTINGS;
const savedSettings = Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, process.env[name]]));
after(() => {
  for (const [name, value] of Object.entries(savedSettings)) {
    if (value === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = value;
  }
});

/** The process environment with every setting the examples read, except `missing`. */
function configure(missing: readonly Setting[] = []): void {
  const values: Record<Setting, string> = {
    NRICH_API_URL: t.url,
    NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
    NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
    REDIRECT_URI: REDIRECT,
    SESSION_SECRET,
  };
  for (const name of Object.keys(values) as Setting[]) {
    if (missing.includes(name)) Reflect.deleteProperty(process.env, name);
    else process.env[name] = values[name];
  }
}

for (const example of WEB_EXAMPLES) {
  describe(`${example.file}, called with Web Requests`, () => {
    let send: Send;
    const link = (state: string | undefined, cookie?: string) =>
      send('POST', `${example.prefix}/widget-link`, { redirect_uri: REDIRECT, language: 'en', state }, cookie);
    const exchange = (detail: unknown, cookie?: string) => send('POST', `${example.prefix}/exchange`, detail, cookie);

    /** A new browser session asks for a link and the user authorizes: its cookie and the success detail. */
    async function connectInNewSession(): Promise<{ cookie: string; detail: Record<string, string> }> {
      const response = await link(`state-${Math.random().toString(36).slice(2)}`);
      const setCookie = response.headers.get('set-cookie') ?? '';
      const answer = await asPage(response);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const query = await completeWidget(t.url, String(answer.body.location));
      return {
        cookie: setCookie.split(';')[0] ?? '',
        detail: { code: String(query.code), state: String(query.state), flow_id: String(query.flow_id) },
      };
    }

    test('imports without a setting; a request then answers not_configured, as JSON, until configured', async () => {
      configure(Object.keys(SETTINGS) as Setting[]);
      send = await example.load(); // what `next build` does: import the module without the secrets
      for (const missing of [
        Object.keys(SETTINGS),
        ['NRICH_CLIENT_SECRET'],
        ['REDIRECT_URI'],
        ['SESSION_SECRET'],
      ] as Setting[][]) {
        configure(missing);
        for (const response of [await link('state-1'), await exchange({ code: 'c', state: 's', flow_id: 'f' })]) {
          const answer = await asPage(response);
          assert.deepEqual([answer.status, answer.body.error], [500, 'not_configured'], missing.join());
        }
      }
      configure();
      assert.equal((await asPage(await link('state-1'))).status, 200, 'configured now');
    });

    test('link, widget, exchange: every account and transaction is fetched at once and kept past the hour', async () => {
      configure();
      const response = await link('state-full-flow');
      const setCookie = response.headers.get('set-cookie') ?? '';
      assert.equal((await asPage(response)).status, 200);
      assert.match(setCookie, /^nrich_session=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
      const cookie = setCookie.split(';')[0];
      const again = await link('state-same-session', cookie);
      assert.equal(again.headers.get('set-cookie'), null, 'a known session keeps its cookie');
      const query = await completeWidget(t.url, String((await asPage(again)).body.location));
      const detail = { code: query.code, state: query.state, flow_id: query.flow_id };
      const exchanged = await exchange(detail, cookie);
      const connectedCookie = exchanged.headers.get('set-cookie')?.split(';')[0];
      assert.ok(connectedCookie && connectedCookie !== cookie, 'connected: the session moved to a new id');
      assert.deepEqual(await asPage(exchanged), {
        status: 200,
        body: { accounts: 2, transactions: 45, connected: true, flow_id: detail.flow_id },
      });
      t.clock.advance(2 * HOUR); // the API has deleted the one-time data by now
      const kept = await asPage(await send('GET', `${example.prefix}/bank-data`, undefined, connectedCookie));
      assert.equal(kept.status, 200);
      assert.equal((kept.body.accounts as unknown[]).length, 2);
      assert.equal((kept.body.transactions as unknown[]).length, 45);
      const none = await asPage(await send('GET', `${example.prefix}/bank-data`));
      assert.deepEqual([none.status, none.body.error], [404, 'not_connected']);
    });

    test("another session's, no session's or a forged post is refused, and the code stays usable", async () => {
      const { cookie, detail } = await connectInNewSession();
      const other = await connectInNewSession();
      assert.notEqual(other.cookie, cookie);
      for (const [body, withCookie, status, error] of [
        [detail, other.cookie, 404, 'unknown_flow'],
        [detail, undefined, 401, 'no_session'],
        [{ ...detail, state: 'other-state' }, cookie, 403, 'state_mismatch'],
        [{ ...detail, flow_id: 'other-flow' }, cookie, 404, 'unknown_flow'],
      ] as const) {
        const refused = await asPage(await exchange(body, withCookie));
        assert.deepEqual([refused.status, refused.body.error], [status, error]);
      }
      assert.equal((await asPage(await exchange(detail, cookie))).status, 200, 'the code was still unused');
    });

    test('session fixation: a planted cookie sees nothing of the connection; a made-up one is never adopted', async () => {
      configure();
      await assertNoFixation(send, example.prefix);
    });

    test('a replayed success detail is 409; a wrong code is the user’s 400 reauthorize', async () => {
      const { cookie, detail } = await connectInNewSession();
      assert.equal((await asPage(await exchange(detail, cookie))).status, 200);
      const replayed = await asPage(await exchange(detail, cookie));
      assert.deepEqual([replayed.status, replayed.body.error], [409, 'flow_already_used']);
      const second = await connectInNewSession();
      const wrongCode = await asPage(await exchange({ ...second.detail, code: 'not-the-code' }, second.cookie));
      assert.deepEqual([wrongCode.status, wrongCode.body.error], [400, 'reauthorize']);
    });

    test('bad input, an API outage and unknown routes all answer JSON with the right status', async () => {
      const noState = await asPage(await link(undefined));
      assert.deepEqual([noState.status, noState.body.error], [400, 'invalid_request']);
      const { cookie, detail } = await connectInNewSession();
      const notJson = await asPage(await exchange('{nope', cookie));
      assert.equal(notJson.status, 400);
      t.sandbox.fail({ path: '/auth/token', status: 503, retryAfter: 30 });
      const response = await exchange(detail, cookie);
      assert.equal(response.headers.get('retry-after'), '30');
      assert.deepEqual((await asPage(response)).body.error, 'upstream_unavailable');
      assert.equal((await asPage(await send('POST', `${example.prefix}/nope`, {}))).status, 404);
    });
  });
}
