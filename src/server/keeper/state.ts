/**
 * The keeper's own rows, beside (not inside) the token store: per connection, when it is due for renewal and
 * sync, its cursor, and whether it waits for its user. Times are in ms of the keeper's clock (injectable: the
 * sandbox's scaled clock in tests); `queued_until` and the rate limit use the database's clock, because they
 * bound real work and real API calls. The same SQL runs on a PostgreSQL server and on PGlite.
 */
import type { SqlDatabase, SqlQueryable } from '../tokens/stores/sql-database.js';
import type { ChangesPage, NeedsUserReason } from './types.js';

export interface KeptConnection {
  key: string;
  /** When the user (re)connected: the bank consent counts from here. */
  connectedAt: number;
  /**
   * When the bank consent ends, as `track` was told; else the stored tokens' `consentExpiresAt`, else
   * `connectedAt` + the schedule's consent.
   */
  consentEndsAt: number | undefined;
  renewAt: number;
  syncAt: number;
  cursor: string | undefined;
  lastSyncedAt: number | undefined;
  /** Set while the connection waits for its user. */
  waiting: NeedsUserReason | undefined;
  /** The token store's version of the connection when it was parked: a newer one is a reconnect. */
  parkedVersion: number | undefined;
  /** Reasons already told to the host (each once until a reconnect). */
  reported: NeedsUserReason[];
}

const SCHEMA = `
create table if not exists nrich_keeper_connections (
  key text primary key,
  connected_at bigint not null,
  consent_ends_at bigint,
  renew_at bigint not null,
  sync_at bigint not null,
  cursor text,
  last_synced_at bigint,
  waiting text,
  parked_version bigint,
  reported text[] not null default '{}',
  queued_until timestamptz
);
create index if not exists nrich_keeper_due on nrich_keeper_connections (least(renew_at, sync_at));
create table if not exists nrich_keeper_rate (
  id int primary key,
  tokens double precision not null,
  at timestamptz not null,
  paused_until timestamptz
);
insert into nrich_keeper_rate (id, tokens, at) values (1, 0, clock_timestamp()) on conflict (id) do nothing;
`;

/** Creates the tables once; processes starting together take turns on an advisory lock. */
export async function migrateKeeper(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(hashtext('nrich_keeper_schema'))`);
    for (const statement of SCHEMA.split(';').map((s) => s.trim())) if (statement) await tx.query(statement);
  });
}

/**
 * Starts keeping `key`, due at once: a new connection, or one the user connected again (which clears
 * what was reported and restarts the consent's clock). Keeps the cursor: transactions already handed over
 * are not handed over again.
 */
export async function trackConnection(
  db: SqlQueryable,
  key: string,
  now: number,
  consentEndsAt: number | undefined,
): Promise<void> {
  await db.query(
    `insert into nrich_keeper_connections (key, connected_at, consent_ends_at, renew_at, sync_at)
     values ($1, $2, $3, $2, $2)
     on conflict (key) do update set connected_at = $2, consent_ends_at = $3, renew_at = $2, sync_at = $2,
       waiting = null, parked_version = null, reported = '{}', queued_until = null`,
    [key, now, consentEndsAt ?? null],
  );
}

/** Frees every queued row: the embedded keeper's queue lives in its process, so after a restart none is queued. */
export async function releaseQueued(db: SqlQueryable): Promise<void> {
  await db.query(`update nrich_keeper_connections set queued_until = null where queued_until is not null`);
}

export async function forgetConnection(db: SqlQueryable, key: string): Promise<void> {
  await db.query(`delete from nrich_keeper_connections where key = $1`, [key]);
}

/**
 * Marks up to `limit` connections due by `now` as queued for `leaseSeconds` and returns their keys: run it in
 * the transaction that enqueues them, so a crash enqueues all or none. `skip locked`: processes dispatching
 * at the same moment take different rows. A queued row whose lease lapsed (its worker died before the queue
 * retried it) is due again.
 */
export async function claimDue(tx: SqlQueryable, now: number, limit: number, leaseSeconds: number): Promise<string[]> {
  const rows = await tx.query<{ key: string }>(
    `update nrich_keeper_connections set queued_until = clock_timestamp() + make_interval(secs => $3)
     where key in (
       select key from nrich_keeper_connections
       where least(renew_at, sync_at) <= $1 and (queued_until is null or queued_until < clock_timestamp())
       order by least(renew_at, sync_at) limit $2 for update skip locked)
     returning key`,
    [now, limit, leaseSeconds],
  );
  return rows.map((row) => row.key);
}

/** How many connections are due by `now` and not queued: the backlog. */
export async function countDue(db: SqlQueryable, now: number): Promise<number> {
  const [row] = await db.query<{ n: string | number }>(
    `select count(*) as n from nrich_keeper_connections
     where least(renew_at, sync_at) <= $1 and (queued_until is null or queued_until < clock_timestamp())`,
    [now],
  );
  return Number(row?.n ?? 0);
}

export async function readConnection(db: SqlQueryable, key: string): Promise<KeptConnection | undefined> {
  const [row] = await db.query<Record<string, unknown>>(`select * from nrich_keeper_connections where key = $1`, [key]);
  return row && fromRow(row);
}

export async function listConnections(db: SqlQueryable): Promise<KeptConnection[]> {
  const rows = await db.query<Record<string, unknown>>(`select * from nrich_keeper_connections order by key`);
  return rows.map(fromRow);
}

export interface Reschedule {
  renewAt: number;
  syncAt: number;
  waiting?: NeedsUserReason | undefined;
  parkedVersion?: number | undefined;
  reported?: NeedsUserReason[];
  connectedAt?: number;
  /** Forgotten on a reconnect the keeper found by itself (the host did not say when the new consent ends). */
  consentEndsAt?: number | undefined;
}

/** Stores the next due times (and parking) and frees the row for the next dispatch. */
export async function reschedule(db: SqlQueryable, key: string, next: Reschedule, row: KeptConnection): Promise<void> {
  await db.query(
    `update nrich_keeper_connections set renew_at = $2, sync_at = $3, waiting = $4, parked_version = $5,
       reported = $6, connected_at = $7, consent_ends_at = $8, queued_until = null
     where key = $1`,
    [
      key,
      next.renewAt,
      next.syncAt,
      'waiting' in next ? (next.waiting ?? null) : (row.waiting ?? null),
      'parkedVersion' in next ? (next.parkedVersion ?? null) : (row.parkedVersion ?? null),
      next.reported ?? row.reported,
      next.connectedAt ?? row.connectedAt,
      'consentEndsAt' in next ? (next.consentEndsAt ?? null) : (row.consentEndsAt ?? null),
    ],
  );
}

/** Records a reason as told, and says whether it was new (so the host hears it once, even across workers). */
export async function markReported(db: SqlQueryable, key: string, reason: NeedsUserReason): Promise<boolean> {
  const rows = await db.query(
    `update nrich_keeper_connections set reported = array_append(reported, $2)
     where key = $1 and not ($2 = any(reported)) returning key`,
    [key, reason],
  );
  return rows.length > 0;
}

/**
 * Hands one page to `deliver` and stores its cursor in one transaction. When the stored cursor is no longer
 * `from` (another worker already committed this page: a duplicate job), nothing is delivered.
 */
export async function commitPage<T>(
  db: SqlDatabase,
  key: string,
  from: string | undefined,
  page: ChangesPage<T>,
  now: number,
  deliver: (tx: SqlQueryable) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ cursor: string | null }>(
      `select cursor from nrich_keeper_connections where key = $1 for update`,
      [key],
    );
    if (!row || (row.cursor ?? undefined) !== from) return false;
    await deliver(tx);
    await tx.query(`update nrich_keeper_connections set cursor = $2, last_synced_at = $3 where key = $1`, [
      key,
      page.cursor,
      now,
    ]);
    return true;
  });
}

function fromRow(row: Record<string, unknown>): KeptConnection {
  const num = (value: unknown): number | undefined =>
    value === null || value === undefined ? undefined : Number(value);
  return {
    key: String(row.key),
    connectedAt: Number(row.connected_at),
    consentEndsAt: num(row.consent_ends_at),
    renewAt: Number(row.renew_at),
    syncAt: Number(row.sync_at),
    cursor: (row.cursor as string | null) ?? undefined,
    lastSyncedAt: num(row.last_synced_at),
    waiting: (row.waiting as NeedsUserReason | null) ?? undefined,
    parkedVersion: num(row.parked_version),
    reported: (row.reported as NeedsUserReason[] | null) ?? [],
  };
}
