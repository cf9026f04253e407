/**
 * `syncTransactions`: what changed in a connection's transactions since a cursor, as `{ added, modified, removed,
 * cursor, hasMore }`, built on the API's own paging and `since` / `include_pending`.
 *
 * How it stays exact without the API's help:
 * - Each sync walks `since = <a day>` (oldest first), from `lookbackDays` before the newest booking day seen so
 *   far, or from the oldest pending transaction it reported if that is older: the API may date a booking days
 *   back, and a pending one has to be seen again to know it is gone.
 * - Pages overlap by one transaction: the next page must begin with the last one seen. If it does not, the list
 *   moved under the walk (a transaction left or arrived before it) and the walk starts over (what it reported
 *   stays reported), so no transaction is skipped however the list changes between pages or between calls.
 * - Ids reported in the window are kept (as short hashes) in the cursor, so none is added twice.
 * - A pending transaction missing from a complete walk is `removed`. When the API books it under a new id (what
 *   the sandbox does, and the docs allow), the host sees `removed` (the pending id) then `added` (the booked one);
 *   when the API keeps the id and flips `status`, or changes a pending amount, it is `modified` once. Booked
 *   transactions are final: they are never reported again.
 * The cursor is opaque and versioned (`ncs1.` + base64url JSON); a cursor this code cannot read is a
 * `SyncCursorError`. A failed call (an `NrichApiError`: 5xx, 429, a dropped connection) changes nothing: keep
 * the cursor you had and call again.
 */
import type { CallOptions, NrichClient } from './client.js';
import { invalidResponse } from './api-call.js';
import { NrichApiError } from './api-error.js';
import { NrichConfigError, NrichError } from '../errors.js';
import type { Transaction } from '../types.js';

export interface SyncTransactionsOptions extends CallOptions {
  /** From a previous result; none for the first sync (the whole history is walked). */
  cursor?: string;
  /** Only these account ids (fixed for a cursor's life). */
  accounts?: string[];
  /** How many days before the newest booking day each sync looks again; default 14. */
  lookbackDays?: number;
  /** `count` per page (the API may answer fewer); default 500. */
  pageSize?: number;
  /** Pages read per call; beyond, the result says `hasMore` and its cursor resumes the walk. Default 20. */
  maxPages?: number;
}

export interface SyncTransactionsResult {
  /** New since the cursor, each reported once ever. */
  added: Transaction[];
  /** Reported before and changed since (a pending one that booked under its own id, or a changed amount). */
  modified: Transaction[];
  /** Reported before and gone: a pending transaction that disappeared or was booked under a new id. */
  removed: { transaction_id: string; account_id: string }[];
  /** Pass it to the next call; store it with what you applied. */
  cursor: string;
  /** The walk is not finished: call again with `cursor` (the clock need not move). */
  hasMore: boolean;
}

/**
 * A cursor that is not one of ours (garbage, another version, tampered, or made for other accounts). One of the
 * kit's errors (`NrichError`), code `invalid_cursor`: start again without a cursor.
 */
export class SyncCursorError extends NrichError {
  override readonly name = 'SyncCursorError';
  readonly code = 'invalid_cursor';
  readonly retryable = false;
}

const PREFIX = 'ncs1.';
const DAY = 24 * 60 * 60 * 1000;
/** Walk restarts within one call before it gives up (`unstable_listing`): the list kept moving under it. */
const MAX_RESTARTS = 5;

interface PendingSeen {
  /** The transaction's fingerprint (status, amount, dates) when last reported, its account and booking day. */
  fp: string;
  account: string;
  day: string;
}

interface Walk {
  since: string | null;
  offset: number;
  /** Hash of the last transaction seen: the next page must start with it. */
  last: string | null;
  /** Ids of reported pending transactions seen in this walk. */
  seen: string[];
  newest: string;
}

interface State {
  v: 1;
  accounts: string[] | null;
  /** The newest booking day seen in a complete walk ('' before the first). */
  newest: string;
  /** Hashes of reported ids, by booking day, for the days a walk can still list. */
  known: Record<string, string[]>;
  /** Reported pending transactions, by id. */
  pending: Record<string, PendingSeen>;
  walk: Walk | null;
}

export async function syncTransactions(
  client: Pick<NrichClient, 'listTransactions'>,
  accessToken: string,
  options: SyncTransactionsOptions = {},
): Promise<SyncTransactionsResult> {
  const { lookbackDays = 14, pageSize = 500, maxPages = 20, signal } = options;
  // Pages overlap by one: a page of one could never move the walk on.
  if (!Number.isInteger(pageSize) || pageSize < 2 || pageSize > 1000) {
    throw new NrichConfigError('pageSize', 'must be a whole number from 2 to 1000.');
  }
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new NrichConfigError('maxPages', 'must be 1 or more.');
  if (!Number.isInteger(lookbackDays) || lookbackDays < 0) {
    throw new NrichConfigError('lookbackDays', 'must be a whole number of days, 0 or more.');
  }
  const accounts = options.accounts ? [...options.accounts].sort() : null;
  const state = options.cursor === undefined ? initial(accounts) : decodeCursor(options.cursor);
  if (JSON.stringify(state.accounts) !== JSON.stringify(accounts)) {
    throw new SyncCursorError('The cursor was made for other accounts.');
  }
  const known = new Set(Object.values(state.known).flat());
  const knownByDay = new Map(Object.entries(state.known));
  const pending = new Map(Object.entries(state.pending));
  const save = (walk: Walk | null, newest: string): State => ({
    ...state,
    newest,
    known: Object.fromEntries(knownByDay),
    pending: Object.fromEntries(pending),
    walk,
  });
  const walk: Walk = state.walk ?? {
    since: sinceOf(state, lookbackDays),
    offset: 0,
    last: null,
    seen: [],
    newest: state.newest,
  };
  const seen = new Set(walk.seen);
  const added: Transaction[] = [];
  const modified: Transaction[] = [];
  const endpoint = 'GET /rest/transactions';
  let restarts = 0;

  for (let pages = 0; ; pages++) {
    if (pages >= maxPages) {
      walk.seen = [...seen];
      return { added, modified, removed: [], cursor: encodeCursor(save(walk, state.newest)), hasMore: true };
    }
    const overlap = walk.last === null ? 0 : 1;
    const page = await client.listTransactions(
      accessToken,
      {
        include_pending: true,
        sort: 'asc',
        count: pageSize,
        offset: walk.offset - overlap,
        ...(walk.since === null ? {} : { since: walk.since, since_type: 'date' }),
        ...(accounts === null ? {} : { accounts }),
      },
      { signal },
    );
    let fresh = page.transactions;
    if (overlap === 1) {
      if (fresh.length === 0 || hashId(idOf(fresh[0], endpoint)) !== walk.last) {
        // The list moved before our position: walk again from the start; what was reported stays known.
        if (++restarts > MAX_RESTARTS) {
          throw new NrichApiError({
            status: 200,
            code: 'unstable_listing',
            endpoint,
            kind: 'invalid_response',
            message: `${endpoint} kept changing under the walk (${MAX_RESTARTS} restarts)`,
          });
        }
        walk.offset = 0;
        walk.last = null;
        continue;
      }
      fresh = fresh.slice(1);
    }
    for (const tx of fresh) {
      const id = idOf(tx, endpoint);
      const hash = hashId(id);
      const day = tx.booking_date ?? '';
      if (day > walk.newest) walk.newest = day;
      const before = pending.get(id);
      if (before) {
        seen.add(id);
        const fp = fingerprint(tx);
        if (fp !== before.fp) {
          modified.push(tx);
          if (tx.status === 'pending') pending.set(id, { ...before, fp });
          else pending.delete(id);
        }
      } else if (!known.has(hash)) {
        added.push(tx);
        known.add(hash);
        const sameDay = knownByDay.get(day);
        if (sameDay) sameDay.push(hash);
        else knownByDay.set(day, [hash]);
        if (tx.status === 'pending') {
          pending.set(id, { fp: fingerprint(tx), account: tx.account_id, day });
          seen.add(id);
        }
      }
    }
    walk.offset += fresh.length;
    const last = fresh.at(-1);
    if (last) walk.last = hashId(idOf(last, endpoint));
    const total = page.paging?.total;
    if (fresh.length > 0 && (typeof total !== 'number' || walk.offset < total)) continue;
    if (fresh.length === 0 && typeof total === 'number' && walk.offset < total) {
      throw invalidResponse(endpoint, 200, `no more transactions after ${walk.offset} of ${total}`);
    }
    // The walk is complete: a reported pending transaction it did not see is gone.
    const removed = [...pending]
      .filter(([id]) => !seen.has(id))
      .map(([id, entry]) => ({ transaction_id: id, account_id: entry.account }));
    for (const { transaction_id } of removed) pending.delete(transaction_id);
    // Days before the next walk's start can no longer be listed to it: their ids are dropped from the cursor.
    const keepFrom = sinceOf(save(null, walk.newest), lookbackDays);
    if (keepFrom !== null) for (const day of [...knownByDay.keys()]) if (day < keepFrom) knownByDay.delete(day);
    return { added, modified, removed, cursor: encodeCursor(save(null, walk.newest)), hasMore: false };
  }
}

function initial(accounts: string[] | null): State {
  return { v: 1, accounts, newest: '', known: {}, pending: {}, walk: null };
}

/** Where the next walk starts: `lookbackDays` before the newest day, or the oldest reported pending day. */
function sinceOf(state: State, lookbackDays: number): string | null {
  if (state.newest === '') return null;
  let since = new Date(Date.parse(`${state.newest}T00:00:00Z`) - lookbackDays * DAY).toISOString().slice(0, 10);
  for (const entry of Object.values(state.pending)) if (entry.day !== '' && entry.day < since) since = entry.day;
  return since;
}

function idOf(tx: Transaction | undefined, endpoint: string): string {
  if (typeof tx?.transaction_id !== 'string' || tx.transaction_id === '') {
    throw invalidResponse(endpoint, 200, 'a transaction without transaction_id');
  }
  return tx.transaction_id;
}

/** What a change to a pending transaction would change. */
function fingerprint(tx: Transaction): string {
  return JSON.stringify([tx.status, tx.amount, tx.booking_date, tx.value_date]);
}

/** 16 hex digits (FNV-1a, two 32-bit lanes): short ids for the cursor; a collision within a window is ~2⁻⁶⁴. */
function hashId(id: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ id.length;
  for (let i = 0; i < id.length; i += 1) {
    const code = id.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function encodeCursor(state: State): string {
  // Base64url of UTF-8 JSON, with Web APIs only (the kit runs on edge runtimes too).
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return PREFIX + btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(cursor: unknown): State {
  if (typeof cursor !== 'string' || !cursor.startsWith(PREFIX)) {
    throw new SyncCursorError('Not a transactions cursor (or one of another version).');
  }
  let state: unknown;
  try {
    const binary = atob(cursor.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/'));
    state = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
  } catch {
    throw new SyncCursorError('The cursor is damaged.');
  }
  if (!isState(state)) throw new SyncCursorError('The cursor is damaged.');
  return state;
}

const isDay = (value: unknown): value is string => typeof value === 'string' && /^(\d{4}-\d{2}-\d{2})?$/.test(value);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Every field checked: a cursor comes back from storage, and a damaged one must not steer the walk. */
function isState(value: unknown): value is State {
  if (!isRecord(value) || value['v'] !== 1 || !isDay(value['newest'])) return false;
  const { accounts, known, pending, walk } = value;
  if (accounts !== null && !isStrings(accounts)) return false;
  if (!isRecord(known) || !Object.entries(known).every(([day, hashes]) => isDay(day) && isStrings(hashes))) {
    return false;
  }
  const pendingOk = (entry: unknown) =>
    isRecord(entry) && typeof entry['fp'] === 'string' && typeof entry['account'] === 'string' && isDay(entry['day']);
  if (!isRecord(pending) || !Object.values(pending).every(pendingOk)) return false;
  if (walk === null) return true;
  return (
    isRecord(walk) &&
    (walk['since'] === null || (isDay(walk['since']) && walk['since'] !== '')) &&
    Number.isInteger(walk['offset']) &&
    (walk['offset'] as number) >= 0 &&
    (walk['last'] === null || typeof walk['last'] === 'string') &&
    isStrings(walk['seen']) &&
    isDay(walk['newest'])
  );
}
