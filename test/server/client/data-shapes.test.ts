/**
 * The published data shapes (`Account`, `Transaction`, `OneTimeData`) against the sandbox's real answers over
 * HTTP: every field the types declare is present, with the declared JSON type, dates as dates. The field lists
 * below are checked against the types by `tsc` (`FieldKinds`): a field added to a type without being added here,
 * or given another type, fails the type check; a field the sandbox stops sending fails this test.
 */
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeAndFetch, type Account, type OneTimeData, type Transaction } from '../../../src/server/index.js';
import { REDIRECT_URI, useSandbox } from '../support/sandbox.js';

type Kind = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'object';
/** The declared keys of T, without an index signature. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
type KindOf<V> = V extends string
  ? 'string' | 'date' | 'datetime'
  : V extends number
    ? 'number'
    : V extends boolean
      ? 'boolean'
      : 'object';
type FieldKinds<T> = { [K in KnownKeys<T>]-?: KindOf<NonNullable<T[K & keyof T]>> };

const ACCOUNT: FieldKinds<Account> = {
  account_id: 'string',
  access_id: 'string',
  iban: 'string',
  bic: 'string',
  account_number: 'string',
  bank_code: 'string',
  bank_name: 'string',
  currency: 'string',
  balance: 'object',
  type: 'string',
  name: 'string',
  owner: 'string',
  auto_sync: 'boolean',
  is_jointly_managed: 'boolean',
  status: 'object',
};
const BALANCE: FieldKinds<NonNullable<Account['balance']>> = {
  balance: 'number',
  balance_date: 'date',
  status: 'string',
};
const ACCOUNT_STATUS: FieldKinds<NonNullable<Account['status']>> = { synced_at: 'datetime', succeeded_at: 'datetime' };
const TRANSACTION: FieldKinds<Transaction> = {
  account_id: 'string',
  transaction_id: 'string',
  amount: 'number',
  currency: 'string',
  iban: 'string',
  bic: 'string',
  name: 'string',
  purpose: 'string',
  booking_date: 'date',
  value_date: 'date',
  status: 'string',
};
const ONE_TIME_DATA: FieldKinds<OneTimeData> = { accounts: 'object', transactions: 'object' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Where `value` differs from `shape`, as "path: what" lines. */
function mismatches(value: unknown, shape: Record<string, Kind>, at: string): string[] {
  if (typeof value !== 'object' || value === null) return [`${at}: not an object`];
  const record = value as Record<string, unknown>;
  return Object.entries(shape).flatMap(([field, kind]) => {
    const v = record[field];
    const where = `${at}.${field}`;
    if (v === undefined) return [`${where}: missing`];
    const ok =
      kind === 'date'
        ? typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v))
        : kind === 'datetime'
          ? typeof v === 'string' && DATETIME.test(v) && !Number.isNaN(Date.parse(v))
          : kind === 'object'
            ? typeof v === 'object' && v !== null
            : typeof v === kind;
    return ok ? [] : [`${where}: ${JSON.stringify(v)} is not a ${kind}`];
  });
}

/** Every mismatch of a whole `OneTimeData` with the types. */
function dataProblems(data: OneTimeData): string[] {
  return [
    ...mismatches(data, ONE_TIME_DATA, 'data'),
    ...data.accounts.flatMap((account, i) => [
      ...mismatches(account, ACCOUNT, `accounts[${i}]`),
      ...mismatches(account.balance, BALANCE, `accounts[${i}].balance`),
      ...mismatches(account.status, ACCOUNT_STATUS, `accounts[${i}].status`),
    ]),
    ...data.transactions.flatMap((transaction, i) => mismatches(transaction, TRANSACTION, `transactions[${i}]`)),
  ];
}

const t = useSandbox();

test("the sandbox's accounts and transactions (pending too) have every declared field with its type", async () => {
  const { code } = await t.code();
  const data = await exchangeAndFetch(t.client, { code, redirectUri: REDIRECT_URI }, { include_pending: true });
  assert.equal(data.accounts.length, 2);
  assert.equal(data.transactions.length, 47);

  assert.deepEqual(dataProblems(data), []);

  // The values the types narrow further than JSON does.
  const statuses = new Set(data.transactions.map((transaction) => transaction.status));
  assert.deepEqual([...statuses].sort(), ['booked', 'pending'] satisfies Transaction['status'][]);
  assert.ok(data.transactions.some((transaction) => transaction.amount < 0));
  assert.ok(data.transactions.some((transaction) => transaction.amount > 0));
});

test("docs/data.md's example JSON has the same shapes", () => {
  const block = /```json\n([\s\S]*?)```/.exec(readFileSync('docs/data.md', 'utf8'))?.[1];
  assert.ok(block, 'docs/data.md has no json block');
  assert.deepEqual(dataProblems(JSON.parse(block) as OneTimeData), []);
});

test('the check sees a missing field and a wrong type (so the test above can fail)', () => {
  const good = { balance: 1.5, balance_date: '2026-03-31', status: 'booked' };
  assert.deepEqual(mismatches(good, BALANCE, 'b'), []);
  assert.deepEqual(mismatches({ ...good, balance: '1.5' }, BALANCE, 'b'), ['b.balance: "1.5" is not a number']);
  assert.deepEqual(mismatches({ balance: 1, status: 'x' }, BALANCE, 'b'), ['b.balance_date: missing']);
  assert.deepEqual(mismatches({ ...good, balance_date: '31.03.2026' }, BALANCE, 'b'), [
    'b.balance_date: "31.03.2026" is not a date',
  ]);
});
