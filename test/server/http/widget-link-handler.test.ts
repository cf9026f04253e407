import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWidgetLinkHandler, NrichConfigError } from '../../../src/server/index.js';
import { type FlowKind, type FlowRequest } from '../../../src/server/types.js';
import { type WidgetLinkHandlerOptions } from '../../../src/server/http/widget-link-handler.js';
import { watchConsole } from '../support/console-watch.js';
import { completeWidget, REDIRECT_URI, SANDBOX_CLIENT_SECRET, useSandbox } from '../support/sandbox.js';

const consoleOutput = watchConsole();
const bodies: string[] = []; // every response body, checked for the secret at the end
const t = useSandbox();

/** A client that records what the handler would send, and answers a fixed link. */
function recorder(): { sent: { flow?: FlowKind; request?: FlowRequest }; client: WidgetLinkHandlerOptions['client'] } {
  const sent: { flow?: FlowKind; request?: FlowRequest } = {};
  return {
    sent,
    client: {
      createFlow: async (flow, request) => {
        Object.assign(sent, { flow, request });
        return { location: 'https://widget.invalid/?token=t', id: 'flow-1' };
      },
    },
  };
}

function handlerWith(options: Partial<WidgetLinkHandlerOptions> = {}) {
  return createWidgetLinkHandler({ client: t.client, redirectUris: [REDIRECT_URI], ...options });
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
    const query = await completeWidget(t.url, String(body.location), 'cancel');
    assert.equal(query.state, 'abc-123_~.');
    assert.equal(query.flow_id, body.id);
  });

  test('forwards only validated fields, the IBAN in electronic form', async () => {
    const { sent, client } = recorder();
    const spy = handlerWith({ client });
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
    assert.equal(sent.flow, 'onetime/access');
    assert.deepEqual(sent.request, {
      redirect_uri: REDIRECT_URI,
      language: 'en',
      state: 'abc-123_~.',
      sync_period: 30,
      accounts: [{ id: 'DE89370400440532013000' }, { id: '1234567890' }],
    });
  });

  test("the element's `preload: true` is accepted and never forwarded to the API", async () => {
    const { sent, client } = recorder();
    const { status } = await call({ ...valid, preload: true }, { handler: handlerWith({ client }) });
    assert.equal(status, 200);
    assert.deepEqual(sent.request, valid);
  });

  test('onPreload refuses a preload before anything starts upstream; a click is never asked about', async () => {
    const { sent, client } = recorder();
    const asked: boolean[] = [];
    const handler = handlerWith({ client, onPreload: () => (asked.push(true), false) });
    const refused = await call({ ...valid, preload: true }, { handler });
    assert.deepEqual([refused.status, refused.body.error], [403, 'preload_refused']);
    assert.equal(sent.request, undefined, 'no flow was started');
    const clicked = await call(valid, { handler });
    assert.equal(clicked.status, 200);
    assert.equal(asked.length, 1);
    const allowed = await call(
      { ...valid, preload: true },
      { handler: handlerWith({ client, onPreload: () => true }) },
    );
    assert.equal(allowed.status, 200);
  });

  test('a valid IBAN passes through to the sandbox', async () => {
    const { status } = await call({ ...valid, accounts: [{ id: 'DE89370400440532013000' }] });
    assert.equal(status, 200);
  });

  test('uses the default language when the page names none', async () => {
    const { sent, client } = recorder();
    await call({ redirect_uri: REDIRECT_URI }, { handler: handlerWith({ defaultLanguage: 'fr', client }) });
    assert.equal(sent.request?.language, 'fr');
  });

  test('linkQuery reaches /onetime/access', async () => {
    const handler = handlerWith({
      linkQuery: (request) => ({ message_shape: new URL(request.url).searchParams.get('shape') ?? '' }),
    });
    const { body } = await call(valid, { handler, url: 'http://localhost/api/widget-link?shape=legacy' });
    const query = await completeWidget(t.url, String(body.location), 'cancel');
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
});

describe('flow parameters: the page asks, the host decides', () => {
  test('account_types within the allow-list and allow_multi_selection reach the API', async () => {
    const handler = handlerWith({ accountTypes: ['checking', 'savings', 'credit_card'] });
    const { status, body } = await call(
      { ...valid, account_types: ['checking', 'savings', 'checking'], allow_multi_selection: false },
      { handler },
    );
    assert.equal(status, 200);
    const flow = t.sandbox.flow(String(body.id));
    assert.deepEqual(flow?.accountTypes, ['checking', 'savings']);
    assert.equal(flow?.allowMultiSelection, false);
  });

  test("the host's defaults fill what the page left out", async () => {
    const handler = handlerWith({
      accountTypes: ['checking', 'savings'],
      defaultAccountTypes: ['checking'],
      defaultSyncPeriod: 30,
      allowMultiSelection: false,
    });
    const { body } = await call(valid, { handler });
    const flow = t.sandbox.flow(String(body.id));
    assert.deepEqual([flow?.accountTypes, flow?.syncPeriod, flow?.allowMultiSelection], [['checking'], 30, false]);
  });

  const refused: [string, Partial<WidgetLinkHandlerOptions>, Record<string, unknown>, string, RegExp][] = [
    ['account_types without an allow-list', {}, { account_types: ['checking'] }, 'account_types_not_allowed', /page/],
    [
      'an account type off the allow-list',
      { accountTypes: ['checking'] },
      { account_types: ['checking', 'loan'] },
      'account_types_not_allowed',
      /only name checking/,
    ],
    [
      'account_types not a list',
      { accountTypes: ['checking'] },
      { account_types: 'checking' },
      'invalid_account_types',
      /array/,
    ],
    [
      'an empty account_types',
      { accountTypes: ['checking'] },
      { account_types: [] },
      'invalid_account_types',
      /non-empty/,
    ],
    [
      'allow_multi_selection as text',
      {},
      { allow_multi_selection: 'no' },
      'invalid_allow_multi_selection',
      /true or false/,
    ],
    [
      'multi-selection when the host allows one account',
      { allowMultiSelection: false },
      { allow_multi_selection: true },
      'multi_selection_not_allowed',
      /one account/,
    ],
    [
      'a sync_period above the host maximum',
      { maxSyncPeriod: 90 },
      { sync_period: 91 },
      'invalid_sync_period',
      /1 to 90/,
    ],
    [
      'sync_period on the income report',
      { flow: 'onetime/income-report' },
      { sync_period: 30 },
      'invalid_sync_period',
      /income report/,
    ],
    [
      'a reporting_period under 4 months',
      { flow: 'onetime/income-report' },
      { reporting_period: 3 },
      'invalid_reporting_period',
      /4 to 24/,
    ],
    [
      'a reporting_period above the host maximum',
      { flow: 'onetime/income-report', maxReportingPeriod: 12 },
      { reporting_period: 13 },
      'invalid_reporting_period',
      /4 to 12/,
    ],
  ];
  for (const [name, rules, change, error, message] of refused) {
    test(`400 for ${name}`, async () => {
      const { status, body } = await call({ ...valid, ...change }, { handler: handlerWith(rules) });
      assert.equal(status, 400);
      assert.equal(body.error, error);
      assert.match(String(body.message), message);
    });
  }

  test('a narrowing request is fine: false when the host allows several', async () => {
    const { sent, client } = recorder();
    await call(
      { ...valid, allow_multi_selection: false },
      { handler: handlerWith({ client, allowMultiSelection: true }) },
    );
    assert.equal(sent.request?.allow_multi_selection, false);
  });
});

describe('the flow option: every flow endpoint that answers { location, id }', () => {
  test('ongoing access takes user_id from the host, never from the page', async () => {
    const handler = handlerWith({
      flow: 'ongoing/access',
      hostFields: (request) => ({ user_id: `user-of-${new URL(request.url).searchParams.get('who')}` }),
    });
    const { status, body } = await call(
      { ...valid, user_id: 'someone-else' },
      { handler, url: 'http://localhost/api/widget-link?who=7' },
    );
    assert.equal(status, 200);
    const flow = t.sandbox.flow(String(body.id));
    assert.deepEqual([flow?.kind, flow?.userId], ['ongoing/access', 'user-of-7']);
  });

  test('account verification with the name from the host', async () => {
    const handler = handlerWith({ flow: 'onetime/account-verification', hostFields: () => ({ name: 'Erika Muster' }) });
    const { body } = await call(valid, { handler });
    const flow = t.sandbox.flow(String(body.id));
    assert.deepEqual([flow?.kind, flow?.name], ['onetime/account-verification', 'Erika Muster']);
  });

  test('the income report with the reporting_period the page asked for, or the API default', async () => {
    const handler = handlerWith({ flow: 'onetime/income-report' });
    const asked = await call({ ...valid, reporting_period: 6 }, { handler });
    const plain = await call(valid, { handler });
    assert.deepEqual(
      [t.sandbox.flow(String(asked.body.id))?.reportingPeriod, t.sandbox.flow(String(plain.body.id))?.reportingPeriod],
      [6, 12],
    );
  });

  test('a reporting_period is not forwarded to other flows', async () => {
    const { sent, client } = recorder();
    await call({ ...valid, reporting_period: 6 }, { handler: handlerWith({ client }) });
    assert.ok(sent.request && !('reporting_period' in sent.request));
  });

  test('hostFields that return no user_id is our bug: 500, and onError hears a NrichConfigError', async () => {
    const errors: unknown[] = [];
    const handler = handlerWith({ flow: 'ongoing/access', hostFields: () => ({}), onError: (e) => errors.push(e) });
    const { status, body } = await call(valid, { handler });
    assert.deepEqual([status, body.error], [500, 'internal']);
    assert.ok(errors[0] instanceof NrichConfigError && errors[0].setting === 'hostFields');
  });

  const misconfigured: [string, Partial<WidgetLinkHandlerOptions>, string][] = [
    ['an unknown flow', { flow: 'onetime/nope' as FlowKind }, 'flow'],
    ['ongoing access without hostFields', { flow: 'ongoing/access' }, 'hostFields'],
    ['account verification without hostFields', { flow: 'onetime/account-verification' }, 'hostFields'],
    ['a default sync_period above the maximum', { defaultSyncPeriod: 800 }, 'defaultSyncPeriod'],
    [
      'a default sync_period on the income report',
      { flow: 'onetime/income-report', defaultSyncPeriod: 30 },
      'defaultSyncPeriod',
    ],
    [
      'a default account type off the allow-list',
      { accountTypes: ['a'], defaultAccountTypes: ['b'] },
      'defaultAccountTypes',
    ],
    ['no redirect_uri policy', { redirectUris: undefined as never }, 'redirectUris'],
    ['an unknown default language', { defaultLanguage: 'xx' as never }, 'defaultLanguage'],
    ['account types that are not strings', { accountTypes: [1] as never }, 'accountTypes'],
    ['a multi-selection that is not a boolean', { allowMultiSelection: 'no' as never }, 'allowMultiSelection'],
    ['a body limit that is not a size', { maxBodyBytes: -1 }, 'maxBodyBytes'],
    ['origins with a path', { allowedOrigins: ['https://shop.example/'] }, 'allowedOrigins'],
    ['an onPreload that is not a function', { onPreload: true as never }, 'onPreload'],
  ];
  for (const [name, options, setting] of misconfigured) {
    test(`${name}: NrichConfigError at construction, naming ${setting}`, () => {
      assert.throws(
        () => handlerWith(options),
        (error) => error instanceof NrichConfigError && error.setting === setting,
      );
    });
  }
});

describe('upstream failures, mapped by what the page can do, without credentials', () => {
  test('bad credentials: 502, and onError hears the typed error', async () => {
    const secret = 'not-the-right-secret-987';
    const errors: unknown[] = [];
    const handler = handlerWith({
      client: t.clientWith({ clientSecret: secret }),
      onError: (error) => errors.push(error),
    });
    const { status, body } = await call(valid, { handler });
    assert.equal(status, 502);
    assert.equal(body.error, 'upstream');
    assert.match(String(body.message), /HTTP 401, invalid_client/);
    assert.ok(!JSON.stringify(body).includes(secret));
    assert.equal(errors.length, 1, 'onError heard about it');
  });

  test('an upstream 500 whose body echoes the secret: 502, no text passed on', async () => {
    t.sandbox.fail({
      path: '/onetime/access',
      status: 500,
      body: JSON.stringify({ error: { code: 'server_error', message: `failed for ${SANDBOX_CLIENT_SECRET}` } }),
    });
    const { status, body } = await call(valid);
    assert.equal(status, 502);
    assert.equal(body.message, 'The nrich API refused the request (HTTP 500, server_error).');
  });

  test('rate limited after the retries: 503 with the Retry-After the API gave', async () => {
    t.sandbox.fail({ path: '/onetime/access', status: 429, retryAfter: 2 });
    const { status, body, headers } = await call(valid, {
      handler: handlerWith({ client: t.clientWith({ retry: false }) }),
    });
    assert.deepEqual([status, body.error, headers.get('retry-after')], [503, 'upstream_unavailable', '2']);
  });

  test('an upstream that never answers: 504', async () => {
    t.sandbox.fail({ path: '/onetime/access', action: 'hang' });
    const handler = handlerWith({ client: t.clientWith({ timeout: 200, retry: false }) });
    const { status, body } = await call(valid, { handler });
    assert.equal(status, 504);
    assert.equal(body.message, 'The nrich API did not answer in time.');
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
