/**
 * The store for hosts with many processes or machines: the SQL store on an existing PostgreSQL server through
 * `pg` (node-postgres). Refreshes of one connection take turns on a lease in the row (`sql-store.ts`), so they
 * are ordered across every process that shares the database, with no transaction held across the API call.
 *
 * No fault of the server ends the host's process: the pool and every client taken from it have an `'error'`
 * listener (node-postgres emits 'error' on a connection the server drops; unheard, Node would exit), and every
 * wait is bounded: connecting (`connectTimeoutMs`) and each query (`queryTimeoutMs`, measured by the client, so
 * it works through PgBouncer, which refuses `statement_timeout` as a startup parameter).
 *
 * `pg` is an optional peer dependency, loaded only when this store is created; pass your own `pool` to reuse one.
 */
import { checkOptions, NrichConfigError } from '../../errors.js';
import { createTokenCipher, type TokenCipherOptions } from '../token-cipher.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { leaseSettings, SqlTokenStore, type SqlTokenStoreOptions } from './sql-store.js';
import { TokenStoreError } from '../store-error.js';

/** The part of a `pg.Pool` the store uses (typed here, so the kit's types do not need `@types/pg`). */
export interface PgPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}
export interface PgPoolClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  /** With an error, the pool discards the connection instead of reusing it. */
  release(error?: Error | boolean): void;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  off?(event: 'error', listener: (error: Error) => void): unknown;
}

export interface PostgresStoreOptions extends TokenCipherOptions, SqlTokenStoreOptions {
  /** `postgres://user:password@host:port/database`; defaults to `DATABASE_URL` in `env`. */
  connectionString?: string;
  /** An existing pool instead (the store then does not end it on close). */
  pool?: PgPool;
  /** Connections of the pool the store creates. Default 10. */
  max?: number;
  /** How long getting a connection may take (connecting, or waiting for a free one). Default 5 000 ms. */
  connectTimeoutMs?: number;
  /** How long one query may take before the client gives up on it (and discards its connection). Default 5 000 ms. */
  queryTimeoutMs?: number;
}

/** Logs nothing: what the driver says about a dropped connection is in the next call's typed error. */
const ignore = (): void => {};

export async function createPostgresStore(options: PostgresStoreOptions = {}): Promise<SqlTokenStore> {
  checkOptions(options, 'createPostgresStore');
  const timeouts = reconcile(options);
  const cipher = await createTokenCipher(options);
  const env = options.env ?? globalThis.process?.env ?? {};
  const connectionString = options.connectionString ?? env.DATABASE_URL;
  let pool = options.pool;
  if (!pool) {
    if (!connectionString) {
      throw new NrichConfigError('connectionString', 'createPostgresStore needs it (or DATABASE_URL) or a pool.');
    }
    const { Pool } = await loadDriver();
    pool = new Pool({
      connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      query_timeout: timeouts.queryTimeoutMs,
    });
  }
  // An idle connection the server closed (a restart, a failover) is dropped and replaced by the pool; without
  // a listener, pg's 'error' event would end the host's process. A host's own pool gets one too.
  pool.on?.('error', ignore);
  const database = adapt(pool, scopeOf(connectionString ?? poolTarget(pool)), !options.pool);
  try {
    return await SqlTokenStore.open(database, cipher, options);
  } catch (error) {
    await database.close();
    throw error;
  }
}

function adapt(pool: PgPool, scope: string, ownsPool: boolean): SqlDatabase {
  const queryOn = (target: Pick<PgPool, 'query'>): SqlQueryable => ({
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await target.query(sql, [...params])).rows as Row[],
  });
  return {
    ...queryOn(pool),
    scope,
    shared: true,
    async transaction(work) {
      const client = await pool.connect();
      client.on?.('error', ignore); // checked out, the pool does not listen for it: the server may drop it now
      try {
        await client.query('BEGIN');
        const result = await work(queryOn(client));
        await client.query('COMMIT');
        client.off?.('error', ignore);
        client.release();
        return result;
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: drop it rather than reuse it.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.off?.('error', ignore);
        client.release(!rolledBack);
        throw error;
      }
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
}

/**
 * The pool's bounds, checked against the lease: a claim is renewed every third of `leaseMs`, and one renewal
 * (a connect plus a query) must fit in that third, or a live holder could lose its claim to a waiter.
 */
function reconcile(options: PostgresStoreOptions): { connectTimeoutMs: number; queryTimeoutMs: number } {
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const queryTimeoutMs = options.queryTimeoutMs ?? 5_000;
  const { leaseMs } = leaseSettings(options);
  for (const [name, value] of Object.entries({ connectTimeoutMs, queryTimeoutMs })) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new NrichConfigError(name, 'must be a positive number of ms.');
    }
  }
  if (connectTimeoutMs + queryTimeoutMs > leaseMs / 3) {
    throw new NrichConfigError(
      'queryTimeoutMs',
      `connectTimeoutMs + queryTimeoutMs (${connectTimeoutMs + queryTimeoutMs}) must fit in a third of leaseMs (${leaseMs}): a refresh renews its claim that often.`,
    );
  }
  return { connectTimeoutMs, queryTimeoutMs };
}

/** host:port/database of a connection string, without credentials: two pools on one database share it. */
function scopeOf(target: string): string {
  try {
    const url = new URL(target);
    return `postgres:${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return `postgres:${target}`;
  }
}

function poolTarget(pool: PgPool): string {
  const options = (pool as { options?: { host?: string; port?: number; database?: string } }).options ?? {};
  return `postgres://${options.host ?? 'localhost'}:${options.port ?? 5432}/${options.database ?? ''}`;
}

interface PoolConfig {
  connectionString: string;
  max: number;
  connectionTimeoutMillis: number;
  query_timeout: number;
}

async function loadDriver(): Promise<{ Pool: new (config: PoolConfig) => PgPool }> {
  try {
    const pg = (await import('pg')) as unknown as { default?: unknown; Pool?: unknown };
    return (pg.Pool ? pg : pg.default) as { Pool: new (config: PoolConfig) => PgPool };
  } catch (error) {
    throw new TokenStoreError('driver_missing', 'The PostgreSQL store needs pg: npm install pg', { cause: error });
  }
}
