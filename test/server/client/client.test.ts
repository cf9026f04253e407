import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createNrichClient, NrichConfigError } from '../../../src/server/index.js';
import { listen } from '../support/local-servers.js';
import { watchConsole } from '../support/console-watch.js';
import { apiFailure, requestsSince } from '../support/api-failure.js';
import { completeWidget, HOUR, REDIRECT_URI, SANDBOX_CLIENT_SECRET, useSandbox } from '../support/sandbox.js';

const consoleOutput = watchConsole();
const t = useSandbox();

describe('configuration is checked at construction', () => {
  const valid = { baseUrl: 'https://api.example', clientId: 'id', clientSecret: 'the-secret-value' };
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a missing baseUrl', { baseUrl: undefined }, 'baseUrl', /missing/],
    ['an empty baseUrl', { baseUrl: '' }, 'baseUrl', /non-empty/],
    ['a baseUrl without a scheme', { baseUrl: 'api.example.com' }, 'baseUrl', /absolute URL/],
    ['a baseUrl over http to another host', { baseUrl: 'http://api.example.com' }, 'baseUrl', /https/],
    ['a baseUrl with credentials', { baseUrl: 'https://user:pw@api.example' }, 'baseUrl', /credentials/],
    ['a baseUrl with a query', { baseUrl: 'https://api.example/?x=1' }, 'baseUrl', /query/],
    ['a missing clientId', { clientId: undefined }, 'clientId', /missing/],
    ['a clientId with a colon', { clientId: 'a:b' }, 'clientId', /":"/],
    ['a missing clientSecret', { clientSecret: undefined }, 'clientSecret', /missing/],
    ['a blank clientSecret', { clientSecret: '  ' }, 'clientSecret', /non-empty/],
    ['a clientSecret with a trailing newline', { clientSecret: 'the-secret-value\n' }, 'clientSecret', /white space/],
    ['a timeout of 0', { timeout: 0 }, 'timeout', /positive/],
    ['a fetch that is no function', { fetch: 'yes' }, 'fetch', /function/],
    ['a negative retry count', { retry: { retries: -1 } }, 'retry.retries', /whole number/],
    ['an unknown retry option', { retry: { maxRetries: 3 } }, 'retry.maxRetries', /not a retry option/],
    ['a response limit of 0', { maxResponseBytes: 0 }, 'maxResponseBytes', /whole number of bytes/],
  ];
  for (const [name, change, setting, message] of cases) {
    test(`${name} throws NrichConfigError naming ${setting}, without echoing a value`, () => {
      const error = (() => {
        try {
          createNrichClient({ ...valid, ...change } as never);
        } catch (caught) {
          return caught;
        }
        return assert.fail('construction succeeded');
      })();
      assert.ok(error instanceof NrichConfigError);
      assert.equal(error.setting, setting);
      assert.match(error.message, message);
      assert.match(error.message, new RegExp(`^${setting.replace('.', '\\.')}: `));
      assert.ok(!error.message.includes('the-secret-value') && !error.message.includes('pw@'));
    });
  }

  test('no options at all', () => {
    assert.throws(() => createNrichClient(undefined as never), { name: 'NrichConfigError', setting: 'options' });
  });

  test('http is fine on loopback, and a path prefix is kept', async () => {
    for (const baseUrl of ['http://localhost:1', 'http://127.0.0.1:1/', 'http://[::1]:1']) {
      createNrichClient({ ...valid, baseUrl });
    }
    const seen: string[] = [];
    const spy = createNrichClient({
      ...valid,
      baseUrl: 'https://api.invalid/base/',
      fetch: async (input) => (seen.push(input), Response.json({ accounts: [] })),
    });
    await spy.listAccounts('token');
    assert.deepEqual(seen, ['https://api.invalid/base/rest/accounts']);
  });
});

describe('flow starts', () => {
  test("createFlow('onetime/access') answers the widget location and a flow id, and the flow carries the state", async () => {
    const link = await t.client.createFlow('onetime/access', {
      redirect_uri: REDIRECT_URI,
      language: 'en',
      state: 'session_42',
    });
    assert.match(link.id, /^[0-9a-f-]{36}$/);
    assert.ok(new URL(link.location).searchParams.get('token'), 'location carries the widget token');
    const query = await completeWidget(t.url, link.location, 'cancel');
    assert.equal(query.state, 'session_42');
    assert.equal(query.flow_id, link.id);
    assert.equal(query.abort, 'true');
  });

  test('the extra query (the sandbox switches) is appended to the call', async () => {
    const link = await t.client.createFlow(
      'onetime/access',
      { redirect_uri: REDIRECT_URI },
      { query: { message_shape: 'legacy' } },
    );
    const query = await completeWidget(t.url, link.location, 'cancel');
    assert.equal(query.cancel, 'true', 'the legacy shape names the flag "cancel"');
  });

  test('every documented flow endpoint, with its own fields, reaches the API', async () => {
    const body = { redirect_uri: REDIRECT_URI, account_types: ['checking'], allow_multi_selection: false };
    const ongoing = await t.client.createFlow('ongoing/access', { ...body, user_id: 'user-7', sync_period: 60 });
    const verification = await t.client.createFlow('onetime/account-verification', { ...body, name: 'Erika' });
    const report = await t.client.createFlow('onetime/income-report', { ...body, reporting_period: 6 });
    assert.deepEqual(
      [t.sandbox.flow(ongoing.id), t.sandbox.flow(verification.id), t.sandbox.flow(report.id)].map((flow) => [
        flow?.kind,
        flow?.userId ?? flow?.name ?? flow?.reportingPeriod,
        flow?.accountTypes,
        flow?.allowMultiSelection,
      ]),
      [
        ['ongoing/access', 'user-7', ['checking'], false],
        ['onetime/account-verification', 'Erika', ['checking'], false],
        ['onetime/income-report', 6, ['checking'], false],
      ],
    );
    assert.equal(t.sandbox.flow(ongoing.id)?.syncPeriod, 60);
  });

  test('a flow the API does not have is refused before any call', async () => {
    await assert.rejects(t.client.createFlow('onetime/nope' as 'onetime/access', { redirect_uri: REDIRECT_URI }), {
      name: 'NrichConfigError',
      setting: 'flow',
    });
  });

  test('a refused flow start is a typed error (the sandbox requires user_id for ongoing access)', async () => {
    const error = await apiFailure(t.client.createFlow('ongoing/access', { redirect_uri: REDIRECT_URI } as never));
    assert.equal(error.status, 400);
    assert.equal(error.kind, 'bad_request');
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, /user_id is required/);
  });
});

describe('exchangeCode', () => {
  test('turns a code into tokens', async () => {
    const tokens = await t.connect();
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.ok(tokens.access_token.length > 100 && tokens.refresh_token.length > 50);
  });

  test('redirectUri may be left out: the API does not require it', async () => {
    const mark = t.sandbox.requests.length;
    const tokens = await t.client.exchangeCode({ code: (await t.code()).code });
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(requestsSince(t.sandbox.requests, mark, '/auth/token').length, 1);
  });

  test('a reused code: kind reauthorize, status 400, not retryable, and the message does not repeat the code', async () => {
    const { code } = await t.code();
    await t.client.exchangeCode({ code, redirectUri: REDIRECT_URI });
    const error = await apiFailure(t.client.exchangeCode({ code, redirectUri: REDIRECT_URI }));
    assert.deepEqual(
      [error.status, error.code, error.kind, error.retryable, error.endpoint],
      [400, 'invalid_grant', 'reauthorize', false, 'POST /auth/token'],
    );
    assert.ok(!error.message.includes(code));
  });

  test('a code older than an hour is refused the same way', async () => {
    const { code } = await t.code();
    t.clock.advance(HOUR + 1000);
    const error = await apiFailure(t.client.exchangeCode({ code, redirectUri: REDIRECT_URI }));
    assert.equal(error.kind, 'reauthorize');
    assert.match(error.message, /expired/);
  });
});

describe('refreshToken', () => {
  test('rotates the refresh token; the old one is then refused as reauthorize', async () => {
    const first = await t.connect();
    const second = await t.client.refreshToken(first.refresh_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    const error = await apiFailure(t.client.refreshToken(first.refresh_token));
    assert.equal(error.kind, 'reauthorize');
    assert.ok(!error.message.includes(first.refresh_token));
    await t.client.listAccounts(second.access_token); // the new pair works
  });
});

describe('data', () => {
  test('listAccounts and getAccount, including the IBAN the user entered', async () => {
    const { access_token } = await t.connect({ accounts: [{ id: 'DE89370400440532013000' }] });
    const { accounts } = await t.client.listAccounts(access_token);
    assert.equal(accounts[0]?.iban, 'DE89370400440532013000');
    for (const account of accounts) {
      assert.deepEqual(await t.client.getAccount(access_token, account.account_id), account);
    }
    const missing = await apiFailure(t.client.getAccount(access_token, 'no/such account'));
    assert.deepEqual([missing.status, missing.kind, missing.endpoint], [404, 'not_found', 'GET /rest/accounts/{id}']);
  });

  test('listTransactions pages with count and offset, and takes every filter', async () => {
    const { access_token } = await t.connect();
    const all = (await t.client.listTransactions(access_token)).transactions;
    const first = await t.client.listTransactions(access_token, { count: 5 });
    const second = await t.client.listTransactions(access_token, { count: 5, offset: 5 });
    assert.deepEqual([...first.transactions, ...second.transactions], all.slice(0, 10));

    const middle = String(all[20]?.booking_date);
    const asText = (await t.client.listTransactions(access_token, { since: middle })).transactions;
    const asDate = (await t.client.listTransactions(access_token, { since: new Date(`${middle}T12:00:00Z`) }))
      .transactions;
    assert.ok(asText.length > 0 && asText.length < all.length);
    assert.ok(asText.every((tx) => String(tx.booking_date) >= middle));
    assert.deepEqual(asDate, asText);
    const until = (await t.client.listTransactions(access_token, { until: middle })).transactions;
    assert.ok(until.every((tx) => String(tx.booking_date) <= middle));

    const account = String(all.at(-1)?.account_id);
    const one = (await t.client.listTransactions(access_token, { accounts: [account] })).transactions;
    assert.deepEqual(
      one,
      all.filter((tx) => tx.account_id === account),
    );
    const ascending = (await t.client.listTransactions(access_token, { sort: 'asc' })).transactions;
    assert.deepEqual(ascending, [...all].reverse());
    const pending = (await t.client.listTransactions(access_token, { include_pending: true })).transactions;
    assert.equal(pending.length, all.length + 2);
  });

  test('listAccountTransactions reads one account', async () => {
    const { access_token } = await t.connect();
    const all = (await t.client.listTransactions(access_token)).transactions;
    const account = String(all[0]?.account_id);
    const own = (await t.client.listAccountTransactions(access_token, account, { count: 1000 })).transactions;
    assert.deepEqual(
      own,
      all.filter((tx) => tx.account_id === account),
    );
  });

  test('an expired access token: 401, kind unauthorized (refresh and try again)', async () => {
    const tokens = await t.connect({ user_id: 'user-1' }, 'ongoing/access');
    t.clock.advance(HOUR + 1000);
    const error = await apiFailure(t.client.listAccounts(tokens.access_token));
    assert.deepEqual([error.status, error.code, error.kind], [401, 'invalid_token', 'unauthorized']);
    assert.ok(!error.message.includes(tokens.access_token));
  });
});

describe('authentication header', () => {
  test('HTTP Basic over UTF-8, also for characters btoa alone would refuse', async () => {
    let seen: string | null = null;
    const spy = createNrichClient({
      baseUrl: 'https://api.invalid/base/',
      clientId: 'client',
      clientSecret: 'pässwörd€',
      fetch: async (input, init) => {
        seen = new Headers(init.headers).get('authorization');
        assert.equal(input, 'https://api.invalid/base/onetime/access');
        return Response.json({ location: 'https://widget.invalid/?token=t', id: 'flow' }, { status: 201 });
      },
    });
    await spy.createFlow('onetime/access', { redirect_uri: REDIRECT_URI });
    assert.equal(seen, `Basic ${Buffer.from('client:pässwörd€', 'utf8').toString('base64')}`);
  });

  test('data calls send the bearer token instead of the client credentials', async () => {
    let seen: string | null = null;
    const spy = createNrichClient({
      baseUrl: 'https://api.invalid',
      clientId: 'client',
      clientSecret: 'secret',
      fetch: async (_input, init) => {
        seen = new Headers(init.headers).get('authorization');
        return Response.json({ accounts: [] });
      },
    });
    await spy.listAccounts('access-123');
    assert.equal(seen, 'Bearer access-123');
  });
});

test('nothing printed to the console contains the client secret', () => {
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});

describe('answers are read within a size limit', () => {
  test('an endless answer fails the call with response_too_large once the limit is read, not at the timeout', async () => {
    let written = 0;
    const endless = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const more = (): void => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length;
        if (!res.destroyed) res.once('drain', more);
      };
      res.write('{"accounts": [');
      more();
    });
    try {
      const client = createNrichClient({
        baseUrl: endless.url.replace('127.0.0.1', 'localhost'),
        clientId: 'id',
        clientSecret: 'secret',
        maxResponseBytes: 1024 * 1024,
        timeout: 60_000,
        retry: false,
      });
      const error = await apiFailure(client.listAccounts('token'));
      assert.deepEqual(
        [error.code, error.kind, error.endpoint],
        ['response_too_large', 'invalid_response', 'GET /rest/accounts'],
      );
      assert.ok(written < 64 * 1024 * 1024, `the server wrote ${written} bytes before the client gave up`);
    } finally {
      await endless.close();
    }
  });

  test('an answer within the limit is read whole', async () => {
    const client = t.clientWith({ maxResponseBytes: 64 * 1024 });
    const { access_token } = await t.connect();
    assert.ok((await client.listAccounts(access_token)).accounts.length > 0);
  });
});
