/**
 * The token store over PostgreSQL, written once for both drivers: a PostgreSQL server (`pg`, many processes)
 * and PGlite (the embedded store, one process, a local directory).
 *
 * Holders of one connection take turns: in this process on a key lock (keyed on the database, not on this
 * object), and across processes on a lease written into the row (`refresh_lease`, lapsing at
 * `refresh_lease_until` unless its holder renews it). The store only stores: `hold` (one short UPDATE) hands
 * the row out, the caller does its work (the refresh's API call, in tokens/refresh.ts) with no transaction and no
 * pool connection held, then `write` is checked against the version read and retried on a fresh connection
 * until it lands or `writeDeadlineMs` passes. A holder that dies leaves a lease that lapses
 * within `leaseMs`. Every error is a `TokenStoreError` (`toStoreError`): a database fault never reaches the host raw.
 */
import { NrichConfigError } from '../../errors.js';
import { lockKey, withKeyLock } from '../keyed-lock.js';
import type { ReauthorizationReason } from '../reauthorization.js';
import type { TokenCipher } from '../token-cipher.js';
import {
  claimFailure,
  FLOW_LEASE_MS,
  type ClaimResult,
  type Connection,
  type ConnectionHold,
  type ConnectionWrite,
  type FlowClaim,
  type FlowStep,
  type PendingFlow,
  type TokenSet,
  type TokenStore,
} from '../token-store.js';
import { migrate } from './migrations.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { isTokenStoreError, toStoreError, TokenStoreError } from '../store-error.js';

export interface SqlTokenStoreOptions {
  /**
   * How long a refresh (or a delete) waits for another process's refresh of the same connection before it
   * fails with `busy`. Longer than `leaseMs`, so a dead holder's lease lapses first. Default 45 000 ms.
   */
  lockTimeoutMs?: number;
  /**
   * How long a claim on a connection holds without being renewed; its holder renews it every third of this
   * while it works, so only a holder that died (or lost the database this long) lets it lapse. Default 30 000 ms.
   */
  leaseMs?: number;
  /** How long a write that failed after the API answered is retried on fresh connections. Default 30 000 ms. */
  writeDeadlineMs?: number;
}

/** The defaults and the rule that ties them: a waiter outlasts a dead holder's lease. */
export function leaseSettings(options: SqlTokenStoreOptions): Required<SqlTokenStoreOptions> {
  const leaseMs = options.leaseMs ?? 30_000;
  const lockTimeoutMs = options.lockTimeoutMs ?? Math.max(45_000, leaseMs + 5_000);
  const writeDeadlineMs = options.writeDeadlineMs ?? 30_000;
  for (const [name, value] of Object.entries({ leaseMs, lockTimeoutMs, writeDeadlineMs })) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new NrichConfigError(name, 'must be a positive number of ms.');
    }
  }
  if (lockTimeoutMs <= leaseMs) {
    throw new NrichConfigError(
      'lockTimeoutMs',
      `lockTimeoutMs (${lockTimeoutMs}) must be longer than leaseMs (${leaseMs}): else a process that died holding a connection blocks every waiter until it gives up.`,
    );
  }
  return { leaseMs, lockTimeoutMs, writeDeadlineMs };
}

interface ConnectionRow {
  key: string;
  access_token: string;
  refresh_token: string;
  expires_at: Date | string;
  refresh_expires_at: Date | string | null;
  scope: string | null;
  token_type: string | null;
  consent_expires_at: Date | string | null;
  status: Connection['status'];
  status_reason: string | null;
  version: number | string | bigint;
}

interface FlowRow {
  flow_id: string;
  state_hash: string;
  owner: string;
  redirect_uri: string;
  kind: string;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
  exchanged_at: Date | string | null;
  finished_at: Date | string | null;
  lease_until: Date | string | null;
  tokens: string | null;
  stored_at: Date | string | null;
}

const CONNECTION_COLUMNS =
  'key, access_token, refresh_token, expires_at, refresh_expires_at, scope, token_type, consent_expires_at, status, status_reason, version';
const SELECT_CONNECTION = `SELECT ${CONNECTION_COLUMNS} FROM nrich_connections WHERE key = $1`;
/** Used or expired flows are kept this long (to answer "already used" / "expired" rather than "unknown"). */
const FLOW_RETENTION_MS = 24 * 60 * 60 * 1000;

export class SqlTokenStore implements TokenStore {
  readonly #db: SqlDatabase;
  readonly #cipher: TokenCipher;
  readonly #settings: Required<SqlTokenStoreOptions>;
  #closing: Promise<void> | undefined;
  /** How each hold of this object ends (stop renewing, unlock), by lease. */
  readonly #held = new Map<string, () => void>();

  private constructor(db: SqlDatabase, cipher: TokenCipher, settings: Required<SqlTokenStoreOptions>) {
    this.#db = db;
    this.#cipher = cipher;
    this.#settings = settings;
  }

  /** Creates or migrates the schema, then answers the store. */
  static async open(db: SqlDatabase, cipher: TokenCipher, options: SqlTokenStoreOptions = {}): Promise<SqlTokenStore> {
    const settings = leaseSettings(options);
    const guarded = typed(db);
    await migrate(guarded);
    return new SqlTokenStore(guarded, cipher, settings);
  }

  get scope(): string {
    return this.#db.scope;
  }

  get encrypted(): boolean {
    return this.#cipher.encrypts;
  }

  async get(key: string): Promise<Connection | undefined> {
    const [row] = await this.#db.query<ConnectionRow>(SELECT_CONNECTION, [key]);
    return row && this.#decode(row);
  }

  set(key: string, tokens: TokenSet): Promise<void> {
    return withKeyLock(this.#lockName(key), async () => {
      const sealed = await this.#seal(key, tokens);
      // On a server, the upsert waits for a refresh holding the row; the newest tokens then win.
      await this.#db.query(
        `INSERT INTO nrich_connections (key, access_token, refresh_token, expires_at, refresh_expires_at, scope, token_type,
           consent_expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (key) DO UPDATE SET
           access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
           expires_at = EXCLUDED.expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
           scope = EXCLUDED.scope, token_type = EXCLUDED.token_type, consent_expires_at = EXCLUDED.consent_expires_at,
           status = 'active', status_reason = NULL, written_by = NULL,
           version = nrich_connections.version + 1, updated_at = now()`,
        [key, ...sealed],
      );
    });
  }

  /** Waits for a refresh in flight (in any process) to store its answer, then deletes: the connection stays deleted. */
  delete(key: string): Promise<void> {
    return this.#claimed(key, async (row, lease) => {
      if (row)
        await this.#db.query('DELETE FROM nrich_connections WHERE key = $1 AND refresh_lease = $2', [key, lease]);
      return { value: undefined, released: true };
    });
  }

  async hold(key: string): Promise<ConnectionHold | undefined> {
    const unlock = await lockKey(this.#lockName(key));
    const lease = crypto.randomUUID();
    let row: ConnectionRow | undefined;
    try {
      row = await this.#claim(key, lease);
      if (!row) {
        unlock();
        return undefined;
      }
      const connection = await this.#decode(row);
      const renewal = setInterval(() => void this.#renew(key, lease), this.#settings.leaseMs / 3);
      this.#held.set(lease, () => {
        clearInterval(renewal);
        unlock();
      });
      return { connection, lease };
    } catch (error) {
      // A row that does not open (`unknown_key`, `undecryptable`) is let go at once; it was never handed out.
      if (row) await this.#release(key, lease).catch(() => {});
      unlock();
      throw error;
    }
  }

  async write(hold: ConnectionHold, write: ConnectionWrite): Promise<void> {
    let written = false;
    try {
      await this.#write(hold.connection, write, hold.lease); // the write lets the lease go
      written = true;
    } finally {
      await this.#letGo(hold, written);
    }
  }

  release(hold: ConnectionHold): Promise<void> {
    return this.#letGo(hold, false);
  }

  /** Ends a hold: the row's lease (unless a write cleared it; a failed release lapses within leaseMs), the renewal, the lock. */
  async #letGo(hold: ConnectionHold, cleared: boolean): Promise<void> {
    const end = this.#held.get(hold.lease);
    if (!end) return; // let go already
    this.#held.delete(hold.lease);
    try {
      if (!cleared) await this.#release(hold.connection.key, hold.lease).catch(() => {});
    } finally {
      end();
    }
  }

  /**
   * Re-seals every token not sealed with the sealing key (after a key rotation), so the old key can be dropped
   * from the configuration once `remaining` is 0. `unreadable` rows (under a key not configured here, or
   * damaged) cannot be resealed by this store: they stay in `remaining`.
   */
  async reseal(): Promise<ResealReport> {
    let resealed = 0;
    let unreadable = 0;
    for (const key of await this.#staleKeys()) {
      try {
        resealed += await this.#claimed(key, async (row, lease) => {
          if (!row || !this.#isStale(row)) return { value: 0, released: false }; // deleted or resealed meanwhile
          const { tokens } = await this.#decode(row);
          const [access, refresh] = await this.#seal(key, tokens);
          await this.#swap(row, lease, 'access_token = $4, refresh_token = $5', [access, refresh]);
          return { value: 1, released: true };
        });
      } catch (error) {
        if (!isTokenStoreError(error) || (error.code !== 'unknown_key' && error.code !== 'undecryptable')) throw error;
        unreadable += 1;
      }
    }
    return { resealed, remaining: (await this.#staleKeys()).length, unreadable };
  }

  async #staleKeys(): Promise<string[]> {
    const rows = await this.#db.query<{ key: string; access_token: string; refresh_token: string }>(
      'SELECT key, access_token, refresh_token FROM nrich_connections',
    );
    return rows.filter((row) => this.#isStale(row)).map((row) => row.key);
  }

  #isStale(row: { access_token: string; refresh_token: string }): boolean {
    return this.#cipher.isStale(row.access_token) || this.#cipher.isStale(row.refresh_token);
  }

  async savePendingFlow(flow: PendingFlow): Promise<void> {
    await this.#db.query('DELETE FROM nrich_pending_flows WHERE expires_at < $1', [
      new Date(flow.createdAt - FLOW_RETENTION_MS),
    ]);
    await this.#db.query(
      `INSERT INTO nrich_pending_flows (flow_id, state_hash, owner, redirect_uri, kind, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        flow.flowId,
        await sha256(flow.state),
        flow.owner,
        flow.redirectUri,
        flow.kind,
        new Date(flow.createdAt),
        new Date(flow.expiresAt),
      ],
    );
  }

  async claimPendingFlow(claim: FlowClaim): Promise<ClaimResult> {
    const stateHash = await sha256(claim.state);
    const lease = crypto.randomUUID();
    // One statement: two concurrent claims of one flow cannot both succeed. The conditions are claimFailure's.
    const [claimed] = await this.#db.query<FlowRow>(
      `UPDATE nrich_pending_flows SET used_at = coalesce(used_at, $4), lease = $5, lease_until = $6
       WHERE flow_id = $1 AND state_hash = $2 AND owner = $3 AND expires_at > $4 AND finished_at IS NULL
         AND (lease_until IS NULL OR lease_until <= $4) AND (used_at IS NULL OR exchanged_at IS NOT NULL)
       RETURNING *`,
      [claim.flowId, stateHash, claim.owner, new Date(claim.now), lease, new Date(claim.now + FLOW_LEASE_MS)],
    );
    if (claimed) {
      return {
        ok: true,
        flow: {
          flowId: claimed.flow_id,
          state: claim.state,
          owner: claimed.owner,
          redirectUri: claimed.redirect_uri,
          kind: claimed.kind,
          createdAt: toMs(claimed.created_at),
          expiresAt: toMs(claimed.expires_at),
        },
        exchanged: claimed.exchanged_at !== null,
        stored: claimed.stored_at !== null,
        ...(claimed.tokens === null ? {} : { tokens: await this.#openFlowTokens(claimed.flow_id, claimed.tokens) }),
        lease,
      };
    }
    const [flow] = await this.#db.query<FlowRow>('SELECT * FROM nrich_pending_flows WHERE flow_id = $1', [
      claim.flowId,
    ]);
    if (!flow) return { ok: false, reason: 'unknown_flow' };
    const reason = claimFailure(
      {
        owner: flow.owner,
        stateMatches: flow.state_hash === stateHash,
        used: flow.used_at !== null,
        exchanged: flow.exchanged_at !== null,
        finished: flow.finished_at !== null,
        ...(flow.lease_until === null ? {} : { leaseUntil: toMs(flow.lease_until) }),
        expiresAt: toMs(flow.expires_at),
      },
      claim,
    );
    return { ok: false, reason: reason ?? 'finishing' }; // no reason left: another claim won, and let go, in between
  }

  async advancePendingFlow(flowId: string, lease: string, step: FlowStep, tokens?: TokenSet): Promise<void> {
    if (step === 'released' || step === 'unused') {
      // Only the holder lets go: a claim whose lease lapsed must not free a newer claim's flow. An unused code
      // leaves the flow as it was before the claim (unless it was exchanged meanwhile: that is a fact).
      const unuse = step === 'unused' ? ', used_at = CASE WHEN exchanged_at IS NULL THEN NULL ELSE used_at END' : '';
      await this.#db.query(
        `UPDATE nrich_pending_flows SET lease = NULL, lease_until = NULL${unuse} WHERE flow_id = $1 AND lease = $2`,
        [flowId, lease],
      );
      return;
    }
    if (step === 'exchanged') {
      // Without tokens (an older caller): they are already stored.
      const sealed = tokens ? await this.#cipher.seal(JSON.stringify(tokens), flowContext(flowId)) : null;
      await this.#db.query(
        `UPDATE nrich_pending_flows SET exchanged_at = now(), tokens = $2,
           stored_at = CASE WHEN $2::text IS NULL THEN now() END WHERE flow_id = $1`,
        [flowId, sealed],
      );
      return;
    }
    // Stored tokens and a done finish are facts, whoever holds the flow now.
    const set =
      step === 'stored' ? 'stored_at = now()' : 'finished_at = now(), tokens = NULL, lease = NULL, lease_until = NULL';
    await this.#db.query(`UPDATE nrich_pending_flows SET ${set} WHERE flow_id = $1`, [flowId]);
  }

  async #openFlowTokens(flowId: string, sealed: string): Promise<TokenSet> {
    return JSON.parse(await this.#cipher.open(sealed, flowContext(flowId))) as TokenSet;
  }

  /** Closes the database handle; a second call does nothing. */
  close(): Promise<void> {
    this.#closing ??= this.#db.close();
    return this.#closing;
  }

  /**
   * Runs `work` holding the connection: this process's lock, then the row's lease (waiting up to `lockTimeoutMs`
   * for another holder, polling without holding a pool connection). `work` runs with no database connection
   * held; its lease is renewed meanwhile and let go afterwards (a deleted row has none to let go).
   */
  #claimed<T>(
    key: string,
    work: (row: ConnectionRow | undefined, lease: string) => Promise<ClaimedResult<T>>,
  ): Promise<T> {
    return withKeyLock(this.#lockName(key), async () => {
      const lease = crypto.randomUUID();
      const row = await this.#claim(key, lease);
      if (!row) return (await work(undefined, lease)).value;
      const renewal = setInterval(() => void this.#renew(key, lease), this.#settings.leaseMs / 3);
      let released = false;
      try {
        const result = await work(row, lease);
        released = result.released;
        return result.value;
      } finally {
        clearInterval(renewal);
        // A failed release only leaves a lease that lapses within leaseMs.
        if (!released) await this.#release(key, lease).catch(() => {});
      }
    });
  }

  /** Takes the row's lease, waiting for another holder; undefined when there is no such row. */
  async #claim(key: string, lease: string): Promise<ConnectionRow | undefined> {
    const giveUpAt = Date.now() + this.#settings.lockTimeoutMs;
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const [row] = await this.#db.query<ConnectionRow>(
        `UPDATE nrich_connections SET refresh_lease = $2, refresh_lease_until = clock_timestamp() + $3::integer * interval '1 millisecond'
         WHERE key = $1 AND (refresh_lease IS NULL OR refresh_lease_until <= clock_timestamp())
         RETURNING ${CONNECTION_COLUMNS}`,
        [key, lease, this.#settings.leaseMs],
      );
      if (row) return row;
      const [held] = await this.#db.query<{ key: string }>('SELECT key FROM nrich_connections WHERE key = $1', [key]);
      if (!held) return undefined;
      if (Date.now() + pause > giveUpAt) {
        throw new TokenStoreError('busy', 'Another process has been refreshing this connection for too long.', {
          retryAfter: 1,
        });
      }
      await sleep(pause + Math.random() * pause);
    }
  }

  async #renew(key: string, lease: string): Promise<void> {
    await this.#db
      .query(
        `UPDATE nrich_connections SET refresh_lease_until = clock_timestamp() + $3::integer * interval '1 millisecond'
         WHERE key = $1 AND refresh_lease = $2`,
        [key, lease, this.#settings.leaseMs],
      )
      .catch(() => {}); // the database is away: the next renewal or the write tries again
  }

  async #release(key: string, lease: string): Promise<void> {
    await this.#db.query(
      'UPDATE nrich_connections SET refresh_lease = NULL, refresh_lease_until = NULL WHERE key = $1 AND refresh_lease = $2',
      [key, lease],
    );
  }

  async #write(current: Connection, write: ConnectionWrite, lease: string): Promise<void> {
    const row = { key: current.key, version: current.version };
    if ('tokens' in write) {
      const sealed = await this.#seal(current.key, write.tokens);
      await this.#swap(
        row,
        lease,
        `access_token = $4, refresh_token = $5, expires_at = $6, refresh_expires_at = $7, scope = $8,
         token_type = $9, consent_expires_at = $10, status = 'active', status_reason = NULL`,
        sealed,
      );
    } else {
      await this.#swap(row, lease, "status = 'needs_reauthorization', status_reason = $4", [
        write.needsReauthorization,
      ]);
    }
  }

  /**
   * UPDATE … WHERE version = the one read, letting the lease go. A failure that may be the database's (a
   * restart, a lost connection) is retried on a fresh connection until `writeDeadlineMs`: the API has already
   * rotated the token, so this write is all that is left of it. `written_by` makes the retry of a write whose
   * COMMIT landed but whose answer was lost see its own write instead of a conflict.
   */
  async #swap(
    row: { key: string; version: ConnectionRow['version'] },
    lease: string,
    assignments: string,
    values: readonly unknown[],
  ): Promise<void> {
    const giveUpAt = Date.now() + this.#settings.writeDeadlineMs;
    for (let pause = 50; ; pause = Math.min(pause * 2, 1000)) {
      try {
        const updated = await this.#db.query(
          `UPDATE nrich_connections SET ${assignments}, version = version + 1, updated_at = now(),
             refresh_lease = NULL, refresh_lease_until = NULL, written_by = $3
           WHERE key = $1 AND (version = $2 OR written_by = $3) RETURNING version`,
          [row.key, String(row.version), lease, ...values],
        );
        if (updated.length === 0) {
          throw new TokenStoreError(
            'conflict',
            'The connection was replaced or deleted while it was being refreshed: the write was refused.',
          );
        }
        return;
      } catch (error) {
        const typedError = toStoreError(error);
        if (!typedError.retryable || typedError.code === 'conflict' || Date.now() + pause > giveUpAt) throw typedError;
        await sleep(pause);
      }
    }
  }

  /** The values of the token columns, in order from access_token to consent_expires_at. */
  async #seal(key: string, tokens: TokenSet): Promise<unknown[]> {
    return [
      await this.#cipher.seal(tokens.accessToken, context(key, 'access_token')),
      await this.#cipher.seal(tokens.refreshToken, context(key, 'refresh_token')),
      new Date(tokens.expiresAt),
      tokens.refreshExpiresAt === undefined ? null : new Date(tokens.refreshExpiresAt),
      tokens.scope ?? null,
      tokens.tokenType ?? null,
      tokens.consentExpiresAt === undefined ? null : new Date(tokens.consentExpiresAt),
    ];
  }

  async #decode(row: ConnectionRow): Promise<Connection> {
    const tokens: TokenSet = {
      accessToken: await this.#cipher.open(row.access_token, context(row.key, 'access_token')),
      refreshToken: await this.#cipher.open(row.refresh_token, context(row.key, 'refresh_token')),
      expiresAt: toMs(row.expires_at),
      ...(row.refresh_expires_at === null ? {} : { refreshExpiresAt: toMs(row.refresh_expires_at) }),
      ...(row.scope === null ? {} : { scope: row.scope }),
      ...(row.token_type === null ? {} : { tokenType: row.token_type }),
      ...(row.consent_expires_at === null ? {} : { consentExpiresAt: toMs(row.consent_expires_at) }),
    };
    return {
      key: row.key,
      tokens,
      status: row.status,
      ...(row.status_reason === null ? {} : { reason: row.status_reason as ReauthorizationReason }),
      version: Number(row.version),
    };
  }

  #lockName(key: string): string {
    return `${this.#db.scope}\0${key}`;
  }
}

/** What `reseal()` did, and what is left under other keys (0 `remaining`: the old keys can go). */
export interface ResealReport {
  resealed: number;
  remaining: number;
  /** Rows this store cannot open (a key it does not have, or damaged): they are counted in `remaining` too. */
  unreadable: number;
}

interface ClaimedResult<T> {
  value: T;
  /** The work let the lease go itself (a write or a delete): nothing left to release. */
  released: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The database with every failure of the driver translated into a `TokenStoreError`. */
function typed(db: SqlDatabase): SqlDatabase {
  const guard = (q: SqlQueryable): SqlQueryable => ({
    query: <Row>(sql: string, params?: readonly unknown[]) =>
      q.query<Row>(sql, params).catch((error: unknown) => Promise.reject(toStoreError(error))),
  });
  return {
    ...db,
    ...guard(db),
    transaction: (work) =>
      db.transaction((tx) => work(guard(tx))).catch((error: unknown) => Promise.reject(toStoreError(error))),
    close: () => db.close(),
  };
}

/** What a flow's held tokens are bound to: that flow. */
function flowContext(flowId: string): string {
  return `nrich_pending_flows/tokens/${flowId}`;
}

/** What a sealed token is bound to: its row and column. */
function context(key: string, column: string): string {
  return `nrich_connections/${column}/${key}`;
}

function toMs(value: Date | string): number {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
