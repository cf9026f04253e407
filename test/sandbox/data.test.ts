import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { T0, VALID_IBAN, connect, getJson, startHarness } from './helpers.js';
import { isValidIban } from '../../demo/sandbox/iban.js';

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
    ]) {
      const { status, body } = await getJson(h, `/rest/transactions?${query}`, access_token);
      assert.equal(status, 400, query);
      assert.equal(body.error, 'invalid_request');
    }
    assert.equal((await getJson(h, '/rest/transactions?count=1000', access_token)).status, 200);
    assert.equal((await getJson(h, '/rest/transactions?count=1', access_token)).body.transactions.length, 1);
  });
});
