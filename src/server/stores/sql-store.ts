/**
 * The token store over PostgreSQL, written once for both drivers: a PostgreSQL server (`pg`, many processes)
 * and PGlite (the embedded store, one process, a local directory).
 *
 * Writers of one connection take turns: always in this process (`withKeyLock`, keyed on the database, not on
 * this object), and on a shared server also across processes, by holding the row with `SELECT … FOR UPDATE`
 * for the whole read-refresh-write. Every write is also a compare-and-swap on `version`, so a write that
 * somehow bypassed both locks fails loudly (`conflict`) instead of overwriting a newer refresh token.
 */
import { withKeyLock } from '../keyed-lock.js';
import type { ReauthorizationReason } from '../reauthorization.js';
import type { TokenCipher } from '../token-cipher.js';
import {
  claimFailure,
  FLOW_LEASE_MS,
  type ClaimResult,
  type Connection,
  type ConnectionWrite,
  type FlowClaim,
  type FlowStep,
  type PendingFlow,
  type TokenSet,
  type TokenStore,
} from '../token-store.js';
import { migrate } from './migrations.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { TokenStoreError } from './store-error.js';

export interface SqlTokenStoreOptions {
  /** How long a refresh waits for another process's refresh of the same connection. Default 30 000 ms. */
  lockTimeoutMs?: number;
}

interface ConnectionRow {
  key: string;
  access_token: string;
  refresh_token: string;
  expires_at: Date | string;
  refresh_expires_at: Date | string | null;
  scope: string | null;
  token_type: string | null;
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

const SELECT_CONNECTION =
  'SELECT key, access_token, refresh_token, expires_at, refresh_expires_at, scope, token_type, status, status_reason, version FROM nrich_connections WHERE key = $1';
/** Used or expired flows are kept this long (to answer "already used" / "expired" rather than "unknown"). */
const FLOW_RETENTION_MS = 24 * 60 * 60 * 1000;

export class SqlTokenStore implements TokenStore {
  readonly #db: SqlDatabase;
  readonly #cipher: TokenCipher;
  readonly #lockTimeoutMs: number;
  #closing: Promise<void> | undefined;

  private constructor(db: SqlDatabase, cipher: TokenCipher, options: SqlTokenStoreOptions) {
    this.#db = db;
    this.#cipher = cipher;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
  }

  /** Creates or migrates the schema, then answers the store. */
  static async open(db: SqlDatabase, cipher: TokenCipher, options: SqlTokenStoreOptions = {}): Promise<SqlTokenStore> {
    await migrate(db);
    return new SqlTokenStore(db, cipher, options);
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
        `INSERT INTO nrich_connections (key, access_token, refresh_token, expires_at, refresh_expires_at, scope, token_type)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (key) DO UPDATE SET
           access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,
           expires_at = EXCLUDED.expires_at, refresh_expires_at = EXCLUDED.refresh_expires_at,
           scope = EXCLUDED.scope, token_type = EXCLUDED.token_type,
           status = 'active', status_reason = NULL,
           version = nrich_connections.version + 1, updated_at = now()`,
        [key, ...sealed],
      );
    });
  }

  async delete(key: string): Promise<void> {
    await this.#db.query('DELETE FROM nrich_connections WHERE key = $1', [key]);
  }

  update<T>(
    key: string,
    task: (current: Connection | undefined) => Promise<{ value: T; write?: ConnectionWrite }>,
  ): Promise<T> {
    return this.#locked(key, async (q, row) => {
      const current = row && (await this.#decode(row));
      const { value, write } = await task(current);
      if (write && current) await this.#write(q, current, write);
      return value;
    });
  }

  /**
   * Re-seals every token not sealed with the newest key (after a key rotation), so the old key can be
   * dropped from the configuration. Answers how many connections changed.
   */
  async reseal(): Promise<number> {
    const rows = await this.#db.query<{ key: string; access_token: string; refresh_token: string }>(
      'SELECT key, access_token, refresh_token FROM nrich_connections',
    );
    const stale = rows.filter(
      (row) => this.#cipher.isStale(row.access_token) || this.#cipher.isStale(row.refresh_token),
    );
    for (const { key } of stale) {
      await this.#locked(key, async (q, row) => {
        if (!row) return; // deleted meanwhile
        const tokens = await this.#decode(row);
        const [access, refresh] = await this.#seal(key, tokens.tokens);
        await this.#swap(q, row, 'access_token = $3, refresh_token = $4', [access, refresh]);
      });
    }
    return stale.length;
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

  /** Runs `work` with the row read under this process's lock and, on a shared server, the row lock too. */
  #locked<T>(key: string, work: (q: SqlQueryable, row: ConnectionRow | undefined) => Promise<T>): Promise<T> {
    return withKeyLock(this.#lockName(key), async () => {
      if (!this.#db.shared) {
        const [row] = await this.#db.query<ConnectionRow>(SELECT_CONNECTION, [key]);
        return work(this.#db, row);
      }
      return this.#db.transaction(async (tx) => {
        // Waiters give up after lockTimeoutMs; a holder that stalls (a frozen process) for as long loses the lock.
        await tx.query(
          "SELECT set_config('lock_timeout', $1, true), set_config('idle_in_transaction_session_timeout', $1, true)",
          [`${this.#lockTimeoutMs}ms`],
        );
        const [row] = await tx.query<ConnectionRow>(`${SELECT_CONNECTION} FOR UPDATE`, [key]).catch(lockTimeout);
        return work(tx, row);
      });
    });
  }

  async #write(q: SqlQueryable, current: Connection, write: ConnectionWrite): Promise<void> {
    const row = { key: current.key, version: current.version };
    if ('tokens' in write) {
      const sealed = await this.#seal(current.key, write.tokens);
      await this.#swap(
        q,
        row,
        `access_token = $3, refresh_token = $4, expires_at = $5, refresh_expires_at = $6, scope = $7,
         token_type = $8, status = 'active', status_reason = NULL`,
        sealed,
      );
    } else {
      await this.#swap(q, row, "status = 'needs_reauthorization', status_reason = $3", [write.needsReauthorization]);
    }
  }

  /** UPDATE … WHERE version = the one read: zero rows means someone wrote without the lock. */
  async #swap(
    q: SqlQueryable,
    row: { key: string; version: ConnectionRow['version'] },
    assignments: string,
    values: readonly unknown[],
  ): Promise<void> {
    const updated = await q.query(
      `UPDATE nrich_connections SET ${assignments}, version = version + 1, updated_at = now()
       WHERE key = $1 AND version = $2 RETURNING version`,
      [row.key, String(row.version), ...values],
    );
    if (updated.length === 0) {
      throw new TokenStoreError('conflict', 'The connection changed while it was locked: the write was refused.');
    }
  }

  /** The values of the token columns, in table order from access_token to token_type. */
  async #seal(key: string, tokens: TokenSet): Promise<unknown[]> {
    return [
      await this.#cipher.seal(tokens.accessToken, context(key, 'access_token')),
      await this.#cipher.seal(tokens.refreshToken, context(key, 'refresh_token')),
      new Date(tokens.expiresAt),
      tokens.refreshExpiresAt === undefined ? null : new Date(tokens.refreshExpiresAt),
      tokens.scope ?? null,
      tokens.tokenType ?? null,
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

/** PostgreSQL's lock_not_available (55P03) as the store's typed error; anything else as it is. */
function lockTimeout(error: unknown): never {
  if ((error as { code?: unknown }).code === '55P03') {
    throw new TokenStoreError('lock_timeout', 'Another process held this connection too long.', { cause: error });
  }
  throw error;
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
