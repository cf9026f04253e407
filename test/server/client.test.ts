import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createNrichClient, NrichApiError, type NrichClient } from '../../src/server/index.js';
import { watchConsole } from './support/console-watch.js';
import { failingUpstream, listen, silentUpstream } from './support/local-servers.js';
import {
  completeWidget,
  HOUR,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  startTestSandbox,
  type TestSandbox,
} from './support/sandbox.js';

const consoleOutput = watchConsole();
const REDIRECT_URI = 'http://localhost:5173/callback';

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

/** A fresh authorization code, obtained the way a user would. */
async function freshCode(body: Partial<Parameters<NrichClient['createWidgetLink']>[0]> = {}): Promise<string> {
  const link = await client.createWidgetLink({ redirect_uri: REDIRECT_URI, ...body });
  const query = await completeWidget(sandbox.url, link.location);
  assert.ok(query.code, 'the widget handed back a code');
  return query.code;
}

async function rejection(promise: Promise<unknown>): Promise<NrichApiError> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof NrichApiError, `expected NrichApiError, got ${String(error)}`);
  return error;
}

describe('createWidgetLink', () => {
  test('answers the widget location and a flow id, and the flow carries the state', async () => {
    const link = await client.createWidgetLink({ redirect_uri: REDIRECT_URI, language: 'en', state: 'session_42' });
    assert.match(link.id, /^[0-9a-f-]{36}$/);
    assert.ok(new URL(link.location).searchParams.get('token'), 'location carries the widget token');
    const query = await completeWidget(sandbox.url, link.location, 'cancel');
    assert.equal(query.state, 'session_42');
    assert.equal(query.flow_id, link.id);
    assert.equal(query.abort, 'true');
  });

  test('appends the extra query (the sandbox switches) to the call', async () => {
    const link = await client.createWidgetLink({ redirect_uri: REDIRECT_URI }, { query: { message_shape: 'legacy' } });
    const query = await completeWidget(sandbox.url, link.location, 'cancel');
    assert.equal(query.cancel, 'true', 'the legacy shape names the flag "cancel"');
    assert.equal(query.abort, undefined);
  });
});

describe('exchangeCode', () => {
  test('turns a code into tokens', async () => {
    const tokens = await client.exchangeCode({ code: await freshCode(), redirectUri: REDIRECT_URI });
    assert.equal(tokens.token_type, 'Bearer');
    assert.equal(tokens.expires_in, 3600);
    assert.ok(tokens.access_token.length > 100 && tokens.refresh_token.length > 50);
    assert.notEqual(tokens.access_token, tokens.refresh_token);
  });

  test('a reused code is rejected with the API error, and the message does not repeat the code', async () => {
    const code = await freshCode();
    await client.exchangeCode({ code, redirectUri: REDIRECT_URI });
    const error = await rejection(client.exchangeCode({ code, redirectUri: REDIRECT_URI }));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_grant');
    assert.equal(error.endpoint, 'POST /auth/token');
    assert.ok(!error.message.includes(code));
  });

  test('a code older than an hour is rejected', async () => {
    const code = await freshCode();
    sandbox.clock.advance(HOUR + 1000);
    const error = await rejection(client.exchangeCode({ code, redirectUri: REDIRECT_URI }));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_grant');
    assert.match(error.message, /expired/);
  });
});

describe('refreshToken', () => {
  test('rotates the refresh token, and the old one is rejected afterwards', async () => {
    const first = await client.exchangeCode({ code: await freshCode(), redirectUri: REDIRECT_URI });
    const second = await client.refreshToken(first.refresh_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    const error = await rejection(client.refreshToken(first.refresh_token));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_grant');
    assert.ok(!error.message.includes(first.refresh_token));
    await client.listAccounts(second.access_token); // the new pair works
  });
});

describe('data', () => {
  let accessToken: string;
  before(async () => {
    const code = await freshCode({ accounts: [{ id: 'DE89370400440532013000' }] });
    accessToken = (await client.exchangeCode({ code, redirectUri: REDIRECT_URI })).access_token;
  });

  test('listAccounts returns the accounts, including the IBAN the user entered', async () => {
    const { accounts } = await client.listAccounts(accessToken);
    assert.ok(accounts.length >= 1);
    assert.equal(accounts[0]?.iban, 'DE89370400440532013000');
    assert.equal(typeof accounts[0]?.balance?.balance, 'number');
  });

  test('listTransactions pages with count and offset', async () => {
    const first = await client.listTransactions(accessToken, { count: 5 });
    const second = await client.listTransactions(accessToken, { count: 5, offset: 5 });
    const both = await client.listTransactions(accessToken, { count: 10 });
    assert.equal(first.transactions.length, 5);
    assert.deepEqual(
      [...first.transactions, ...second.transactions].map((tx) => tx.transaction_id),
      both.transactions.map((tx) => tx.transaction_id),
    );
  });

  test('listTransactions filters with since, given as text or as a Date', async () => {
    const all = (await client.listTransactions(accessToken)).transactions;
    const middle = String(all[Math.floor(all.length / 2)]?.booking_date);
    const asText = (await client.listTransactions(accessToken, { since: middle })).transactions;
    const asDate = (await client.listTransactions(accessToken, { since: new Date(`${middle}T12:00:00Z`) }))
      .transactions;
    assert.ok(asText.length > 0 && asText.length < all.length);
    assert.ok(asText.every((tx) => String(tx.booking_date) >= middle));
    assert.deepEqual(asDate, asText);
  });

  test('allTransactions walks every page', async () => {
    const calls: string[] = [];
    const counting = createNrichClient({
      baseUrl: sandbox.url,
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      fetch: (input, init) => {
        calls.push(input);
        return fetch(input, init);
      },
    });
    const walked = [];
    for await (const tx of counting.allTransactions(accessToken, { pageSize: 10 })) walked.push(tx.transaction_id);
    const everything = (await client.listTransactions(accessToken, { count: 1000 })).transactions;
    assert.ok(everything.length > 10, 'the test needs more than one page');
    assert.deepEqual(
      walked,
      everything.map((tx) => tx.transaction_id),
    );
    assert.equal(calls.length, Math.ceil(everything.length / 10) + (everything.length % 10 === 0 ? 1 : 0));
    assert.match(calls[1] ?? '', /count=10&offset=10/);
  });

  test('an expired access token is refused with 401', async () => {
    const code = await freshCode();
    const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT_URI });
    sandbox.clock.advance(HOUR + 1000);
    const error = await rejection(client.listAccounts(tokens.access_token));
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_token');
    assert.ok(!error.message.includes(tokens.access_token));
  });
});

describe('failures', () => {
  test('bad credentials: 401 from the API, and the error never holds the secret', async () => {
    const secret = 'wrong-secret-0123456789';
    const bad = createNrichClient({ baseUrl: sandbox.url, clientId: SANDBOX_CLIENT_ID, clientSecret: secret });
    const error = await rejection(bad.createWidgetLink({ redirect_uri: REDIRECT_URI }));
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_client');
    assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(secret));
  });

  test('an upstream 5xx keeps its status and the API error text', async () => {
    const upstream = await failingUpstream(503, JSON.stringify({ error: 'maintenance', message: 'Back soon.' }));
    try {
      const broken = createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: 'secret-xyz' });
      const error = await rejection(broken.listAccounts('token-abc'));
      assert.equal(error.status, 503);
      assert.equal(error.code, 'maintenance');
      assert.equal(error.message, 'Back soon.');
    } finally {
      await upstream.close();
    }
  });

  test('a non-JSON error page is not echoed', async () => {
    const upstream = await failingUpstream(502, '<html>proxy says Authorization: Basic abc</html>', 'text/html');
    try {
      const broken = createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: 'secret-xyz' });
      const error = await rejection(broken.createWidgetLink({ redirect_uri: REDIRECT_URI }));
      assert.equal(error.status, 502);
      assert.equal(error.code, 'http_error');
      assert.equal(error.message, 'HTTP 502');
    } finally {
      await upstream.close();
    }
  });

  test('an API text that echoes the secret or the token is redacted', async () => {
    const secret = 'the-client-secret-42';
    const token = 'refresh-token-that-must-not-leak';
    const upstream = await failingUpstream(
      400,
      JSON.stringify({ error: 'invalid_grant', message: `bad ${token} for ${secret}` }),
    );
    try {
      const broken = createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: secret });
      const error = await rejection(broken.refreshToken(token));
      assert.equal(error.message, 'bad [redacted] for [redacted]');
    } finally {
      await upstream.close();
    }
  });

  test('an API that does not answer times out with code "timeout"', async () => {
    const upstream = await silentUpstream();
    try {
      const slow = createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: 'secret', timeout: 200 });
      const started = Date.now();
      const error = await rejection(slow.listAccounts('token'));
      assert.equal(error.status, 0);
      assert.equal(error.code, 'timeout');
      assert.ok(Date.now() - started < 2000, 'gave up near the configured timeout');
    } finally {
      await upstream.close();
    }
  });

  test('an unreachable API fails with code "network"', async () => {
    const gone = await listen(() => {});
    await gone.close(); // the port is now closed
    const offline = createNrichClient({ baseUrl: gone.url, clientId: 'id', clientSecret: 'secret' });
    const error = await rejection(offline.listAccounts('token'));
    assert.equal(error.status, 0);
    assert.equal(error.code, 'network');
  });

  test('a success without the documented fields is an invalid_response', async () => {
    const upstream = await failingUpstream(200, JSON.stringify({ unexpected: true }));
    try {
      const odd = createNrichClient({ baseUrl: upstream.url, clientId: 'id', clientSecret: 'secret' });
      const error = await rejection(odd.exchangeCode({ code: 'c0de', redirectUri: REDIRECT_URI }));
      assert.equal(error.code, 'invalid_response');
    } finally {
      await upstream.close();
    }
  });
});

describe('authentication header', () => {
  test('HTTP Basic over UTF-8, also for characters btoa alone would refuse', async () => {
    let seen: string | null = null;
    const spy = createNrichClient({
      baseUrl: 'http://api.invalid/base/',
      clientId: 'client',
      clientSecret: 'pässwörd€',
      fetch: async (input, init) => {
        seen = new Headers(init.headers).get('authorization');
        assert.equal(input, 'http://api.invalid/base/onetime/access');
        return Response.json({ location: 'https://widget.invalid/?token=t', id: 'flow' });
      },
    });
    await spy.createWidgetLink({ redirect_uri: REDIRECT_URI });
    assert.equal(seen, `Basic ${Buffer.from('client:pässwörd€', 'utf8').toString('base64')}`);
  });

  test('data calls send the bearer token instead of the client credentials', async () => {
    let seen: string | null = null;
    const spy = createNrichClient({
      baseUrl: 'http://api.invalid',
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
