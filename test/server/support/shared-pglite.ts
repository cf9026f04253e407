/**
 * One embedded database (PGlite, in memory) per test process, shared by every suite in it that needs a database
 * of its own rather than the embedded store's directory: each `schemaDatabase()` is a fresh schema of it, so a
 * suite that opens many stores pays PGlite's cold start (WASM boot and initdb) once, not once per store. Tests of
 * the embedded store itself (its directory, its lock, its files) still use `storeLocation('embedded')`.
 */
import { PGlite } from '@electric-sql/pglite';
import type { SqlDatabase, SqlQueryable } from '../../../src/server/store.js';

let shared: Promise<PGlite> | undefined;
let schemas = 0;

/** The process's one PGlite; closed when the process exits. */
export function sharedPglite(): Promise<PGlite> {
  shared ??= PGlite.create();
  return shared;
}

/**
 * A database for one suite: a fresh schema of the shared PGlite, with every statement run under its search_path
 * (in a transaction of its own, so suites never see each other's tables). `raw` runs SQL behind the store's back.
 */
export async function schemaDatabase(): Promise<SqlDatabase & { raw: SqlQueryable['query'] }> {
  const db = await sharedPglite();
  const schema = `suite_${process.pid}_${++schemas}`;
  await db.exec(`CREATE SCHEMA ${schema}`);
  const within = async <T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> =>
    db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO ${schema}`);
      return work({
        query: async <Row>(sql: string, params: readonly unknown[] = []) =>
          (await tx.query<Row>(sql, [...params])).rows,
      });
    });
  const query = <Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> =>
    within((tx) => tx.query<Row>(sql, params));
  return {
    scope: `shared-pglite:${schema}`,
    shared: false,
    query,
    raw: query,
    transaction: within,
    close: async () => {}, // the PGlite outlives the suite; the process's end closes it
  };
}
