/**
 * The store for hosts with many processes or machines: the SQL store on an existing PostgreSQL server through
 * `pg` (node-postgres). Refreshes of one connection take turns on a row lock the server holds, so they are
 * ordered across every process that shares the database.
 *
 * `pg` is an optional peer dependency, loaded only when this store is created; pass your own `pool` to reuse one.
 */
import { createTokenCipher, type TokenCipherOptions } from '../token-cipher.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { SqlTokenStore, type SqlTokenStoreOptions } from './sql-store.js';
import { TokenStoreError } from './store-error.js';

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
}

export interface PostgresStoreOptions extends TokenCipherOptions, SqlTokenStoreOptions {
  /** `postgres://user:password@host:port/database`; defaults to `DATABASE_URL` in `env`. */
  connectionString?: string;
  /** An existing pool instead (the store then does not end it on close). */
  pool?: PgPool;
  /** Connections of the pool the store creates. Default 10. */
  max?: number;
}

export async function createPostgresStore(options: PostgresStoreOptions = {}): Promise<SqlTokenStore> {
  const cipher = await createTokenCipher(options);
  const env = options.env ?? globalThis.process?.env ?? {};
  const connectionString = options.connectionString ?? env.DATABASE_URL;
  let pool = options.pool;
  if (!pool) {
    if (!connectionString) {
      throw new TypeError('createPostgresStore needs connectionString (or DATABASE_URL) or a pool.');
    }
    const { Pool } = await loadDriver();
    pool = new Pool({ connectionString, max: options.max ?? 10 });
    // An idle connection the server closed (a restart, a failover) is dropped and replaced by the pool; without
    // a listener, pg's 'error' event would end the host's process.
    pool.on?.('error', () => {});
  }
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
      try {
        await client.query('BEGIN');
        const result = await work(queryOn(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A connection whose ROLLBACK fails is in an unknown state: drop it rather than reuse it.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(!rolledBack);
        throw error;
      }
    },
    close: async () => {
      if (ownsPool) await pool.end();
    },
  };
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

async function loadDriver(): Promise<{ Pool: new (config: { connectionString: string; max: number }) => PgPool }> {
  try {
    const pg = (await import('pg')) as unknown as { default?: unknown; Pool?: unknown };
    return (pg.Pool ? pg : pg.default) as { Pool: new (config: { connectionString: string; max: number }) => PgPool };
  } catch (error) {
    throw new TokenStoreError('driver_missing', 'The PostgreSQL store needs pg: npm install pg', { cause: error });
  }
}
