/**
 * The demo's keeper, run as a host runs it embedded (docs/keeper.md): one process, the local queue, its tables
 * on PGlite (in the demo's data directory, so a restart keeps cursors and the host's copy; in memory without
 * one). It syncs each connection at most every 6 hours of the API's clock and writes the changes into the
 * host's own table, `demo_transactions`, with the keeper's `tx`: each change lands exactly once, together with
 * the cursor. The page reads that copy, never the API, for its transaction list.
 */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createNrichClient, type TokenStore } from '../../src/server/index.js';
import {
  createKeeper,
  databaseFromPGlite,
  memoryRateLimit,
  rateLimitedFetch,
  transactionChanges,
  type ChangesPage,
  type KeptConnection,
} from '../../src/server/keeper/index.js';

/** What the page is shown of one connection's sync. */
interface SyncView {
  /** The keeper's view; undefined until the connection is tracked. */
  connection: KeptConnection | undefined;
  /** The host's copy, newest first (at most `limit`). */
  transactions: Record<string, unknown>[];
}

export interface DemoKeeper {
  /** Keeps `key` from now on and syncs it at once (the first sync is due when tracked). */
  track(key: string): Promise<void>;
  /** Tracks `key` unless the keeper already keeps it: a connection made before the keeper knew it. */
  adopt(key: string): Promise<KeptConnection>;
  view(key: string, limit: number): Promise<SyncView>;
  close(): Promise<void>;
}

const HOST_TABLE = `
create table if not exists demo_transactions (
  connection text not null,
  id text not null,
  booking_date text not null,
  arrived bigserial,
  body jsonb not null,
  primary key (connection, id)
)`;

type Change = ChangesPage<{ transaction_id: string; booking_date?: string }>;

export async function startDemoKeeper(options: {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  store: TokenStore;
  /** The API's clock: the sandbox's (time-lapse included) or real time. */
  now: () => number;
  /** Keep the keeper's tables here; in memory without it. */
  dataDirectory?: string;
  /** Told when a connection's work failed after every retry. */
  onFailure?: (key: string, error: unknown) => void;
}): Promise<DemoKeeper> {
  const pglite = options.dataDirectory
    ? await PGlite.create(join(options.dataDirectory, 'keeper'))
    : await PGlite.create();
  const database = databaseFromPGlite(pglite);
  await database.query(HOST_TABLE);
  // The keeper's own client, so that its calls count against its limit and never slow the page's requests.
  const client = createNrichClient({
    baseUrl: options.apiUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    fetch: rateLimitedFetch(memoryRateLimit({ callsPerSecond: 10 })),
  });
  const keeper = createKeeper({
    store: options.store,
    client,
    fetchChanges: transactionChanges(client),
    database,
    queue: { kind: 'local' },
    now: options.now,
    // Runs in the transaction that stores the new cursor: the copy and the cursor move together.
    async onChanges(page: Change, { key, tx }) {
      for (const gone of page.removed) {
        await tx.query('delete from demo_transactions where connection = $1 and id = $2', [key, gone.transaction_id]);
      }
      for (const changed of page.modified) {
        await tx.query('update demo_transactions set body = $3 where connection = $1 and id = $2', [
          key,
          changed.transaction_id,
          JSON.stringify(changed),
        ]);
      }
      // A plain insert: a change delivered twice would fail loudly here, not hide as a duplicate row.
      for (const added of page.added) {
        await tx.query('insert into demo_transactions (connection, id, booking_date, body) values ($1, $2, $3, $4)', [
          key,
          added.transaction_id,
          added.booking_date ?? '',
          JSON.stringify(added),
        ]);
      }
    },
    onFailure: options.onFailure,
  });
  await keeper.start();

  return {
    async track(key) {
      await keeper.track(key);
      await keeper.dispatch();
    },
    async adopt(key) {
      const kept = await keeper.connection(key);
      if (kept) return kept;
      await keeper.track(key);
      await keeper.dispatch();
      const tracked = await keeper.connection(key);
      if (!tracked) throw new Error('The keeper did not keep the connection.');
      return tracked;
    },
    async view(key, limit) {
      const rows = await database.query<{ body: Record<string, unknown> | string }>(
        `select body from demo_transactions where connection = $1
         order by booking_date desc, arrived desc limit $2`,
        [key, limit],
      );
      return {
        connection: await keeper.connection(key),
        transactions: rows.map((row) => (typeof row.body === 'string' ? JSON.parse(row.body) : row.body)),
      };
    },
    async close() {
      await keeper.stop();
      await database.close();
    },
  };
}
