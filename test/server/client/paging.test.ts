/**
 * Complete paging against a sandbox that caps its pages below `count` (as real servers may): the walk goes
 * on after every short page and ends only when the API has no more.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Transaction } from '../../../src/server/index.js';
import { apiFailure, requestsSince } from '../support/api-failure.js';
import { useSandbox } from '../support/sandbox.js';

const t = useSandbox();
const ids = (transactions: Transaction[]) => transactions.map((tx) => tx.transaction_id);

/** The pages as the API serves them, read one by one with count = the cap. */
async function pageByPage(accessToken: string, cap: number): Promise<Transaction[]> {
  const all: Transaction[] = [];
  for (let offset = 0; ; offset += cap) {
    const { transactions } = await t.client.listTransactions(accessToken, { count: cap, offset });
    if (transactions.length === 0) return all;
    all.push(...transactions);
  }
}

describe('capped pages', () => {
  test('a server answering 100 per page whatever count says: all 250 transactions, in 3 calls', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '100', transaction_count: '250' });
    const mark = t.sandbox.requests.length;
    const walked: Transaction[] = [];
    for await (const tx of t.client.allTransactions(access_token)) walked.push(tx);
    const calls = requestsSince(t.sandbox.requests, mark, '/rest/transactions');

    assert.equal(walked.length, 250);
    assert.equal(new Set(ids(walked)).size, 250);
    assert.deepEqual(ids(walked), ids(await pageByPage(access_token, 100)));
    assert.deepEqual(
      calls.map((call) => new URLSearchParams(call.query).get('offset')),
      ['0', '100', '200'],
      'asked count=1000, got 100, went on; stopped at the total of 250',
    );
    assert.ok(calls.every((call) => new URLSearchParams(call.query).get('count') === '1000'));
  });

  test('without a total in the answer, the walk ends on the first empty page', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', {
      page_cap: '100',
      transaction_count: '250',
      paging: 'none',
    });
    const mark = t.sandbox.requests.length;
    const collected = await t.client.collectTransactions(access_token);
    assert.equal(collected.length, 250);
    assert.deepEqual(
      requestsSince(t.sandbox.requests, mark, '/rest/transactions').map((call) =>
        new URLSearchParams(call.query).get('offset'),
      ),
      ['0', '100', '200', '250'],
    );
  });

  test('pageSize sets count; the iterator and the collector agree', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '7' });
    const mark = t.sandbox.requests.length;
    const collected = await t.client.collectTransactions(access_token, { pageSize: 5 });
    assert.equal(collected.length, 45);
    const calls = requestsSince(t.sandbox.requests, mark, '/rest/transactions');
    assert.equal(calls.length, 9);
    assert.ok(calls.every((call) => new URLSearchParams(call.query).get('count') === '5'));
    const iterated: Transaction[] = [];
    for await (const tx of t.client.allTransactions(access_token, { pageSize: 5 })) iterated.push(tx);
    assert.deepEqual(iterated, collected);
  });
});

describe('filters are honored on every page', () => {
  test('since, until, accounts, include_pending and sort', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '4' });
    const everything = await t.client.collectTransactions(access_token, { include_pending: true });
    assert.equal(everything.length, 47);
    const booked = everything.filter((tx) => tx.status === 'booked');
    const since = String(booked[30]?.booking_date);
    const until = String(booked[5]?.booking_date);
    const account = String(booked.at(-1)?.account_id);

    const filtered = await t.client.collectTransactions(access_token, { since, until, accounts: [account] });
    const expected = booked.filter(
      (tx) => String(tx.booking_date) >= since && String(tx.booking_date) <= until && tx.account_id === account,
    );
    assert.ok(expected.length > 1);
    assert.deepEqual(ids(filtered), ids(expected));

    const ascending = await t.client.collectTransactions(access_token, { sort: 'asc', include_pending: true });
    assert.deepEqual(ids(ascending), ids([...everything].reverse()));
    const sinceDate = await t.client.collectTransactions(access_token, { since: new Date(`${since}T23:00:00Z`) });
    assert.deepEqual(ids(sinceDate), ids(booked.filter((tx) => String(tx.booking_date) >= since)));
  });

  test('accountId walks /rest/accounts/{id}/transactions', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '5' });
    const everything = await t.client.collectTransactions(access_token);
    const account = String(everything[0]?.account_id);
    const mark = t.sandbox.requests.length;
    const own = await t.client.collectTransactions(access_token, { accountId: account });
    assert.deepEqual(ids(own), ids(everything.filter((tx) => tx.account_id === account)));
    const paths = new Set(t.sandbox.requests.slice(mark).map((call) => call.path));
    assert.deepEqual([...paths], [`/rest/accounts/${account}/transactions`]);
  });
});

describe('a walk never ends quietly with part of the data', () => {
  const page = (transactions: string[], total?: number) =>
    JSON.stringify({
      transactions: transactions.map((id) => ({ transaction_id: id, account_id: 'a', amount: 1 })),
      ...(total === undefined ? {} : { paging: { total } }),
    });

  test('a server that ignores offset (the same page again) is an error, not an endless loop', async () => {
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page(['t1', 't2']), times: 2 });
    const walked: string[] = [];
    const error = await apiFailure(
      (async () => {
        for await (const tx of t.client.allTransactions('token')) walked.push(tx.transaction_id);
      })(),
    );
    assert.equal(error.kind, 'invalid_response');
    assert.match(error.message, /the same page again at offset 2/);
    assert.deepEqual(walked, ['t1', 't2']);
  });

  test('a server that ignores offset and sends no ids is an error too, not an endless walk', async () => {
    const body = JSON.stringify({
      transactions: [
        { account_id: 'a', amount: 1 },
        { account_id: 'a', amount: 2 },
      ],
    });
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body, times: 3 });
    const error = await apiFailure(t.client.collectTransactions('token'));
    assert.equal(error.kind, 'invalid_response');
    assert.match(error.message, /the same page again at offset 2/);
    t.sandbox.reset();
  });

  test('a walk past maxPages stops with too_many_pages', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '5' });
    const mark = t.sandbox.requests.length;
    const error = await apiFailure(t.client.collectTransactions(access_token, { maxPages: 3 }));
    assert.deepEqual([error.code, error.kind], ['too_many_pages', 'invalid_response']);
    assert.equal(requestsSince(t.sandbox.requests, mark, '/rest/transactions').length, 3);
  });

  test('an empty page before the stated total is an error', async () => {
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page(['t1', 't2'], 5) });
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page([], 5) });
    const error = await apiFailure(t.client.collectTransactions('token'));
    assert.equal(error.kind, 'invalid_response');
    assert.match(error.message, /no more transactions after 2 of 5/);
  });

  test('a transaction seen again (the list shifted under the walk) is handed out once', async () => {
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page(['t1', 't2']) });
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page(['t2', 't3']) });
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page([]) });
    assert.deepEqual(ids(await t.client.collectTransactions('token')), ['t1', 't2', 't3']);
  });

  test('a failing page fails the whole collection', async () => {
    const { access_token } = await t.connect({}, 'onetime/access', { page_cap: '10' });
    await t.client.listTransactions(access_token, { count: 1 }); // the flow works
    t.sandbox.fail({ path: '/rest/transactions', status: 200, body: page(['x1']) });
    t.sandbox.fail({ path: '/rest/transactions', status: 400, body: '{"error":"invalid_request"}' });
    const error = await apiFailure(t.client.collectTransactions(access_token));
    assert.equal(error.kind, 'bad_request');
  });
});
