import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { T0, VALID_IBAN, connect, getJson, startHarness } from './helpers.js';
import { isValidIban } from '../../src/sandbox/iban.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

const ACCOUNT_FIELDS = [
  'access_id',
  'account_id',
  'account_number',
  'auto_sync',
  'balance',
  'bank_code',
  'bank_name',
  'bic',
  'currency',
  'iban',
  'is_jointly_managed',
  'name',
  'owner',
  'status',
  'type',
];
const TRANSACTION_FIELDS = [
  'account_id',
  'amount',
  'bic',
  'booking_date',
  'currency',
  'iban',
  'name',
  'purpose',
  'status',
  'transaction_id',
  'value_date',
];

interface Tx {
  account_id: string;
  transaction_id: string;
  booking_date: string;
  amount: number;
}

describe('GET /rest/accounts', () => {
  test('two accounts with the documented fields and valid IBANs', async () => {
    const { access_token } = await connect(h);
    const { status, body } = await getJson(h, '/rest/accounts', access_token);
    assert.equal(status, 200);
    assert.equal(body.accounts.length, 2);
    for (const account of body.accounts) {
      assert.deepEqual(Object.keys(account).sort(), ACCOUNT_FIELDS);
      assert.ok(isValidIban(account.iban), account.iban);
      assert.deepEqual(Object.keys(account.balance).sort(), ['balance', 'balance_date', 'status']);
      assert.equal(typeof account.balance.balance, 'number');
      assert.deepEqual(Object.keys(account.status).sort(), ['succeeded_at', 'synced_at']);
      assert.equal(account.currency, 'EUR');
    }
    assert.equal(body.accounts[0].type, 'Giro account');
    assert.equal(body.accounts[0].access_id, body.accounts[1].access_id);
    assert.notEqual(body.accounts[0].account_id, body.accounts[1].account_id);
  });

  test('the first account has exactly the IBAN entered at flow start', async () => {
    const { access_token } = await connect(h, { accounts: [{ id: 'DE89 3704 0044 0532 0130 00' }] });
    const { body } = await getJson(h, '/rest/accounts', access_token);
    assert.equal(body.accounts[0].iban, VALID_IBAN);
    assert.equal(body.accounts[0].bank_code, '37040044');
    assert.equal(body.accounts[0].account_number, '0532013000');
    assert.notEqual(body.accounts[1].iban, VALID_IBAN);
  });

  test('deterministic: the same connection returns the same data; refresh keeps it', async () => {
    const { access_token } = await connect(h);
    const a = await getJson(h, '/rest/accounts', access_token);
    const b = await getJson(h, '/rest/accounts', access_token);
    assert.deepEqual(a.body, b.body);
    assert.equal(a.body.accounts[0].balance.balance_date, new Date(T0).toISOString().slice(0, 10));
  });
});

describe('GET /rest/transactions', () => {
  test('45 transactions, newest first, documented fields, within sync_period', async () => {
    const { access_token } = await connect(h, { sync_period: 30 });
    const { body } = await getJson(h, '/rest/transactions', access_token);
    const txs = body.transactions as Tx[];
    assert.equal(txs.length, 45);
    for (const tx of txs) assert.deepEqual(Object.keys(tx).sort(), TRANSACTION_FIELDS);
    const dates = txs.map((tx) => tx.booking_date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const oldest = new Date(T0 - 29 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    assert.ok(
      dates.every((d) => d >= oldest),
      `older than sync_period: ${dates.at(-1)}`,
    );
    assert.equal(new Set(txs.map((tx) => tx.transaction_id)).size, 45);
    const accounts = (await getJson(h, '/rest/accounts', access_token)).body.accounts as { account_id: string }[];
    const ids = new Set(accounts.map((a) => a.account_id));
    assert.ok(txs.every((tx) => ids.has(tx.account_id)));
  });

  test('count and offset paginate the same list without gaps or overlaps', async () => {
    const { access_token } = await connect(h);
    const all = (await getJson(h, '/rest/transactions', access_token)).body.transactions as Tx[];
    const pages: Tx[] = [];
    for (let offset = 0; offset < all.length; offset += 10) {
      const { body } = await getJson(h, `/rest/transactions?count=10&offset=${offset}`, access_token);
      assert.ok(body.transactions.length <= 10);
      assert.equal(body.paging.total, 45);
      pages.push(...body.transactions);
    }
    assert.deepEqual(pages, all);
    const beyond = await getJson(h, '/rest/transactions?offset=45', access_token);
    assert.deepEqual(beyond.body.transactions, []);
  });

  test('since=YYYY-MM-DD keeps bookings on or after that day, and pages within the filtered list', async () => {
    const { access_token } = await connect(h);
    const all = (await getJson(h, '/rest/transactions', access_token)).body.transactions as Tx[];
    const since = all[20]?.booking_date ?? '';
    const expected = all.filter((tx) => tx.booking_date >= since);
    assert.ok(expected.length > 0 && expected.length < all.length);
    const filtered = await getJson(h, `/rest/transactions?since=${since}`, access_token);
    assert.deepEqual(filtered.body.transactions, expected);
    assert.equal(filtered.body.paging.total, expected.length);
    const second = await getJson(h, `/rest/transactions?since=${since}&count=5&offset=5`, access_token);
    assert.deepEqual(second.body.transactions, expected.slice(5, 10));
  });

  test('invalid count, offset or since: 400', async () => {
    const { access_token } = await connect(h);
    for (const query of [
      'count=0',
      'count=1001',
      'count=abc',
      'offset=-1',
      'offset=1.5',
      'since=2025-13-01',
      'since=2025-02-30',
      'since=yesterday',
      'until=2025-1-1',
      'sort=newest',
      'include_pending=yes',
    ]) {
      const { status, body } = await getJson(h, `/rest/transactions?${query}`, access_token);
      assert.equal(status, 400, query);
      assert.equal(body.error.code, 'invalid_request');
    }
    assert.equal((await getJson(h, '/rest/transactions?count=1000', access_token)).status, 200);
    assert.equal((await getJson(h, '/rest/transactions?count=1', access_token)).body.transactions.length, 1);
  });
});

describe('transaction filters', () => {
  test('until, accounts, sort=asc and include_pending', async () => {
    const { access_token } = await connect(h);
    const all = (await getJson(h, '/rest/transactions', access_token)).body.transactions as Tx[];
    const until = all[20]?.booking_date ?? '';
    const upTo = await getJson(h, `/rest/transactions?until=${until}`, access_token);
    assert.deepEqual(
      upTo.body.transactions,
      all.filter((tx) => tx.booking_date <= until),
    );

    const savings = all.at(-1)?.account_id ?? '';
    const one = await getJson(h, `/rest/transactions?accounts=${savings}`, access_token);
    assert.ok(one.body.transactions.length > 0);
    assert.deepEqual(
      one.body.transactions,
      all.filter((tx) => tx.account_id === savings),
    );

    const ascending = await getJson(h, '/rest/transactions?sort=asc', access_token);
    assert.deepEqual(ascending.body.transactions, [...all].reverse());

    const withPending = (await getJson(h, '/rest/transactions?include_pending=true', access_token)).body
      .transactions as (Tx & { status: string })[];
    assert.equal(withPending.length, all.length + 2);
    assert.deepEqual(
      withPending.slice(0, 2).map((tx) => tx.status),
      ['pending', 'pending'],
    );
    assert.deepEqual(withPending.slice(2), all);
    assert.ok(all.every((tx) => (tx as Tx & { status: string }).status === 'booked'));
  });

  test('per-account routes: /rest/accounts/{id} and /rest/accounts/{id}/transactions', async () => {
    const { access_token } = await connect(h);
    const accounts = (await getJson(h, '/rest/accounts', access_token)).body.accounts as { account_id: string }[];
    const all = (await getJson(h, '/rest/transactions', access_token)).body.transactions as Tx[];
    for (const account of accounts) {
      const single = await getJson(h, `/rest/accounts/${account.account_id}`, access_token);
      assert.deepEqual(single.body, account);
      const own = await getJson(h, `/rest/accounts/${account.account_id}/transactions?count=1000`, access_token);
      assert.deepEqual(
        own.body.transactions,
        all.filter((tx) => tx.account_id === account.account_id),
      );
    }
    const unknown = await getJson(h, '/rest/accounts/nope', access_token);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'not_found');
    assert.equal((await getJson(h, '/rest/accounts/nope/transactions', access_token)).status, 404);
  });
});

describe('data switches', () => {
  test('page_cap answers at most that many per page, whatever count asks for; transaction_count seeds more', async () => {
    const { access_token } = await connect(h, {}, '/onetime/access?page_cap=100&transaction_count=250');
    const first = await getJson(h, '/rest/transactions?count=1000', access_token);
    assert.equal(first.body.transactions.length, 100);
    assert.deepEqual(first.body.paging, { offset: 0, count: 100, total: 250 });
    const last = await getJson(h, '/rest/transactions?count=1000&offset=200', access_token);
    assert.equal(last.body.transactions.length, 50);
  });

  test('paging=none leaves the paging object out', async () => {
    const { access_token } = await connect(h, {}, '/onetime/access?paging=none');
    const { body } = await getJson(h, '/rest/transactions', access_token);
    assert.deepEqual(Object.keys(body), ['transactions']);
  });
});
