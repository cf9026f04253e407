/**
 * The one-time pattern: fetch everything at the exchange, because the API deletes a one-time flow's data
 * an hour after the user connected. Shown on the sandbox clock.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeAndFetch, fetchOneTimeData } from '../../../src/server/index.js';
import { apiFailure } from '../support/api-failure.js';
import { HOUR, REDIRECT_URI, useSandbox } from '../support/sandbox.js';

const t = useSandbox();
const MINUTE = 60_000;

describe('exchangeAndFetch', () => {
  test('has every account and all 250 transactions after the hour, when the API no longer has them', async () => {
    const { code } = await t.code({}, 'onetime/access', { page_cap: '100', transaction_count: '250' });
    t.clock.advance(5 * MINUTE); // the user took a while to get back to the page
    const data = await exchangeAndFetch(t.client, { code, redirectUri: REDIRECT_URI });
    assert.equal(data.accounts.length, 2);
    assert.equal(data.transactions.length, 250, 'every page, though the API capped each at 100');
    assert.deepEqual(Object.keys(data).sort(), ['accounts', 'transactions'], 'the tokens stay inside');

    // What the "refresh and fetch later" pattern would meet: within the hour the data is there ...
    const { code: other } = await t.code();
    t.clock.advance(5 * MINUTE);
    const tokens = await t.client.exchangeCode({ code: other });
    t.clock.advance(HOUR - 5 * MINUTE - 1);
    assert.equal((await t.client.listAccounts(tokens.access_token)).accounts.length, 2);
    // ... an hour after the user connected it is deleted (the access token is still valid), and the
    // refresh token is refused.
    t.clock.advance(1);
    const gone = await apiFailure(t.client.listAccounts(tokens.access_token));
    assert.deepEqual([gone.status, gone.code, gone.kind], [410, 'data_deleted', 'not_found']);
    assert.match(String(gone.description), /one hour/);
    assert.equal((await apiFailure(t.client.refreshToken(tokens.refresh_token))).kind, 'reauthorize');

    // The helper's result is the host's own copy: still complete.
    assert.equal(data.transactions.length, 250);
  });

  test('the transaction filters pass through', async () => {
    const { code } = await t.code();
    const data = await exchangeAndFetch(t.client, { code }, { include_pending: true, sort: 'asc' });
    assert.equal(data.transactions.length, 47);
    assert.equal(data.transactions.at(-1)?.status, 'pending');
  });

  test('a used code fails as reauthorize and fetches nothing', async () => {
    const { code } = await t.code();
    await t.client.exchangeCode({ code });
    const mark = t.sandbox.requests.length;
    const error = await apiFailure(exchangeAndFetch(t.client, { code, redirectUri: REDIRECT_URI }));
    assert.equal(error.kind, 'reauthorize');
    assert.deepEqual(
      t.sandbox.requests.slice(mark).map((call) => call.path),
      ['/auth/token'],
    );
  });
});

describe('fetchOneTimeData', () => {
  test('takes an access token the host got itself; a failing page fails it whole', async () => {
    const tokens = await t.connect();
    const data = await fetchOneTimeData(t.client, tokens.access_token, { pageSize: 10 });
    assert.equal(data.transactions.length, 45);
    t.sandbox.fail({ path: '/rest/transactions', status: 500 });
    assert.equal((await apiFailure(fetchOneTimeData(t.client, tokens.access_token))).kind, 'upstream_down');
  });
});
