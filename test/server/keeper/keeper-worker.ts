/**
 * One keeper worker process for the multi-process tests and the benchmark: the PostgreSQL token store, the
 * pg-boss queue, the shared rate limit, and a host that writes what it is handed into `host_changes` (the parent creates it) in the
 * keeper's transaction. The clock is the parent's: stepped over IPC (`{type:'clock', now}`, acknowledged), or
 * the sandbox's scaled clock, computed here from the same numbers.
 *
 * With `stallBeforeCommit`, the first page it would commit is announced (`{type:'committing'}`) and never
 * committed: the parent SIGKILLs the process there.
 */
import pg from 'pg';
import { scaledNow } from 'nrich-connect/sandbox';
import { createNrichClient, createPostgresStore } from '../../../src/server/index.js';
import {
  createKeeper,
  databaseFromPgPool,
  rateLimitedFetch,
  sqlRateLimit,
  transactionChanges,
} from '../../../src/server/keeper/index.js';

export interface KeeperWorkerConfig {
  keeperUrl: string;
  storeUrl: string;
  tokenKeys: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  callsPerSecond: number;
  schedule: { renewMarginMs?: number; syncEveryMs?: number; consentMs?: number; consentNoticeMs?: number };
  expireInSeconds: number;
  dispatchEveryMs: number;
  batchSize?: number;
  /** The token store's pool size in this worker. Default 6. */
  storePoolMax?: number;
  /** Stepped by the parent over IPC, or the sandbox's scaled clock (`sandbox.clock.state().scaled` + offset). */
  clock:
    { kind: 'stepped'; now: number } | { kind: 'scaled'; epoch: number; speed: number; origin: number; offset: number };
  stallBeforeCommit?: boolean;
}

export type KeeperWorkerMessage =
  | { type: 'ready' }
  | { type: 'clock-ack'; now: number }
  /** `unwritten`: refreshes the API has answered that this worker has not stored yet (what a kill now burns). */
  | { type: 'committing'; key: string; unwritten: number; oldestMs: number }
  | { type: 'notice'; key: string; reason: string; at?: number }
  | { type: 'synced'; key: string; scheduledAt: number; lagMs: number }
  | { type: 'failure'; key: string; message: string }
  | { type: 'stopped'; granted: number };

const config = JSON.parse(process.argv[2] ?? '{}') as KeeperWorkerConfig;
const send = (message: KeeperWorkerMessage): void => void process.send?.(message);

let stepped = config.clock.kind === 'stepped' ? config.clock.now : 0;
const clock = config.clock;
const now = clock.kind === 'stepped' ? () => stepped : () => scaledNow(clock);

const pool = new pg.Pool({ connectionString: config.keeperUrl, max: 6 });
const database = databaseFromPgPool(pool, config.keeperUrl);
const limit = sqlRateLimit(database, { callsPerSecond: config.callsPerSecond });
const client = createNrichClient({
  baseUrl: config.apiUrl,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
  fetch: rateLimitedFetch(limit, async (input, init) => {
    const response = await fetch(input, init);
    const refresh = String(input).endsWith('/auth/token') && String(init?.body).includes('grant_type=refresh_token');
    if (refresh && response.ok) answered.push(performance.now());
    return response;
  }),
  retry: { retries: 6, baseDelayMs: 50, maxDelayMs: 5_000 },
});
// Refreshes answered by the API and not yet stored, oldest first: the kill test reports how many a kill burns.
const answered: number[] = [];
const store = await createPostgresStore({
  connectionString: config.storeUrl,
  keys: config.tokenKeys,
  max: config.storePoolMax ?? 6,
});

const storeWrite = store.write.bind(store);
store.write = async (hold, write) => {
  await storeWrite(hold, write);
  if ('tokens' in write) answered.shift();
};

let stall = config.stallBeforeCommit === true;
const keeper = createKeeper({
  store,
  client,
  fetchChanges: transactionChanges(client),
  database,
  queue: {
    kind: 'pg-boss',
    connectionString: config.keeperUrl,
    expireInSeconds: config.expireInSeconds,
    maintenanceIntervalSeconds: 1,
    retryDelaySeconds: 1,
    ...(config.batchSize === undefined ? {} : { batchSize: config.batchSize }),
  },
  schedule: config.schedule,
  now,
  dispatchEveryMs: config.dispatchEveryMs,
  async onChanges(page, { key, tx }) {
    for (const [kind, list] of [
      ['added', page.added],
      ['modified', page.modified],
      ['removed', page.removed],
    ] as const) {
      for (const item of list) {
        await tx.query(`insert into host_changes (key, transaction_id, kind) values ($1, $2, $3)`, [
          key,
          item.transaction_id,
          kind,
        ]);
      }
    }
    if (stall) {
      stall = false;
      send({
        type: 'committing',
        key,
        unwritten: answered.length,
        oldestMs: performance.now() - (answered[0] ?? performance.now()),
      });
      await new Promise(() => {}); // the parent kills this process here, mid-transaction
    }
  },
  onNeedsUser: (notice) => send({ type: 'notice', ...notice }),
  onSynced: (report) =>
    send({
      type: 'synced',
      key: report.key,
      scheduledAt: report.scheduledAt,
      lagMs: report.startedAt - report.scheduledAt,
    }),
  onFailure: (key, error) =>
    send({ type: 'failure', key, message: error instanceof Error ? error.message : String(error) }),
});

await keeper.start();

process.on('message', (message: { type: string; now?: number }) => {
  if (message.type === 'stall') stall = true; // the next page is announced and never committed
  if (message.type === 'clock' && message.now !== undefined) {
    stepped = message.now;
    send({ type: 'clock-ack', now: stepped });
  }
  if (message.type === 'stop') {
    void keeper
      .stop()
      .then(async () => {
        send({ type: 'stopped', granted: limit.granted });
        await store.close();
        await database.close();
      })
      .finally(() => process.exit(0));
  }
});
send({ type: 'ready' });
