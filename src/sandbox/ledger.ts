/**
 * Every transaction a connection ever had, with its history: the seeded ones from the day the user connected,
 * then qwist-style autosync for ongoing connections, up to `syncsPerDay` times a day until the bank consent ends.
 * Each sync brings new transactions; some are pending, and a pending one later either books or disappears.
 * Booking gives the booked transaction a NEW `transaction_id` (the pending id vanishes from the listing): the API
 * family does not promise that a pending id survives booking, so the sandbox plays the harder case.
 *
 * Nothing is stored: the ledger is a pure function of the flow, the seed and the time, drawn slot by slot, so a
 * slot's transactions never change as the clock moves on and 10 000 connections cost no memory. The listing
 * (`/rest/transactions`) and the ground truth (`sandbox.groundTruth`) both read it.
 */
import { NrichError } from '../server/index.js';
import type { Flow } from './store.js';
import { consentExpiresAt, isOneTime } from './store.js';
import type { Counterparty, Transaction } from './data.js';
import { GIRO_COUNTERPARTIES, between, hex, isoDate, prng, seedAccounts, seedTransactions } from './data.js';

const DAY = 24 * 60 * 60 * 1000;

export interface AutosyncOptions {
  /** Autosync runs per day, evenly spaced from the moment the user connected; 1 to 24, default 4. */
  syncsPerDay?: number;
  /** New transactions per day on average (spread over the syncs); 0 to 500, default 2. */
  transactionsPerDay?: number;
  /** Share of new transactions that arrive pending; default 0.5. */
  pendingShare?: number;
  /** Share of pending transactions that disappear instead of booking; default 0.2. */
  disappearShare?: number;
  /** A pending transaction books or disappears 1 to this many syncs later; default 8. */
  maxPendingSyncs?: number;
}

/** A bad `autosync` or `consentDays` option, at start. One of the kit's errors (`NrichError`), `invalid_autosync`. */
export class AutosyncError extends NrichError {
  override readonly name = 'AutosyncError';
  readonly code = 'invalid_autosync';
  readonly retryable = false;
}

export type Autosync = Required<AutosyncOptions>;

export function parseAutosync(input: AutosyncOptions = {}): Autosync {
  const check = (name: keyof AutosyncOptions, fallback: number, min: number, max: number, whole: boolean) => {
    const value = input[name] ?? fallback;
    if (typeof value !== 'number' || !(value >= min && value <= max) || (whole && !Number.isInteger(value))) {
      throw new AutosyncError(`autosync.${name} must be ${whole ? 'a whole number ' : ''}from ${min} to ${max}.`);
    }
    return value;
  };
  return {
    syncsPerDay: check('syncsPerDay', 4, 1, 24, true),
    transactionsPerDay: check('transactionsPerDay', 2, 0, 500, false),
    pendingShare: check('pendingShare', 0.5, 0, 1, false),
    disappearShare: check('disappearShare', 0.2, 0, 1, false),
    maxPendingSyncs: check('maxPendingSyncs', 8, 1, 100, true),
  };
}

export interface LedgerEntry {
  /** The transaction as the API lists it. */
  tx: Transaction;
  /** Arrival order within the connection (0 = first): what `since=<transaction id>` counts from. */
  seq: number;
  /** When the API first listed it (ms). */
  at: number;
  /** Pending only: when it left the listing (booked under a new id, or disappeared); undefined while pending. */
  endedAt: number | undefined;
  fate: 'booked' | 'disappeared' | undefined;
  /** Pending that booked: the booked transaction's id. */
  bookedAs: string | undefined;
  /** Booked from a pending one: that pending transaction's id. */
  replaces: string | undefined;
}

/** Listed now: booked ones always, pending ones (with `include_pending`) until they book or disappear. */
export function isListed(entry: LedgerEntry, includePending: boolean): boolean {
  return entry.tx.status === 'booked' || (includePending && entry.endedAt === undefined);
}

type Draft = Omit<LedgerEntry, 'seq'>;

/**
 * The connection's ledger at `now`, in arrival order. Empty for a flow the user did not authorize. With `fromDay`
 * only the syncs that can hold a transaction booked on or after that day are drawn (a `since` query's fast path:
 * the cost follows the window, not the connection's age); `seq` then orders the entries as in the whole ledger
 * but does not count from the first one.
 */
export function ledgerOf(flow: Flow, now: number, autosync: Autosync, fromDay?: string): LedgerEntry[] {
  if (flow.completed?.outcome !== 'authorize') return [];
  const start = flow.completed.at;
  const accounts = seedAccounts(flow);
  const seeded = seedTransactions(flow, accounts);
  const drafts: Draft[] = [];
  // Oldest first: arrival order, and with `seq` as the tie-break the listing keeps the seeded order exactly.
  const oneTime = isOneTime(flow);
  // Autosync runs while the consent lasts: the last sync is strictly before it ends.
  const end = oneTime ? start : Math.min(now, (consentExpiresAt(flow) ?? start + 1) - 1);
  const slotMs = DAY / autosync.syncsPerDay;
  const settle = (tx: Transaction, at: number, rng: () => number) => {
    const syncs = 1 + Math.floor(rng() * autosync.maxPendingSyncs);
    const disappears = rng() < autosync.disappearShare;
    const bookedId = hex(rng, 32);
    // Some card payments book with a different amount (a tip, a currency conversion).
    const change = rng() < 0.1 ? between(rng, -5, -0.5) : 0;
    const endedAt = at + syncs * slotMs;
    const settled = endedAt <= end;
    drafts.push({
      tx,
      at,
      endedAt: settled ? endedAt : undefined,
      fate: settled ? (disappears ? 'disappeared' : 'booked') : undefined,
      bookedAs: settled && !disappears ? bookedId : undefined,
      replaces: undefined,
    });
    if (!settled || disappears) return;
    drafts.push({
      tx: {
        ...tx,
        transaction_id: bookedId,
        amount: Math.round((tx.amount + change) * 100) / 100,
        booking_date: isoDate(endedAt),
        value_date: tx.booking_date,
        status: 'booked',
      },
      at: endedAt,
      endedAt: undefined,
      fate: undefined,
      bookedAs: undefined,
      replaces: tx.transaction_id,
    });
  };

  for (let i = seeded.length - 1; i >= 0; i--) {
    const tx = seeded[i] as Transaction;
    if (tx.status === 'pending' && !oneTime) settle(tx, start, prng(`settle:${flow.id}:${i}`));
    else drafts.push({ tx, at: start, endedAt: undefined, fate: undefined, bookedAs: undefined, replaces: undefined });
  }

  const [giro] = accounts;
  const savings = accounts[1] ?? giro;
  if (giro && savings && !oneTime) {
    const perSync = autosync.transactionsPerDay / autosync.syncsPerDay;
    // A sync's own transactions are dated at most a day back; a pending one books at most maxPendingSyncs later.
    const reach = DAY + autosync.maxPendingSyncs * slotMs;
    const from = fromDay === undefined ? 1 : Math.max(1, Math.floor((Date.parse(fromDay) - reach - start) / slotMs));
    for (let slot = from; start + slot * slotMs <= end; slot++) {
      const at = start + slot * slotMs;
      const rng = prng(`autosync:${flow.seed}:${flow.id}:${slot}`);
      const count = Math.floor(perSync) + (rng() < perSync % 1 ? 1 : 0);
      for (let j = 0; j < count; j++) {
        const toSavings = rng() < 0.1;
        const party = GIRO_COUNTERPARTIES[Math.floor(rng() * GIRO_COUNTERPARTIES.length)] as Counterparty;
        const pending = rng() < autosync.pendingShare;
        // Some booked transactions arrive a day late, dated the day before: a date-based `since` misses them.
        const late = !pending && rng() < 0.2;
        const account = toSavings ? savings : giro;
        const tx: Transaction = {
          account_id: account.account_id,
          transaction_id: hex(rng, 32),
          amount: between(rng, party.min, party.max),
          currency: account.currency,
          iban: toSavings ? giro.iban : '',
          bic: toSavings ? giro.bic : 'SANDDEXXXXX',
          name: toSavings ? 'Max Mustermann' : party.name,
          purpose: `${toSavings ? 'Sparrate' : party.purpose} ${slot}-${j}`,
          booking_date: isoDate(at - (late ? DAY : 0)),
          value_date: isoDate(at - (late ? DAY : 0)),
          status: pending ? 'pending' : 'booked',
        };
        if (pending) settle(tx, at, rng);
        else drafts.push({ tx, at, endedAt: undefined, fate: undefined, bookedAs: undefined, replaces: undefined });
      }
    }
  }
  // Stable: within one moment, the order drafted.
  drafts.sort((a, b) => a.at - b.at);
  return drafts.map((draft, seq) => ({ ...draft, seq }));
}

/** One transaction of the ground truth, as `sandbox.groundTruth` and `GET /_sandbox/connections/:id` give it. */
export interface TruthTransaction {
  transaction_id: string;
  account_id: string;
  amount: number;
  booking_date: string;
  /** Listed now by `/rest/transactions` (pending ones with `include_pending=true`). */
  listed: boolean;
  /** Its states over time, ISO moments: `pending` → `booked` or `disappeared`, or just `booked`. */
  history: { state: 'pending' | 'booked' | 'disappeared'; at: string }[];
  /** A pending transaction that booked: the id it booked under. */
  booked_as?: string;
  /** A booked transaction that was pending before: the pending id. */
  replaces?: string;
}

export function truthOf(entries: readonly LedgerEntry[]): TruthTransaction[] {
  return entries.map((entry) => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const history: TruthTransaction['history'] = [{ state: entry.tx.status ?? 'booked', at: iso(entry.at) }];
    if (entry.fate && entry.endedAt !== undefined) history.push({ state: entry.fate, at: iso(entry.endedAt) });
    return {
      transaction_id: entry.tx.transaction_id,
      account_id: entry.tx.account_id,
      amount: entry.tx.amount,
      booking_date: entry.tx.booking_date,
      listed: isListed(entry, true),
      history,
      ...(entry.bookedAs === undefined ? {} : { booked_as: entry.bookedAs }),
      ...(entry.replaces === undefined ? {} : { replaces: entry.replaces }),
    };
  });
}
