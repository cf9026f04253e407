/**
 * The keeper's database handle (the SQL store's `SqlDatabase` shape) over a `pg` pool or a PGlite instance, so
 * the keeper's SQL is written once. Typed structurally: the kit's types need neither driver.
 */
import type { PgPool } from '../tokens/stores/postgres.js';
import type { SqlDatabase, SqlQueryable } from '../tokens/stores/sql-database.js';

/** A `pg.Pool` as the keeper's database; `close()` ends the pool. Idle-client errors are listened to. */
export function databaseFromPgPool(pool: PgPool, scope = 'postgres'): SqlDatabase {
  pool.on?.('error', () => {}); // a dropped idle connection is replaced; its error shows in the next query
  const on = (target: Pick<PgPool, 'query'>): SqlQueryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      return (await target.query(sql, params ? [...params] : undefined)).rows as Row[];
    },
  });
  return {
    scope,
    shared: true,
    ...on(pool),
    async transaction(work) {
      const client = await pool.connect();
      const onError = (): void => {};
      client.on?.('error', onError);
      let failed: Error | undefined;
      try {
        await client.query('begin');
        const result = await work(on(client));
        await client.query('commit');
        return result;
      } catch (error) {
        failed = error instanceof Error ? error : new Error(String(error));
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.off?.('error', onError);
        client.release(failed);
      }
    },
    close: () => pool.end(),
  };
}

interface PGliteLike {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  transaction<T>(
    work: (tx: { query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

/** A PGlite instance (one process) as the keeper's database: the embedded keeper. */
export function databaseFromPGlite(pglite: PGliteLike, scope = 'pglite'): SqlDatabase {
  const on = (target: Pick<PGliteLike, 'query'>): SqlQueryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      return (await target.query<Row>(sql, params ? [...params] : undefined)).rows;
    },
  });
  return {
    scope,
    shared: false,
    ...on(pglite),
    transaction: (work) => pglite.transaction((tx) => work(on(tx))),
    close: () => pglite.close(),
  };
}
