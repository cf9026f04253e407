/**
 * The embedded default: the SQL store on PGlite (PostgreSQL compiled to WASM) in a local directory. No server,
 * survives restarts, one process at a time (an atomic lock refuses a second one: `directory-lock.ts`). Within a process, every store
 * opened on one directory shares one database, so building a store per request is safe.
 *
 * `@electric-sql/pglite` and `proper-lockfile` are optional peer dependencies, loaded only when this store is created.
 */
import { checkOptions, NrichConfigError } from '../../errors.js';
import { createTokenCipher, type TokenCipherOptions } from '../token-cipher.js';
import { lockDirectory, STALE_MS } from './directory-lock.js';
import type { SqlDatabase, SqlQueryable } from './sql-database.js';
import { SqlTokenStore, type SqlTokenStoreOptions } from './sql-store.js';
import { TokenStoreError } from '../store-error.js';

export interface EmbeddedStoreOptions extends TokenCipherOptions, SqlTokenStoreOptions {
  /** Created if missing; holds the database (`pgdata/`) and the lock (`store.lock/`). */
  directory: string;
  /**
   * How long opening waits for the lock of a process that died to lapse (a restart right after a crash)
   * before it is refused with `store_in_use`. Default 7 000 ms; 0 refuses at once.
   */
  lockWaitMs?: number;
}

interface PGliteLike extends SqlQueryableDriver {
  transaction<T>(work: (tx: SqlQueryableDriver) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
interface SqlQueryableDriver {
  query<Row>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Open databases of this process by directory, with how many stores use each. */
const open = new Map<string, { database: Promise<SqlDatabase>; users: number }>();

export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<SqlTokenStore> {
  checkOptions(options, 'createEmbeddedStore');
  if (typeof options.directory !== 'string' || options.directory === '') {
    throw new NrichConfigError('directory', 'must be the path of a directory for the store.');
  }
  const { lockWaitMs } = options;
  if (lockWaitMs !== undefined && (typeof lockWaitMs !== 'number' || !(lockWaitMs >= 0))) {
    throw new NrichConfigError('lockWaitMs', 'must be a number of ms, 0 or more.');
  }
  const cipher = await createTokenCipher(options);
  const { resolve } = await import('node:path');
  const directory = resolve(options.directory);
  let entry = open.get(directory);
  if (!entry) {
    entry = { database: openDatabase(directory, options.lockWaitMs ?? STALE_MS + 2_000), users: 0 };
    open.set(directory, entry);
    entry.database.catch(() => open.delete(directory));
  }
  entry.users += 1;
  try {
    return await SqlTokenStore.open(shareOf(directory, await entry.database), cipher, options);
  } catch (error) {
    await release(directory);
    throw error;
  }
}

async function openDatabase(directory: string, lockWaitMs: number): Promise<SqlDatabase> {
  const { mkdir } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(directory, { recursive: true });
  const { PGlite } = await loadDriver();
  const lock = await lockDirectory(directory, lockWaitMs); // before PGlite reads or writes anything there
  const unlock = (): Promise<void> => lock.release();
  try {
    const pglite = (await PGlite.create(join(directory, 'pgdata'))) as unknown as PGliteLike;
    const adapt = (driver: SqlQueryableDriver): SqlQueryable => ({
      query: async <Row>(sql: string, params: readonly unknown[] = []) => {
        if (lock.lost) throw new TokenStoreError('store_in_use', `The embedded store's lock on ${directory} was lost.`);
        return (await driver.query<Row>(sql, [...params])).rows;
      },
    });
    return {
      ...adapt(pglite),
      scope: `pglite:${directory}`,
      shared: false,
      transaction: (work) => pglite.transaction((tx) => work(adapt(tx))),
      async close() {
        await pglite.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}

/** A handle whose close() only closes the database when the last store on it closes. */
function shareOf(directory: string, database: SqlDatabase): SqlDatabase {
  let closed = false;
  return {
    ...database,
    async close() {
      if (closed) return;
      closed = true;
      await release(directory);
    },
  };
}

async function release(directory: string): Promise<void> {
  const entry = open.get(directory);
  if (!entry || --entry.users > 0) return;
  open.delete(directory);
  await (await entry.database).close();
}

async function loadDriver(): Promise<{ PGlite: { create(dataDir: string): Promise<unknown> } }> {
  try {
    return await import('@electric-sql/pglite');
  } catch (error) {
    throw new TokenStoreError(
      'driver_missing',
      'The embedded store needs @electric-sql/pglite: npm install @electric-sql/pglite',
      {
        cause: error,
      },
    );
  }
}
