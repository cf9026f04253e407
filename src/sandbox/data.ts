/**
 * Deterministic fake bank data. What a test asserts on (IBANs, balances, names, purposes, amounts) is drawn from
 * a PRNG seeded with the sandbox's `seed`, so every connection shows the same, documented data (docs/testing.md);
 * the ids (account, access, transaction) are drawn from the flow id, so two connections never share one. Dates are
 * anchored to the flow's start on the injected clock. A flow whose IBAN a test added (`addAccount`) has exactly
 * that account instead.
 */
import type { Flow } from './store.js';
import type { AddedAccount } from './added-accounts.js';
import { bankById, bankForIban, defaultBank } from './banks.js';
import { germanIban } from './iban.js';

export interface Account {
  account_id: string;
  access_id: string;
  iban: string;
  bic: string;
  account_number: string;
  bank_code: string;
  bank_name: string;
  currency: string;
  balance: { balance: number; balance_date: string; status: string };
  type: string;
  name: string;
  owner: string;
  auto_sync: boolean;
  is_jointly_managed: boolean;
  status: { synced_at: string; succeeded_at: string };
}

export interface Transaction {
  account_id: string;
  transaction_id: string;
  amount: number;
  currency: string;
  iban: string;
  bic: string;
  name: string;
  purpose: string;
  booking_date: string;
  value_date: string;
  status: 'booked' | 'pending';
}

/** Booked transactions per flow unless the `transaction_count` switch says otherwise. */
export const TRANSACTION_COUNT = 45;
const PENDING_COUNT = 2;
const DAY = 24 * 60 * 60 * 1000;

/** mulberry32: tiny, fast, good enough for fake data, and identical on every Node version. */
export function prng(seed: string): () => number {
  let state = 2166136261; // FNV-1a over the seed string
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 16777619);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (rng: () => number, min: number, max: number): number =>
  Math.round((min + rng() * (max - min)) * 100) / 100;
export const digits = (rng: () => number, length: number): string =>
  Array.from({ length }, () => Math.floor(rng() * 10)).join('');
/** Eight hex digits per draw: ids are drawn for every listing of a connection's ledger, so this is hot. */
export const hex = (rng: () => number, length: number): string => {
  let out = '';
  while (out.length < length)
    out += Math.floor(rng() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
};
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The bank the user picked in the widget, else the entered IBAN's, else the default. */
function flowBank(flow: Flow) {
  return bankById(flow.completed?.bankId) ?? (flow.iban ? bankForIban(flow.iban) : defaultBank());
}

export function seedAccounts(flow: Flow): Account[] {
  const ids = prng(`account-ids:${flow.id}`);
  const bank = flowBank(flow);
  const accessId = hex(ids, 16);
  const syncedAt = new Date(flow.createdAt).toISOString();
  const balanceDate = isoDate(flow.createdAt);

  const make = (iban: string, type: string, name: string, balance: number, added?: AddedAccount): Account => ({
    account_id: hex(ids, 24),
    access_id: accessId,
    iban,
    bic: bank.bic,
    // German BBAN = 8-digit bank code + 10-digit account number; other countries: a rough split.
    account_number: iban.startsWith('DE') ? iban.slice(12) : iban.slice(8),
    bank_code: iban.startsWith('DE') ? iban.slice(4, 12) : iban.slice(4, 8),
    bank_name: bank.name,
    currency: added?.currency ?? 'EUR',
    balance: { balance, balance_date: balanceDate, status: 'booked' },
    type,
    name,
    owner: added?.owner ?? 'Max Mustermann',
    auto_sync: true,
    is_jointly_managed: false,
    status: { synced_at: syncedAt, succeeded_at: syncedAt },
  });

  const added = flow.addedAccount;
  if (added) return [make(added.iban, added.type ?? 'Giro account', added.name ?? 'Girokonto', added.balance, added)];

  const rng = prng(`accounts:${flow.seed}`);
  const giroIban = flow.iban ?? germanIban(bank.bankCode, digits(rng, 10));
  const savingsIban = germanIban(giroIban.startsWith('DE') ? giroIban.slice(4, 12) : bank.bankCode, digits(rng, 10));
  return [
    make(giroIban, 'Giro account', 'Girokonto', between(rng, 400, 4000)),
    make(savingsIban, 'Savings account', 'Tagesgeld', between(rng, 2000, 15000)),
  ];
}

export interface Counterparty {
  name: string;
  purpose: string;
  min: number;
  max: number;
}

export const GIRO_COUNTERPARTIES: readonly Counterparty[] = [
  { name: 'Arbeitgeber GmbH', purpose: 'Gehalt', min: 2400, max: 3200 },
  { name: 'Hausverwaltung Muster KG', purpose: 'Miete Wohnung 3. OG', min: -1150, max: -850 },
  { name: 'REWE Markt GmbH', purpose: 'Kartenzahlung Einkauf', min: -95, max: -12 },
  { name: 'Stadtwerke Musterstadt', purpose: 'Abschlag Strom und Gas', min: -140, max: -60 },
  { name: 'Deutsche Bahn Fernverkehr', purpose: 'Fahrkarte Online', min: -89, max: -19 },
  { name: 'Streaming Service AB', purpose: 'Monatsabo', min: -17.99, max: -9.99 },
  { name: 'Erika Mustermann', purpose: 'Danke fuers Essen', min: 10, max: 60 },
  { name: 'Online Shop EU S.a r.l.', purpose: 'Bestellung', min: -150, max: -15 },
];
const SAVINGS_COUNTERPARTY: Counterparty = { name: 'Max Mustermann', purpose: 'Sparrate', min: 50, max: 200 };

/**
 * All of a flow's transactions, newest first: `flow.transactionCount` booked ones spread over its
 * `sync_period` days, preceded by {@link PENDING_COUNT} pending ones from today (the API lists those only
 * with `include_pending=true`).
 */
export function seedTransactions(flow: Flow, accounts: readonly Account[]): Transaction[] {
  const ids = prng(`transaction-ids:${flow.id}`);
  if (flow.addedAccount) return addedTransactions(flow, flow.addedAccount, accounts, ids);
  const rng = prng(`transactions:${flow.seed}`);
  const [giro, savings] = accounts;
  if (!giro || !savings) return [];
  const ibans = new Map(GIRO_COUNTERPARTIES.map((c) => [c, germanIban(digits(rng, 8), digits(rng, 10))]));
  const period = Math.max(1, flow.syncPeriod);
  const count = flow.transactionCount;

  const make = (i: number, daysAgo: number, status: Transaction['status']): Transaction => {
    const toSavings = i % 5 === 4;
    const account = toSavings ? savings : giro;
    const party = toSavings
      ? SAVINGS_COUNTERPARTY
      : (GIRO_COUNTERPARTIES[Math.floor(rng() * GIRO_COUNTERPARTIES.length)] as Counterparty);
    const bookedAt = flow.createdAt - daysAgo * DAY;
    return {
      account_id: account.account_id,
      transaction_id: hex(ids, 32),
      amount: between(rng, party.min, party.max),
      currency: 'EUR',
      iban: toSavings ? giro.iban : (ibans.get(party) ?? giro.iban),
      bic: toSavings ? giro.bic : 'SANDDEXXXXX',
      name: party.name,
      purpose: `${party.purpose} ${digits(rng, 6)}`,
      booking_date: isoDate(bookedAt),
      // Value dates sometimes trail the booking by a day, as card payments do.
      value_date: isoDate(bookedAt - (rng() < 0.3 ? DAY : 0)),
      status,
    };
  };

  const booked: Transaction[] = [];
  for (let i = 0; i < count; i++) {
    // floor((i + r) * period / n) never decreases with i, so the list is newest first by construction.
    booked.push(make(i, Math.min(period - 1, Math.floor(((i + rng()) * period) / count)), 'booked'));
  }
  // Drawn after the booked ones, so adding them changed none of the booked data.
  const pending = Array.from({ length: PENDING_COUNT }, (_, i) => make(i, 0, 'pending'));
  return [...pending, ...booked];
}

/** The transactions a test wrote for its added account, as given (newest first); undated ones a day apart. */
function addedTransactions(
  flow: Flow,
  added: AddedAccount,
  accounts: readonly Account[],
  ids: () => number,
): Transaction[] {
  const [account] = accounts;
  if (!account) return [];
  let day = flow.createdAt;
  return (added.transactions ?? []).map((spec) => {
    const bookingDate = spec.bookingDate ?? isoDate(day);
    day = Date.parse(`${bookingDate}T12:00:00Z`) - DAY;
    return {
      account_id: account.account_id,
      transaction_id: hex(ids, 32),
      amount: spec.amount,
      currency: account.currency,
      iban: '',
      bic: '',
      name: spec.name ?? 'Sandbox counterparty',
      purpose: spec.purpose,
      booking_date: bookingDate,
      value_date: bookingDate,
      status: 'booked',
    };
  });
}
