/**
 * One connection's turn: what a queue job does. Idempotent: it reads what is due from the keeper's row and the
 * token store, so a job run twice (a retry after a worker died, a duplicate) does the due work once; pages are
 * committed with a check of the cursor they were fetched from.
 *
 * Order: a connection waiting for its user is only checked for a reconnect (no API call); the consent's end is
 * told ahead of time; a due sync gets its access token from the store (refreshed under the store's
 * single-flight claim when stale, which also renews the refresh token); a renewal still due afterwards
 * refreshes on its own. A refused token parks the connection and is told once.
 */
import type { NrichClient } from '../client/client.js';
import { NrichApiError } from '../client/api-error.js';
import { NrichConfigError } from '../errors.js';
import { isReauthorizationRequired } from '../tokens/reauthorization.js';
import type { TokenStore } from '../tokens/token-store.js';
import { getValidAccessToken, refreshTokens } from '../tokens/refresh.js';
import type { SqlDatabase } from '../tokens/stores/sql-database.js';
import { commitPage, markReported, readConnection, reschedule, type KeptConnection } from './state.js';
import type { FetchChanges, KeeperHooks, KeeperSchedule, NeedsUserReason } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An access token with less than this left is refreshed before a sync, not during it. */
const ACCESS_SKEW_MS = 5 * 60_000;

export interface KeepContext<T = unknown> {
  db: SqlDatabase;
  store: TokenStore;
  client: Pick<NrichClient, 'refreshToken'>;
  fetchChanges: FetchChanges<T>;
  hooks: KeeperHooks<T>;
  schedule: Required<KeeperSchedule>;
  now: () => number;
  /** Says whether an API error means the bank consent has ended. */
  isConsentExpired: (error: unknown) => boolean;
}

export function scheduleWithDefaults(schedule: KeeperSchedule = {}): Required<KeeperSchedule> {
  const full = {
    renewMarginMs: schedule.renewMarginMs ?? 30 * DAY,
    syncEveryMs: schedule.syncEveryMs ?? 6 * HOUR,
    consentMs: schedule.consentMs ?? 180 * DAY,
    consentNoticeMs: schedule.consentNoticeMs ?? 14 * DAY,
    recheckMs: schedule.recheckMs ?? HOUR,
  };
  // Written as "not within" so that NaN and non-numbers are refused too.
  if (!(full.syncEveryMs >= 6 * HOUR))
    throw new NrichConfigError('syncEveryMs', 'must be at least 6 hours (4 syncs a day).');
  if (!(full.renewMarginMs > 0 && full.renewMarginMs < 89 * DAY))
    throw new NrichConfigError('renewMarginMs', 'must be between 0 and 89 days.');
  for (const name of ['consentMs', 'consentNoticeMs', 'recheckMs'] as const) {
    if (!(full[name] > 0 && Number.isFinite(full[name])))
      throw new NrichConfigError(name, 'must be a positive number of ms.');
  }
  return full;
}

/** Does what is due for `key`. Throws on a passing failure (the queue retries with backoff). */
export async function keepConnection<T>(ctx: KeepContext<T>, key: string): Promise<void> {
  const row = await readConnection(ctx.db, key);
  if (!row) return; // forgotten meanwhile
  const connection = await ctx.store.get(key);
  if (!connection) {
    // Deleted from the store (the user disconnected): nothing to keep; look again later in case it comes back.
    await park(ctx, row, 'expired', undefined, false);
    return;
  }
  if (row.waiting) {
    const reconnected = connection.status === 'active' && connection.version !== row.parkedVersion;
    if (!reconnected) {
      const recheck = ctx.now() + ctx.schedule.recheckMs;
      await reschedule(ctx.db, key, { renewAt: recheck, syncAt: recheck }, row);
      return;
    }
    // The user connected again (tokens saved anew): a fresh consent, nothing reported yet.
    const now = ctx.now();
    const fresh = {
      waiting: undefined,
      parkedVersion: undefined,
      reported: [],
      connectedAt: now,
      consentEndsAt: undefined,
    };
    Object.assign(row, fresh);
    await reschedule(ctx.db, key, { renewAt: now, syncAt: now, ...fresh }, row);
  }
  if (connection.status === 'needs_reauthorization') {
    await park(ctx, row, connection.reason ?? 'invalid_grant', connection.version);
    return;
  }
  // The host's word (`track`), else the token response's (kept by the store), else the usual 180 days.
  const consentEnds =
    row.consentEndsAt ?? connection.tokens.consentExpiresAt ?? row.connectedAt + ctx.schedule.consentMs;
  if (ctx.now() >= consentEnds) {
    await park(ctx, row, 'consent_expired', connection.version, true, consentEnds);
    return;
  }
  if (ctx.now() >= consentEnds - ctx.schedule.consentNoticeMs) {
    await tell(ctx, row, 'consent_expiring', consentEnds);
  }

  const startedAt = ctx.now();
  let syncAt = row.syncAt;
  try {
    if (row.syncAt <= startedAt) {
      await syncChanges(ctx, row, startedAt);
      // Keep to the schedule rather than drift; after a long outage, start counting from now.
      syncAt = row.syncAt + ctx.schedule.syncEveryMs;
      if (syncAt <= startedAt) syncAt = startedAt + ctx.schedule.syncEveryMs;
    }
    const renewAt = await renewIfDue(ctx, key);
    // Wake for the consent notice too, so that it is told on its day even without syncs.
    const notice = consentEnds - ctx.schedule.consentNoticeMs;
    const wake = notice > ctx.now() ? Math.min(renewAt, notice) : Math.min(renewAt, consentEnds);
    await reschedule(ctx.db, key, { renewAt: wake, syncAt }, row);
  } catch (error) {
    if (isReauthorizationRequired(error)) {
      await park(ctx, row, error.reason, (await ctx.store.get(key))?.version);
      return;
    }
    if (ctx.isConsentExpired(error)) {
      await park(ctx, row, 'consent_expired', connection.version, true, consentEnds);
      return;
    }
    throw error;
  }
}

/** Fetches and commits pages until the API has no more. */
async function syncChanges<T>(ctx: KeepContext<T>, row: KeptConnection, startedAt: number): Promise<void> {
  const tokenOptions = { store: ctx.store, key: row.key, client: ctx.client, now: ctx.now };
  let cursor = row.cursor;
  const totals = { pages: 0, added: 0, modified: 0, removed: 0 };
  for (let more = true; more;) {
    const accessToken = await getValidAccessToken({ ...tokenOptions, skewMs: ACCESS_SKEW_MS });
    if (accessToken === undefined) return;
    const page = await fetchPage(ctx, row.key, accessToken, cursor);
    const from = cursor;
    // The page's identity: where it was fetched from and where it ends. A page fetched again from the same
    // cursor later may hold more (new data arrived): a host without `tx` also dedupes by transaction id.
    const idempotencyKey = `${row.key}\u0000${from ?? ''}\u0000${page.cursor}`;
    const empty = page.added.length + page.modified.length + page.removed.length === 0;
    const committed = await commitPage(ctx.db, row.key, from, page, ctx.now(), (tx) =>
      empty ? Promise.resolve() : ctx.hooks.onChanges(page, { key: row.key, idempotencyKey, tx }),
    );
    if (!committed) return; // another worker committed this page: it carries on from there
    totals.pages += 1;
    totals.added += page.added.length;
    totals.modified += page.modified.length;
    totals.removed += page.removed.length;
    cursor = page.cursor;
    more = page.hasMore;
  }
  ctx.hooks.onSynced?.({ key: row.key, scheduledAt: row.syncAt, startedAt, ...totals });
}

/**
 * One page; an access token the API refused (it expired on the way, e.g. while waiting for the rate limit) is
 * refreshed through the store (single-flight) and the page asked for again, a few times at most.
 */
async function fetchPage<T>(ctx: KeepContext<T>, key: string, accessToken: string, cursor: string | undefined) {
  for (let attempt = 1, token = accessToken; ; attempt++) {
    try {
      return await ctx.fetchChanges({ key, accessToken: token }, cursor);
    } catch (error) {
      if (!(error instanceof NrichApiError && error.kind === 'unauthorized') || attempt >= 3) throw error;
      const options = { store: ctx.store, key, client: ctx.client, now: ctx.now, rejectedAccessToken: token };
      const tokens = await refreshTokens(options);
      if (!tokens) throw error;
      token = tokens.accessToken;
    }
  }
}

/** Refreshes when less than the margin is left of the refresh token; returns when to look again. */
async function renewIfDue<T>(ctx: KeepContext<T>, key: string): Promise<number> {
  const margin = ctx.schedule.renewMarginMs;
  const connection = await ctx.store.get(key);
  const lapses = connection?.tokens.refreshExpiresAt;
  if (!connection || lapses === undefined) return ctx.now() + margin; // unknown lifetime: look again later
  if (lapses - margin > ctx.now()) return lapses - margin;
  const tokens = await refreshTokens({ store: ctx.store, key, client: ctx.client, now: ctx.now });
  const next = tokens?.refreshExpiresAt;
  ctx.hooks.onRenewed?.(key, next);
  return next === undefined ? ctx.now() + margin : next - margin;
}

/** Tells the host once (across workers: the row records it first). */
async function tell<T>(ctx: KeepContext<T>, row: KeptConnection, reason: NeedsUserReason, at?: number): Promise<void> {
  if (row.reported.includes(reason)) return;
  if (!(await markReported(ctx.db, row.key, reason))) return;
  row.reported = [...row.reported, reason];
  try {
    await ctx.hooks.onNeedsUser?.({ key: row.key, reason, ...(at === undefined ? {} : { at }) });
  } catch (error) {
    // Never retried in a loop: the host's hook failing is the host's to log; the mark stays.
    ctx.hooks.onFailure?.(row.key, error);
  }
}

/** Waits for the user: told once, then only checked for a reconnect every `recheckMs`. */
async function park<T>(
  ctx: KeepContext<T>,
  row: KeptConnection,
  reason: NeedsUserReason,
  version: number | undefined,
  report = true,
  at?: number,
): Promise<void> {
  if (report) await tell(ctx, row, reason, at);
  const recheck = ctx.now() + ctx.schedule.recheckMs;
  await reschedule(
    ctx.db,
    row.key,
    { renewAt: recheck, syncAt: recheck, waiting: reason, parkedVersion: version },
    row,
  );
}
