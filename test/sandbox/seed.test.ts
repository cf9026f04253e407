// Seeded data a test can assert on (issue 15): every connection shows the documented data of the seed (the tables
// in docs/testing.md are checked here), with ids of its own; an added account is exactly what its test wrote.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AccountError, startSandbox } from 'nrich-connect/sandbox';
import type { Harness } from './helpers.js';
import { DAY, T0, apiError, connect, getJson, startHarness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
afterEach(() => h.sandbox.reset());
after(() => h.sandbox.close());

const groups = (iban: string): string => iban.replace(/(.{4})(?=.)/g, '$1 ');
const daysBefore = (date: string): number => Math.round((T0 - Date.parse(`${date}T00:00:00Z`)) / DAY);

async function connection(harness = h, body: Record<string, unknown> = {}) {
  const tokens = await connect(harness, body);
  const accounts = (await getJson(harness, '/rest/accounts', tokens.access_token)).body.accounts as any[];
  const transactions = (await getJson(harness, '/rest/transactions', tokens.access_token)).body.transactions as any[];
  return { accounts, transactions };
}

describe('the documented seed', () => {
  test('docs/testing.md shows the default seed exactly: accounts and the newest five transactions', async () => {
    const { accounts, transactions } = await connection();
    // Table rows as they read, whatever the column padding.
    const rows = new Set(
      readFileSync('docs/testing.md', 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) => line.replace(/\s+/g, ' ').trim()),
    );
    for (const account of accounts) {
      const row = `| ${account.name} | ${account.type} | ${groups(account.iban)} | ${account.bank_name} (${account.bic}) | ${account.balance.balance} |`;
      assert.ok(rows.has(row), `docs/testing.md lacks ${row}`);
    }
    const nameOf = new Map(accounts.map((account) => [account.account_id, account.name]));
    for (const tx of transactions.slice(0, 5)) {
      const row = `| ${daysBefore(tx.booking_date)} | ${nameOf.get(tx.account_id)} | ${tx.name} | ${tx.purpose} | ${tx.amount} |`;
      assert.ok(rows.has(row), `docs/testing.md lacks ${row}`);
    }
    assert.equal(transactions.length, 45);
  });

  test('two connections: the same data, their own ids', async () => {
    const [first, second] = [await connection(), await connection()];
    const visible = ({ accounts, transactions }: Awaited<ReturnType<typeof connection>>) => ({
      accounts: accounts.map(({ iban, name, balance }) => ({ iban, name, balance })),
      transactions: transactions.map(({ name, purpose, amount, booking_date }) => ({
        name,
        purpose,
        amount,
        booking_date,
      })),
    });
    assert.deepEqual(visible(first), visible(second));
    assert.notEqual(first.accounts[0].account_id, second.accounts[0].account_id);
    assert.notEqual(first.accounts[0].access_id, second.accounts[0].access_id);
    assert.notEqual(first.transactions[0].transaction_id, second.transactions[0].transaction_id);
  });

  test('another seed, other data', async () => {
    const other = await startHarness({ seed: 'another seed' });
    try {
      const [mine, theirs] = [await connection(), await connection(other)];
      assert.notEqual(mine.accounts[0].iban, theirs.accounts[0].iban);
      assert.notDeepEqual(
        mine.transactions.map((tx) => tx.amount),
        theirs.transactions.map((tx) => tx.amount),
      );
    } finally {
      await other.sandbox.close();
    }
  });
});

describe('addAccount: an account with a chosen IBAN, balance and transactions', () => {
  const IBAN = 'DE89370400440532013000';

  test('a flow started with that IBAN connects exactly that account and its transactions', async () => {
    h.sandbox.addAccount({
      iban: 'de89 3704 0044 0532 0130 00',
      balance: 1234.56,
      name: 'Haushaltskonto',
      transactions: [
        { amount: -42.5, purpose: 'Wocheneinkauf', name: 'REWE Markt GmbH', bookingDate: '2025-05-14' },
        { amount: 2500, purpose: 'Gehalt Mai', name: 'Arbeitgeber GmbH' },
        { amount: -9.99, purpose: 'Abo' },
      ],
    });
    const { accounts, transactions } = await connection(h, { accounts: [{ id: IBAN }] });
    assert.equal(accounts.length, 1);
    assert.equal(accounts[0].iban, IBAN);
    assert.equal(accounts[0].name, 'Haushaltskonto');
    assert.equal(accounts[0].type, 'Giro account');
    assert.deepEqual(accounts[0].balance.balance, 1234.56);
    assert.equal(accounts[0].currency, 'EUR');
    assert.deepEqual(
      transactions.map(({ amount, purpose, name, booking_date, account_id }) => ({
        amount,
        purpose,
        name,
        booking_date,
        own: account_id === accounts[0].account_id,
      })),
      [
        { amount: -42.5, purpose: 'Wocheneinkauf', name: 'REWE Markt GmbH', booking_date: '2025-05-14', own: true },
        { amount: 2500, purpose: 'Gehalt Mai', name: 'Arbeitgeber GmbH', booking_date: '2025-05-13', own: true },
        { amount: -9.99, purpose: 'Abo', name: 'Sandbox counterparty', booking_date: '2025-05-12', own: true },
      ],
    );
  });

  test('flows without that IBAN keep the seeded accounts; reset() removes the added one', async () => {
    h.sandbox.addAccount({ iban: IBAN, balance: 1 });
    assert.equal((await connection()).accounts.length, 2);
    h.sandbox.reset();
    const { accounts } = await connection(h, { accounts: [{ id: IBAN }] });
    assert.equal(accounts.length, 2, 'seeded again, with the entered IBAN as the giro account');
    assert.equal(accounts[0].iban, IBAN);
  });

  for (const [name, account, field] of [
    ['invalid IBAN', { iban: 'DE00370400440532013000', balance: 1 }, /iban/],
    ['balance as text', { iban: IBAN, balance: '1' }, /balance/],
    ['a transaction without amount', { iban: IBAN, balance: 1, transactions: [{ purpose: 'x' }] }, /amount/],
    [
      'an impossible date',
      { iban: IBAN, balance: 1, transactions: [{ amount: 1, purpose: 'x', bookingDate: '2025-02-30' }] },
      /bookingDate/,
    ],
    ['a typo', { iban: IBAN, balance: 1, balanse: 2 }, /Unknown account field balanse/],
  ] as const) {
    test(`${name}: AccountError naming the field`, () => {
      assert.throws(
        () => h.sandbox.addAccount(account as never),
        (error: unknown) => error instanceof AccountError && field.test((error as Error).message),
      );
    });
  }

  test('POST /_sandbox/accounts does the same over HTTP; bad input is 400 invalid_account', async () => {
    const post = (body: unknown) =>
      h.fetch('/_sandbox/accounts', {
        method: 'POST',
        headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = await post({ iban: IBAN, balance: 99.5, transactions: [{ amount: 5, purpose: 'Zinsen' }] });
    assert.equal(created.status, 201);
    const { accounts, transactions } = await connection(h, { accounts: [{ id: IBAN }] });
    assert.equal(accounts[0].balance.balance, 99.5);
    assert.deepEqual(
      transactions.map((tx) => tx.purpose),
      ['Zinsen'],
    );
    const bad = await post({ iban: 'nope', balance: 1 });
    assert.equal(bad.status, 400);
    assert.equal((await apiError(bad)).code, 'invalid_account');
  });
});

test('startSandbox answers its credentials, and custom ones are the ones it checks', async () => {
  const sandbox = await startSandbox({ clientId: 'my-app', clientSecret: 'my-secret' });
  try {
    assert.deepEqual(sandbox.credentials, { clientId: 'my-app', clientSecret: 'my-secret' });
    const basic = `Basic ${Buffer.from('my-app:my-secret').toString('base64')}`;
    const response = await fetch(`${sandbox.url}/onetime/access`, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirect_uri: 'http://localhost/cb' }),
    });
    assert.equal(response.status, 201);
  } finally {
    await sandbox.close();
  }
});
