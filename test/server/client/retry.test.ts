/**
 * Retries over real HTTP: the sandbox answers 429/503 (with Retry-After), drops or hangs, and logs every
 * request with its arrival time, so a test sees how many attempts there were and how long the client waited.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFailure, requestsSince } from '../support/api-failure.js';
import { REDIRECT_URI, useSandbox } from '../support/sandbox.js';
import { until } from '../../support/until.js';

const t = useSandbox();

/** Runs `use` and returns the sandbox's log entries for `path` that arrived meanwhile. */
async function logged(path: string, use: () => Promise<unknown>) {
  const mark = t.sandbox.requests.length;
  await use();
  return requestsSince(t.sandbox.requests, mark, path);
}

describe('reads and flow starts are retried', () => {
  test('503 with Retry-After: 1 → one retry after at least a second, then success', async () => {
    const { access_token } = await t.connect();
    t.sandbox.fail({ path: '/rest/accounts', status: 503, retryAfter: 1 });
    let accounts = 0;
    const attempts = await logged('/rest/accounts', async () => {
      accounts = (await t.client.listAccounts(access_token)).accounts.length;
    });
    assert.equal(accounts, 2, 'the retry succeeded');
    assert.deepEqual(
      attempts.map((entry) => entry.status),
      [503, 200],
    );
    const waited = (attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0);
    assert.ok(waited >= 950, `the second attempt came ${waited.toFixed(0)} ms after the first`);
  });

  test('a dropped connection during a page walk: the page is fetched again and nothing is lost', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '10' });
    const expected = await t.client.collectTransactions(access_token);
    t.sandbox.fail({ path: '/rest/transactions', action: 'drop' });
    let walked = 0;
    const attempts = await logged('/rest/transactions', async () => {
      walked = (await t.client.collectTransactions(access_token)).length;
    });
    assert.equal(walked, expected.length);
    assert.equal(attempts.length, Math.ceil(expected.length / 10) + 1, 'one page twice');
  });

  test('429 on a flow start is retried', async () => {
    t.sandbox.fail({ path: '/onetime/access', status: 429 });
    const attempts = await logged('/onetime/access', () =>
      t.client.createFlow('onetime/access', { redirect_uri: REDIRECT_URI }),
    );
    assert.deepEqual(
      attempts.map((entry) => entry.status),
      [429, 201],
    );
  });

  test('502 and 504 are retried; 500 is not', async () => {
    const { access_token } = await t.connect();
    t.sandbox.fail({ path: '/rest/accounts', status: 502, body: 'bad gateway', contentType: 'text/plain' });
    t.sandbox.fail({ path: '/rest/accounts', status: 504, body: 'gateway timeout', contentType: 'text/plain' });
    const recovered = await logged('/rest/accounts', () => t.client.listAccounts(access_token));
    assert.deepEqual(
      recovered.map((entry) => entry.status),
      [502, 504, 200],
    );
    t.sandbox.fail({ path: '/rest/accounts', status: 500 });
    const failed = await logged('/rest/accounts', () => apiFailure(t.client.listAccounts(access_token)));
    assert.equal(failed.length, 1);
  });
});

describe('retries are bounded', () => {
  test('in count: 1 + retries attempts, then the last error', async () => {
    t.sandbox.fail({ path: '/rest/accounts', status: 503, times: 4 });
    let kind = '';
    const attempts = await logged('/rest/accounts', async () => {
      kind = (await apiFailure(t.clientWith({ retry: { retries: 3, baseDelayMs: 10 } }).listAccounts('x'))).kind;
    });
    assert.equal(attempts.length, 4);
    assert.equal(kind, 'rate_limited');
    t.sandbox.fail({ path: '/rest/accounts', status: 503 });
    const none = await logged('/rest/accounts', () => apiFailure(t.clientWith({ retry: false }).listAccounts('x')));
    assert.equal(none.length, 1, 'retry: false');
  });

  test('in time: no retry starts past maxElapsedMs', async () => {
    t.sandbox.fail({ path: '/rest/accounts', status: 503 });
    const attempts = await logged('/rest/accounts', () =>
      t
        .clientWith({ retry: { retries: 5, baseDelayMs: 200, maxElapsedMs: 50 } })
        .listAccounts('x')
        .catch(() => {}),
    );
    assert.equal(attempts.length, 1);
  });

  test('a Retry-After longer than maxDelayMs is handed to the caller instead of waited for', async () => {
    t.sandbox.fail({ path: '/rest/accounts', status: 429, retryAfter: 120 });
    let retryAfter: number | undefined;
    const attempts = await logged('/rest/accounts', async () => {
      retryAfter = (await apiFailure(t.client.listAccounts('x'))).retryAfter;
    });
    assert.equal(attempts.length, 1);
    assert.equal(retryAfter, 120);
  });
});

describe('never retried: the code exchange and the refresh', () => {
  for (const fault of [{ status: 503, retryAfter: 1 }, { status: 429 }, { action: 'drop' as const }]) {
    test(`${fault.action ?? fault.status}: one attempt, and the error says it may be retried by the host`, async () => {
      const tokens = await t.connect();
      const { code } = await t.code();
      t.sandbox.fail({ path: '/auth/token', ...fault });
      const refresh = await logged('/auth/token', async () => {
        const error = await apiFailure(t.client.refreshToken(tokens.refresh_token));
        assert.equal(error.retryable, true);
      });
      t.sandbox.fail({ path: '/auth/token', ...fault });
      const exchange = await logged('/auth/token', () => apiFailure(t.client.exchangeCode({ code })));
      assert.equal(refresh.length, 1, 'refresh sent once');
      assert.equal(exchange.length, 1, 'exchange sent once');
    });
  }
});

describe('AbortSignal', () => {
  test('aborting while the call runs ends it as aborted, and the API sees the connection close', async () => {
    t.sandbox.fail({ path: '/rest/accounts', action: 'hang' });
    const aborter = new AbortController();
    const mark = t.sandbox.requests.length;
    const pending = apiFailure(t.client.listAccounts('x', { signal: aborter.signal }));
    await until(() => requestsSince(t.sandbox.requests, mark, '/rest/accounts').length === 1);
    aborter.abort();
    const error = await pending;
    assert.deepEqual([error.kind, error.code, error.retryable], ['aborted', 'aborted', false]);
    const [entry] = requestsSince(t.sandbox.requests, mark, '/rest/accounts');
    await until(() => entry?.abandoned === true);
  });

  test('aborting during the wait before a retry ends it without another attempt', async () => {
    t.sandbox.fail({ path: '/rest/accounts', status: 503, retryAfter: 5 });
    const aborter = new AbortController();
    const slow = t.clientWith({ retry: { maxDelayMs: 10_000 } });
    const attempts = await logged('/rest/accounts', async () => {
      const pending = apiFailure(slow.listAccounts('x', { signal: aborter.signal }));
      await until(() => t.sandbox.requests.at(-1)?.status === 503);
      aborter.abort();
      assert.equal((await pending).kind, 'aborted');
    });
    assert.equal(attempts.length, 1);
  });

  test('an already aborted signal sends nothing', async () => {
    const attempts = await logged('/onetime/access', async () => {
      const error = await apiFailure(
        t.client.createFlow('onetime/access', { redirect_uri: REDIRECT_URI }, { signal: AbortSignal.abort() }),
      );
      assert.equal(error.kind, 'aborted');
    });
    assert.equal(attempts.length, 0);
  });
});
