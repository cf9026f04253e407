/**
 * One keeper worker process for the multi-process tests and the benchmark: the PostgreSQL token store, the
 * pg-boss queue, the shared rate limit, and a host that writes what it is handed into `host_changes` (the parent creates it) in the
 * keeper's transaction. The clock is the parent's: stepped over IPC (`{type:'clock', now}`, acknowledged), or
 * the sandbox's scaled clock, computed here from the same numbers.
 *
 * With `stallBeforeCommit` (or after `{type:'stall'}`), the next page it would commit is announced
 * (`{type:'committing'}`) and never committed: the parent SIGKILLs the process there. After `{type:'kill'}`, the
 * process SIGKILLs itself at the next page it commits (`where: 'commit'`) or at once (`'anywhere'`), having first
 * written to `killReport` (synchronously, so the figures are those of the instant it dies) how many refreshes it
 * had in flight.
 */
import { writeFileSync } from 'node:fs';
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
  /** The keeper's `refreshesAtOnce`. */
  refreshesAtOnce?: number;
  /** Where the worker writes `KillReport` before it SIGKILLs itself (`{type:'kill'}`). */
  killReport?: string;
}

/**
 * Refreshes in flight when the process died: sent to the API and not stored (the API may have rotated the token),
 * and of those, answered (it has). An answered one may still survive: its write may be on its way to PostgreSQL.
 */
export interface KillReport {
  sent: number;
  answered: number;
}

export type KeeperWorkerMessage =
  | { type: 'ready' }
  | { type: 'clock-ack'; now: number }
  | { type: 'committing'; key: string }
  | { type: 'notice'; key: string; reason: string; at?: number }
  | { type: 'synced'; key: string; scheduledAt: number; lagMs: number }
  | { type: 'failure'; key: string; message: string }
  /**
   * `windows`: for each refresh, ms from sending it to the API to the stored write (what a kill meanwhile burns);
   * `seconds`: how long the process ran.
   */
  | { type: 'stopped'; granted: number; windows: number[]; seconds: number };

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
    const request = String(input).endsWith('/auth/token') ? (JSON.parse(String(init?.body)) as TokenRequest) : {};
    const used = request.grant_type === 'refresh_token' ? request.refresh_token : undefined;
    if (used !== undefined) sent.set(used, performance.now());
    const response = await fetch(input, init).catch((error: unknown) => {
      if (used !== undefined) sent.delete(used); // not answered: maybe rotated, but this process lives on
      throw error;
    });
    if (used !== undefined && response.ok) answered.add(used);
    else if (used !== undefined) sent.delete(used);
    return response;
  }),
  retry: { retries: 6, baseDelayMs: 50, maxDelayMs: 5_000 },
});
// Refreshes sent to the API and not stored yet, by the refresh token they used, with when they were sent; those
// the API has answered (rotated for sure). What a kill now burns. `windows`: how long each took to be stored.
type TokenRequest = { grant_type?: string; refresh_token?: string };
const sent = new Map<string, number>();
const answered = new Set<string>();
const windows: number[] = [];
const store = await createPostgresStore({
  connectionString: config.storeUrl,
  keys: config.tokenKeys,
  max: config.storePoolMax ?? 6,
});

const storeWrite = store.write.bind(store);
store.write = async (hold, write) => {
  await storeWrite(hold, write);
  const used = hold.connection.tokens.refreshToken;
  const at = sent.get(used);
  if (at === undefined) return;
  sent.delete(used);
  answered.delete(used);
  windows.push(Math.round(performance.now() - at));
};

let stall = config.stallBeforeCommit === true;
let kill = false;
function die(): void {
  const report: KillReport = { sent: sent.size, answered: answered.size };
  if (config.killReport) writeFileSync(config.killReport, JSON.stringify(report));
  process.kill(process.pid, 'SIGKILL');
}
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
  ...(config.refreshesAtOnce === undefined ? {} : { refreshesAtOnce: config.refreshesAtOnce }),
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
    if (kill) die(); // mid-transaction, with whatever else is in flight
    if (stall) {
      stall = false;
      send({ type: 'committing', key });
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

process.on('message', (message: { type: string; now?: number; where?: 'commit' | 'anywhere' }) => {
  if (message.type === 'stall') stall = true; // the next page is announced and never committed
  if (message.type === 'kill' && message.where === 'anywhere') die();
  if (message.type === 'kill') kill = true;
  if (message.type === 'clock' && message.now !== undefined) {
    stepped = message.now;
    send({ type: 'clock-ack', now: stepped });
  }
  if (message.type === 'stop') {
    void keeper
      .stop()
      .catch((error: unknown) => console.error('keeper worker: stop failed', error)) // the figures still go
      .then(async () => {
        // Exiting before a large message is written would lose it: wait until it is handed over.
        const stopped: KeeperWorkerMessage = {
          type: 'stopped',
          granted: limit.granted,
          windows,
          seconds: process.uptime(),
        };
        await new Promise((sent) => process.send?.(stopped, sent));
        await store.close();
        await database.close();
      })
      .finally(() => process.exit(0));
  }
});
send({ type: 'ready' });
