import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createNrichClient,
  createWidgetLinkHandler,
  type NrichClient,
  type OnetimeAccessRequest,
  type WidgetLinkHandlerOptions,
} from '../../src/server/index.js';
import { watchConsole } from './support/console-watch.js';
import { failingUpstream, silentUpstream } from './support/local-servers.js';
import {
  completeWidget,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox.js';

const consoleOutput = watchConsole();
const REDIRECT_URI = 'http://localhost:5173/callback';
const bodies: string[] = []; // every response body, checked for the secret at the end

let sandbox: TestSandbox;
let client: NrichClient;

before(async () => {
  sandbox = await startTestSandbox();
  client = createNrichClient({
    baseUrl: sandbox.url,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
  });
});
after(() => sandbox.close());

function handlerWith(options: Partial<WidgetLinkHandlerOptions> = {}) {
  return createWidgetLinkHandler({ client, redirectUris: [REDIRECT_URI], ...options });
}

async function call(
  body: unknown,
  { handler = handlerWith(), method = 'POST', url = 'http://localhost/api/widget-link' } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (method !== 'GET') init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await handler(new Request(url, init));
  const text = await response.text();
  bodies.push(text);
  assert.equal(response.headers.get('cache-control'), 'no-store', 'every answer is no-store');
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, headers: response.headers };
}

const valid = { redirect_uri: REDIRECT_URI, language: 'en', state: 'abc-123_~.' };

describe('a valid request', () => {
  test('answers {location, id} and passes state and language through to the flow', async () => {
    const { status, body } = await call(valid);
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['id', 'location']);
    const query = await completeWidget(sandbox.url, String(body.location), 'cancel');
    assert.equal(query.state, 'abc-123_~.');
    assert.equal(query.flow_id, body.id);
  });

  test('forwards only validated fields, the IBAN in electronic form', async () => {
    let sent: OnetimeAccessRequest | undefined;
    const spy = handlerWith({
      client: {
        createWidgetLink: async (request) => {
          sent = request;
          return { location: 'https://widget.invalid/?token=t', id: 'flow-1' };
        },
      },
    });
    const { status } = await call(
      {
        ...valid,
        sync_period: 30,
        accounts: [{ id: 'de89 3704 0044 0532 0130 00', extra: 1 }, { id: '1234567890' }],
        user_id: 'x',
      },
      { handler: spy },
    );
    assert.equal(status, 200);
    assert.deepEqual(sent, {
      redirect_uri: REDIRECT_URI,
      language: 'en',
      state: 'abc-123_~.',
      sync_period: 30,
      accounts: [{ id: 'DE89370400440532013000' }, { id: '1234567890' }],
    });
  });

  test('a valid IBAN passes through to the sandbox', async () => {
    const { status } = await call({ ...valid, accounts: [{ id: 'DE89370400440532013000' }] });
    assert.equal(status, 200);
  });

  test('uses the default language when the page names none', async () => {
    let sent: OnetimeAccessRequest | undefined;
    const handler = handlerWith({
      defaultLanguage: 'fr',
      client: { createWidgetLink: async (request) => ((sent = request), { location: 'https://w.invalid/', id: 'f' }) },
    });
    await call({ redirect_uri: REDIRECT_URI }, { handler });
    assert.equal(sent?.language, 'fr');
  });

  test('linkQuery reaches /onetime/access', async () => {
    const handler = handlerWith({
      linkQuery: (request) => ({ message_shape: new URL(request.url).searchParams.get('shape') ?? '' }),
    });
    const { body } = await call(valid, { handler, url: 'http://localhost/api/widget-link?shape=legacy' });
    const query = await completeWidget(sandbox.url, String(body.location), 'cancel');
    assert.equal(query.cancel, 'true', 'the legacy message shape was switched on');
  });

  test('a redirect_uri test function decides instead of a list', async () => {
    const handler = handlerWith({ redirectUris: (uri) => uri.startsWith('https://app.example/') });
    assert.equal((await call({ redirect_uri: 'https://app.example/cb' }, { handler })).status, 200);
    assert.equal((await call({ redirect_uri: REDIRECT_URI }, { handler })).status, 400);
  });
});

describe('refused requests', () => {
  test('other methods get 405 with Allow', async () => {
    const { status, headers } = await call(undefined, { method: 'GET' });
    assert.equal(status, 405);
    assert.equal(headers.get('allow'), 'POST');
  });

  test('a body that is not JSON, or not an object', async () => {
    assert.deepEqual((await call('{nope')).body.error, 'invalid_json');
    assert.deepEqual((await call([valid])).body.error, 'invalid_body');
    assert.deepEqual((await call(null)).body.error, 'invalid_body');
  });

  test('an oversized body gets 413', async () => {
    const { status } = await call({ ...valid, padding: 'x'.repeat(20_000) });
    assert.equal(status, 413);
  });

  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['disallowed redirect_uri', { redirect_uri: 'https://evil.example/cb' }, 'redirect_uri_not_allowed', /allow-list/],
    [
      'redirect_uri with an extra path',
      { redirect_uri: `${REDIRECT_URI}/../evil` },
      'redirect_uri_not_allowed',
      /allow-list/,
    ],
    ['missing redirect_uri', { redirect_uri: undefined }, 'invalid_redirect_uri', /redirect_uri/],
    ['unsupported language', { language: 'it' }, 'invalid_language', /de, en, es, fr, ar/],
    ['language in the wrong case', { language: 'EN' }, 'invalid_language', /language/],
    ['state with unsafe characters', { state: 'a b&c' }, 'invalid_state', /URL-safe/],
    ['state too long', { state: 'a'.repeat(513) }, 'invalid_state', /512/],
    ['state not a string', { state: 42 }, 'invalid_state', /state/],
    ['sync_period zero', { sync_period: 0 }, 'invalid_sync_period', /1 to 730/],
    ['sync_period fractional', { sync_period: 1.5 }, 'invalid_sync_period', /whole number/],
    ['sync_period above the maximum', { sync_period: 731 }, 'invalid_sync_period', /730/],
    ['sync_period as text', { sync_period: '30' }, 'invalid_sync_period', /sync_period/],
    ['accounts not an array', { accounts: { id: 'x' } }, 'invalid_accounts', /array/],
    [
      'more than 10 accounts',
      { accounts: Array.from({ length: 11 }, (_, i) => ({ id: `acct${i}` })) },
      'invalid_accounts',
      /at most 10/,
    ],
    ['an account without id', { accounts: [{}] }, 'invalid_accounts', /accounts\[0\]\.id/],
    ['an empty account id', { accounts: [{ id: '' }] }, 'invalid_accounts', /1 to 64/],
    ['an account id over 64 characters', { accounts: [{ id: '1'.repeat(65) }] }, 'invalid_accounts', /1 to 64/],
    ['an invalid IBAN', { accounts: [{ id: 'DE89370400440532013001' }] }, 'invalid_accounts', /IBAN check/],
    [
      'an invalid IBAN after a valid one',
      { accounts: [{ id: 'NL17INGB0002822608' }, { id: 'FR14 2004 1010 0505 0001 3M02 607' }] },
      'invalid_accounts',
      /accounts\[1\]/,
    ],
  ];
  for (const [name, change, error, message] of cases) {
    test(`400 for ${name}`, async () => {
      const { status, body } = await call({ ...valid, ...change });
      assert.equal(status, 400);
      assert.equal(body.error, error);
      assert.match(String(body.message), message);
    });
  }

  test('a configured lower maxSyncPeriod is enforced', async () => {
    const { status, body } = await call({ ...valid, sync_period: 91 }, { handler: handlerWith({ maxSyncPeriod: 90 }) });
    assert.equal(status, 400);
    assert.match(String(body.message), /1 to 90/);
  });
});

describe('upstream failures become 502 without credentials', () => {
  test('bad credentials', async () => {
    const secret = 'not-the-right-secret-987';
    const errors: unknown[] = [];
    const handler = handlerWith({
      client: createNrichClient({ baseUrl: sandbox.url, clientId: SANDBOX_CLIENT_ID, clientSecret: secret }),
      onError: (error) => errors.push(error),
    });
    const { status, body } = await call(valid, { handler });
    assert.equal(status, 502);
    assert.equal(body.error, 'upstream');
    assert.match(String(body.message), /HTTP 401, invalid_client/);
    assert.ok(!JSON.stringify(body).includes(secret));
    assert.equal(errors.length, 1, 'onError heard about it');
  });

  test('an upstream 500 whose body echoes the secret', async () => {
    const secret = 'secret-in-the-echo-555';
    const upstream = await failingUpstream(
      500,
      JSON.stringify({ error: 'server_error', message: `failed for ${secret}` }),
    );
    try {
      const handler = handlerWith({
        client: createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: secret }),
      });
      const { status, body } = await call(valid, { handler });
      assert.equal(status, 502);
      assert.equal(body.message, 'The nrich API refused the request (HTTP 500, server_error).');
      assert.ok(!JSON.stringify(body).includes(secret));
    } finally {
      await upstream.close();
    }
  });

  test('an upstream that never answers', async () => {
    const upstream = await silentUpstream();
    try {
      const handler = handlerWith({
        client: createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: 's3cret', timeout: 200 }),
      });
      const { status, body } = await call(valid, { handler });
      assert.equal(status, 502);
      assert.equal(body.message, 'The nrich API did not answer in time.');
    } finally {
      await upstream.close();
    }
  });

  test('a bug in a hook is a bare 500', async () => {
    const handler = handlerWith({
      onLink: () => {
        throw new Error(`oops ${SANDBOX_CLIENT_SECRET}`);
      },
    });
    const { status, body } = await call(valid, { handler });
    assert.equal(status, 500);
    assert.equal(body.error, 'internal');
    assert.ok(!JSON.stringify(body).includes(SANDBOX_CLIENT_SECRET));
  });
});

test('no response body and no console line contained the client secret', () => {
  assert.ok(bodies.length > 20, 'the bodies were collected');
  for (const body of bodies) assert.ok(!body.includes(SANDBOX_CLIENT_SECRET));
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});
