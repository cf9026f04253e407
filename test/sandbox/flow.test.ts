import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { apiError, startFlow, startHarness } from './helpers.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from 'nrich-connect/sandbox';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  h.fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startSandbox', () => {
  test('url is an http origin without a trailing slash and GET / answers', async () => {
    assert.match(h.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(SANDBOX_CLIENT_ID, 'sandbox-client');
    assert.equal(SANDBOX_CLIENT_SECRET, 'sandbox-secret');
    const response = await h.fetch('/');
    assert.equal(response.status, 200);
    assert.match(await response.text(), /nrich sandbox/);
  });

  test('unknown paths are 404 and wrong methods 405, as JSON errors', async () => {
    const missing = await h.fetch('/nope');
    assert.equal(missing.status, 404);
    assert.equal((await apiError(missing)).code, 'not_found');
    const wrong = await h.fetch('/onetime/access');
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
  });
});

describe('POST /onetime/access: client authentication', () => {
  const body = { redirect_uri: 'http://localhost:5173/callback' };

  test('no credentials: 401 with a Basic challenge', async () => {
    const response = await post('/onetime/access', body);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic/);
    const error = await apiError(response);
    assert.equal(error.code, 'invalid_client');
    assert.equal(typeof error.message, 'string');
  });

  test('wrong secret, wrong id, bearer instead of basic: 401', async () => {
    for (const authorization of [
      h.basic(SANDBOX_CLIENT_ID, 'wrong'),
      h.basic('other', SANDBOX_CLIENT_SECRET),
      'Bearer x',
      'Basic !!!',
    ]) {
      const response = await post('/onetime/access', body, { Authorization: authorization });
      assert.equal(response.status, 401, authorization);
    }
  });

  test('custom client credentials replace the defaults', async () => {
    const custom = await startHarness({ clientId: 'mine', clientSecret: 'also-mine' });
    try {
      const ok = await custom.fetch('/onetime/access', {
        method: 'POST',
        headers: { Authorization: custom.basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.equal(ok.status, 201);
      const defaults = await custom.fetch('/onetime/access', {
        method: 'POST',
        headers: {
          Authorization: custom.basic(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      assert.equal(defaults.status, 401);
    } finally {
      await custom.sandbox.close();
    }
  });
});

describe('POST /onetime/access: body validation', () => {
  const cases: [string, unknown][] = [
    ['missing redirect_uri', {}],
    ['empty redirect_uri', { redirect_uri: '' }],
    ['relative redirect_uri', { redirect_uri: '/callback' }],
    ['non-http redirect_uri', { redirect_uri: 'javascript:alert(1)' }],
    ['custom scheme redirect_uri', { redirect_uri: 'myapp://callback' }],
    ['unknown language', { redirect_uri: 'http://localhost/cb', language: 'it' }],
    ['accounts not an array', { redirect_uri: 'http://localhost/cb', accounts: 'DE89370400440532013000' }],
    ['accounts entry without id', { redirect_uri: 'http://localhost/cb', accounts: [{ iban: 'x' }] }],
    ['state not a string', { redirect_uri: 'http://localhost/cb', state: 42 }],
    ['sync_period not a positive integer', { redirect_uri: 'http://localhost/cb', sync_period: -1 }],
  ];
  for (const [name, body] of cases) {
    test(`${name}: 400 invalid_request`, async () => {
      const response = await post('/onetime/access', body, { Authorization: h.basic() });
      assert.equal(response.status, 400);
      const error = await apiError(response);
      assert.equal(error.code, 'invalid_request');
      assert.ok(error.message.length > 0);
    });
  }

  test('malformed JSON: 400', async () => {
    const response = await h.fetch('/onetime/access', {
      method: 'POST',
      headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
      body: '{"redirect_uri":',
    });
    assert.equal(response.status, 400);
  });

  test('unknown sandbox switch value: 400', async () => {
    const response = await post(
      '/onetime/access?message_shape=old',
      { redirect_uri: 'http://localhost/cb' },
      { Authorization: h.basic() },
    );
    assert.equal(response.status, 400);
  });
});

describe('POST /onetime/access: response', () => {
  test('returns { location, id }: a UUID and a widget URL on the sandbox with a token', async () => {
    const flow = await startFlow(h, { redirect_uri: 'https://app.example.com/callback', state: 'session_42' });
    assert.deepEqual(Object.keys(flow).sort(), ['id', 'location']);
    assert.match(flow.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const location = new URL(flow.location);
    assert.equal(location.origin, h.url);
    assert.equal(location.pathname, '/widget');
    assert.match(location.searchParams.get('token') ?? '', /^[A-Za-z0-9_-]{32,}$/);
  });

  test('every flow gets its own id and token', async () => {
    const a = await startFlow(h, { redirect_uri: 'http://localhost/cb' });
    const b = await startFlow(h, { redirect_uri: 'http://localhost/cb' });
    assert.notEqual(a.id, b.id);
    assert.notEqual(a.location, b.location);
  });

  test('the other documented flow endpoints answer 201 with the same shape and keep their own fields', async () => {
    const bodies: [string, Record<string, unknown>][] = [
      ['/ongoing/access', { user_id: 'u1', sync_period: 30 }],
      ['/onetime/income-report', { reporting_period: 6 }],
      ['/onetime/account-verification', { name: 'Max Mustermann' }],
    ];
    for (const [path, fields] of bodies) {
      const response = await post(
        path,
        { redirect_uri: 'http://localhost/cb', ...fields },
        { Authorization: h.basic() },
      );
      assert.equal(response.status, 201, path);
      const flow = (await response.json()) as { location: string; id: string };
      assert.match(flow.location, /\/widget\?token=/);
      const seen = h.sandbox.flow(flow.id);
      assert.equal(seen?.kind, path.slice(1));
      assert.deepEqual(
        [seen.userId, seen.name, seen.reportingPeriod],
        [fields.user_id, fields.name, fields.reporting_period],
      );
    }
  });

  test('the income report defaults to 12 months', async () => {
    const response = await post(
      '/onetime/income-report',
      { redirect_uri: 'http://localhost/cb' },
      { Authorization: h.basic() },
    );
    const { id } = (await response.json()) as { id: string };
    assert.equal(h.sandbox.flow(id)?.reportingPeriod, 12);
  });

  const refused: [string, string, Record<string, unknown>, RegExp][] = [
    ['/ongoing/access without user_id', '/ongoing/access', {}, /user_id is required/],
    ['/onetime/account-verification without name', '/onetime/account-verification', {}, /name is required/],
    ['an income report of 3 months', '/onetime/income-report', { reporting_period: 3 }, /4 to 24/],
    ['an income report with sync_period', '/onetime/income-report', { sync_period: 30 }, /cannot be combined/],
  ];
  for (const [name, path, fields, message] of refused) {
    test(`${name}: 400 invalid_request`, async () => {
      const response = await post(
        path,
        { redirect_uri: 'http://localhost/cb', ...fields },
        { Authorization: h.basic() },
      );
      assert.equal(response.status, 400);
      const error = await apiError(response);
      assert.equal(error.code, 'invalid_request');
      assert.match(error.message, message);
    });
  }

  test('account_types and allow_multi_selection reach the flow', async () => {
    const flow = await startFlow(h, {
      redirect_uri: 'http://localhost/cb',
      account_types: ['checking', 'savings'],
      allow_multi_selection: false,
    });
    assert.deepEqual(h.sandbox.flow(flow.id)?.accountTypes, ['checking', 'savings']);
    assert.equal(h.sandbox.flow(flow.id)?.allowMultiSelection, false);
  });

  test('data switches: page_cap, transaction_count and paging=none are checked', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost/cb' }, '?page_cap=100&transaction_count=250');
    assert.equal(h.sandbox.flow(flow.id)?.pageCap, 100);
    assert.equal(h.sandbox.flow(flow.id)?.transactionCount, 250);
    for (const query of ['page_cap=0', 'page_cap=x', 'transaction_count=5001', 'paging=some']) {
      const response = await post(
        `/onetime/access?${query}`,
        { redirect_uri: 'http://localhost/cb' },
        {
          Authorization: h.basic(),
        },
      );
      assert.equal(response.status, 400, query);
    }
  });

  test('a form-encoded body is accepted too', async () => {
    const response = await h.fetch('/onetime/access', {
      method: 'POST',
      headers: { Authorization: h.basic(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'redirect_uri=http%3A%2F%2Flocalhost%2Fcb&state=s',
    });
    assert.equal(response.status, 201);
  });
});
