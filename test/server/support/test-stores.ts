/**
 * The two real stores the server tests run the same suites over: the embedded store (PGlite in a fresh temp
 * directory) and the PostgreSQL store (a fresh database on the server `npm run test:node` started; a file run
 * on its own starts a server of its own). Every store here seals with a test key.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEmbeddedStore, createPostgresStore } from '../../../src/server/index.js';
import { type EmbeddedStoreOptions, type PostgresStoreOptions } from '../../../src/server/store.js';
import { createTokenCipher, SqlTokenStore } from '../../../src/server/store.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';
import { schemaDatabase } from './shared-pglite.js';

export type StoreKind = 'embedded' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['embedded', 'postgres'];

/** Two 32-byte test keys in the NRICH_TOKEN_KEYS format. */
export const TEST_KEY_A = `a:${Buffer.alloc(32, 1).toString('base64')}`;
export const TEST_KEY_B = `b:${Buffer.alloc(32, 2).toString('base64')}`;

/** Where one store kind keeps its data in one test file: a directory or a database. */
export interface StoreLocation {
  kind: StoreKind;
  /** The directory (embedded) or the database URL (postgres). */
  target: string;
  /** Opens a store object on it; as many as a test likes, each closed by `cleanup`. */
  open(options?: OpenOptions): Promise<SqlTokenStore>;
  /** Every byte of the stored data as text: the data files (embedded) or the tables' rows (postgres). */
  rawText(): Promise<string>;
  /** Runs SQL on the data directly, behind the store's back (embedded: closes this location's stores first). */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  cleanup(): Promise<void>;
}

/** What a test may pass to a store it opens (the rest is the location's). */
export type OpenOptions = Omit<EmbeddedStoreOptions & PostgresStoreOptions, 'directory' | 'connectionString' | 'pool'>;

/** The test key unless a test passes `keys` (even as undefined: then the store reads `env`). */
function keysOf(options: OpenOptions): OpenOptions['keys'] {
  return 'keys' in options ? options.keys : TEST_KEY_A;
}

let server: PostgresServer | undefined;

async function postgresUrl(): Promise<string> {
  const given = process.env.NRICH_TEST_POSTGRES_URL;
  if (given) return given;
  if (!server) {
    server = await startPostgres();
    // Stopped however this file's process ends: normally, or killed by the runner's timeout or Ctrl-C.
    process.once('exit', () => server?.stop());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server?.stop();
        process.exit(1);
      });
    }
  }
  return server.url;
}

/**
 * A location on the process's one shared PGlite (a fresh schema; ./shared-pglite.ts): the SQL store as the
 * embedded store runs it, without a cold start of its own. For suites that need a fresh database per test; the
 * embedded store's own matters (its directory, lock and files) need `storeLocation('embedded')`.
 */
export async function sharedLocation(): Promise<StoreLocation> {
  const database = await schemaDatabase();
  const opened: SqlTokenStore[] = [];
  return {
    kind: 'embedded',
    target: database.scope,
    async open(options = {}) {
      const { keys, env, insecurePlaintextTokens, ...settings } = { ...options, keys: keysOf(options) };
      const cipher = await createTokenCipher({
        keys,
        env: env ?? {},
        ...(insecurePlaintextTokens ? { insecurePlaintextTokens } : {}),
      });
      const store = await SqlTokenStore.open(database, cipher, settings);
      opened.push(store);
      return store;
    },
    async rawText() {
      const tables = ['nrich_connections', 'nrich_pending_flows'];
      const rows = await Promise.all(
        tables.map((table) => database.raw<{ row: string }>(`SELECT t::text AS row FROM ${table} t`)),
      );
      return rows
        .flat()
        .map((row) => row.row)
        .join('\n');
    },
    sql: (text, params = []) => database.raw<Record<string, unknown>>(text, params),
    async cleanup() {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    },
  };
}

export async function storeLocation(kind: StoreKind): Promise<StoreLocation> {
  const opened: SqlTokenStore[] = [];
  const track = async (store: Promise<SqlTokenStore>): Promise<SqlTokenStore> => {
    const ready = await store;
    opened.push(ready);
    return ready;
  };
  const closeAll = async (): Promise<void> => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  };

  if (kind === 'embedded') {
    const directory = mkdtempSync(join(tmpdir(), 'nrich-embedded-'));
    return {
      kind,
      target: directory,
      open: (options = {}) =>
        track(createEmbeddedStore({ ...options, directory, keys: keysOf(options), env: options.env ?? {} })),
      async rawText() {
        // latin1: any byte sequence, a token's included, is findable in the text.
        return readdirSync(directory, { withFileTypes: true, recursive: true })
          .filter((entry) => entry.isFile())
          .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'latin1'))
          .join('\n');
      },
      async sql(text, params = []) {
        await closeAll(); // one PGlite per directory: the store's must be closed first
        const { PGlite } = await import('@electric-sql/pglite');
        const db = await PGlite.create(join(directory, 'pgdata'));
        try {
          return (await db.query<Record<string, unknown>>(text, params)).rows;
        } finally {
          await db.close();
        }
      },
      async cleanup() {
        await closeAll();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }

  const base = await postgresUrl();
  const name = `nrich_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const target = url.href;
  const direct = new pg.Pool({ connectionString: target, max: 2 });
  // DROP DATABASE … WITH (FORCE) at the end ends every connection to it: expected, not a failure.
  direct.on('error', () => {});
  return {
    kind,
    target,
    open: (options = {}) =>
      track(
        createPostgresStore({
          ...options,
          connectionString: target,
          keys: keysOf(options),
          env: options.env ?? {},
        }),
      ),
    async rawText() {
      const tables = ['nrich_connections', 'nrich_pending_flows'];
      const rows = await Promise.all(tables.map((table) => direct.query(`SELECT t::text AS row FROM ${table} t`)));
      return rows.flatMap((result) => result.rows.map((row: { row: string }) => row.row)).join('\n');
    },
    sql: async (text, params) => (await direct.query<Record<string, unknown>>(text, params)).rows,
    async cleanup() {
      await closeAll();
      await direct.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
