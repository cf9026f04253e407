// `npm run bench:keeper`: N ongoing connections kept by W keeper worker processes (pg-boss on one PostgreSQL, the
// PostgreSQL token store) for D simulated days against the sandbox on a scaled clock, with the sandbox's API
// rate limit. Prints, per worker count: renewals (refreshes), syncs, API calls, calls/s against the limit (over
// the seconds when work was waiting), p99 lag of a sync behind its schedule, and the correctness counts (lapses,
// double refreshes counted at the sandbox, transactions added or removed twice, the host's copy against the
// sandbox's ground truth). A benchmark, not a test: it asserts nothing.
//
//   npm run bench:keeper -- [connections=200] [workers=1,2,4] [days=3] [limit=150] [speed=1800] [sync=6] [kill=0]
//   (or KEEPER_CONNECTIONS, KEEPER_WORKERS, KEEPER_DAYS, KEEPER_LIMIT, KEEPER_SPEED, KEEPER_SYNC_HOURS, KEEPER_KILL)
// `speed` is simulated seconds per real second; `kill=N` SIGKILLs a worker N times, evenly spread over the run,
// alternately mid-commit and wherever it is (each replaced by a new one), and prints what each kill could burn:
// the refreshes it had in flight (sent to the API, their new tokens not yet stored).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type TruthTransaction } from 'nrich-connect/sandbox';
import { createNrichClient, createPostgresStore, saveTokenResponse } from '../src/server/index.js';
import { createKeeper, databaseFromPgPool, migrateKeeper } from '../src/server/keeper/index.js';
import { backlog, forkKeeperWorker, stopWorkers, type KeeperWorker } from '../test/server/keeper/fleet.js';
import type { KillReport } from '../test/server/keeper/keeper-worker.js';
import { TEST_KEY_A } from '../test/server/support/test-stores.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function setting(name: string, env: string, fallback: string): string {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`${name}=`));
  return arg?.slice(name.length + 1) ?? process.env[env] ?? fallback;
}
const CONNECTIONS = Number(setting('connections', 'KEEPER_CONNECTIONS', '200'));
const WORKER_COUNTS = setting('workers', 'KEEPER_WORKERS', '1,2,4').split(',').map(Number);
const DAYS = Number(setting('days', 'KEEPER_DAYS', '3'));
const LIMIT = Number(setting('limit', 'KEEPER_LIMIT', '150'));
const SPEED = Number(setting('speed', 'KEEPER_SPEED', '1800'));
/** The host's cadence: hours between two syncs of a connection (the keeper's floor is 6). */
const SYNC_HOURS = Number(setting('sync', 'KEEPER_SYNC_HOURS', '6'));
/** Connections each worker's token store pool may open, and jobs each worker fetches at once. */
const STORE_POOL = Number(setting('storepool', 'KEEPER_STORE_POOL', '6'));
const BATCH = Number(setting('batch', 'KEEPER_BATCH', '25'));
/** The keeper's `refreshesAtOnce` in each worker (its default when not set). */
const SLOTS = setting('slots', 'KEEPER_SLOTS', '');
const KILLS = Number(setting('kill', 'KEEPER_KILL', '0'));
/** The keeper is told a little less than the API allows: its bucket and the API's do not tick together. */
const KEEPER_LIMIT = Math.max(1, Math.floor(LIMIT * 0.95));

const base = process.env.NRICH_TEST_POSTGRES_URL;
if (!base) throw new Error('run through npm run bench:keeper (it starts PostgreSQL)');

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Listed by the API at time `t` (the truth's history: pending → booked/disappeared, or booked). */
function listedAt(tx: TruthTransaction, t: number): boolean {
  const [first, end] = tx.history.map((h) => Date.parse(h.at));
  return first! <= t && (end === undefined || t < end);
}

async function run(workerCount: number): Promise<Record<string, string | number>> {
  const name = `keeper_bench_${workerCount}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base!);
  url.pathname = `/${name}`;
  const database = databaseFromPgPool(new pg.Pool({ connectionString: url.href, max: 4 }), url.href);
  const callSeconds = new Map<number, number>();
  const sandbox = await startSandbox({
    clock: { epoch: Date.UTC(2025, 0, 6), speed: SPEED },
    rateLimit: { perSecond: LIMIT },
    requestLog: false,
    onRequest: (record) => {
      if (record.status === 429 || !/^\/(rest|auth)\//.test(record.url)) return;
      const second = Math.floor(Date.now() / 1000);
      callSeconds.set(second, (callSeconds.get(second) ?? 0) + 1);
    },
  });
  const client = createNrichClient({
    baseUrl: sandbox.url,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
  });
  await migrateKeeper(database);
  await database.query(
    `create table host_changes (key text not null, transaction_id text not null, kind text not null)`,
  );
  const store = await createPostgresStore({ connectionString: url.href, keys: TEST_KEY_A });
  const registrar = createKeeper({
    store,
    client,
    fetchChanges: () => Promise.reject(new Error('not used')),
    database,
    queue: { kind: 'local' },
    now: () => sandbox.clock.now(),
    onChanges: async () => {},
  });
  const keys: string[] = [];
  // Connected over the last 60 days: refresh tokens lapse at different times, some within the renewal margin.
  for (const { connectionId, tokens, connectedAt } of sandbox.populate({ connections: CONNECTIONS, spreadDays: 60 })) {
    await saveTokenResponse(store, connectionId, tokens, () => Date.parse(connectedAt));
    await registrar.track(connectionId, { consentExpiresAt: tokens.consent_expires_at });
    keys.push(connectionId);
  }
  const scaled = sandbox.clock.state();
  const reports = mkdtempSync(join(tmpdir(), 'keeper-kills-'));
  const fork = (index: number) =>
    forkKeeperWorker({
      keeperUrl: url.href,
      storeUrl: url.href,
      tokenKeys: TEST_KEY_A,
      apiUrl: sandbox.url,
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      callsPerSecond: KEEPER_LIMIT,
      schedule: { renewMarginMs: 30 * DAY, syncEveryMs: SYNC_HOURS * HOUR },
      expireInSeconds: 45, // above the store's 30 s lease: a job waiting out a killed worker's lease is not expired
      dispatchEveryMs: 250,
      batchSize: BATCH,
      storePoolMax: STORE_POOL,
      ...(SLOTS === '' ? {} : { refreshesAtOnce: Number(SLOTS) }),
      clock: { kind: 'scaled', ...scaled.scaled!, offset: scaled.offset },
      killReport: join(reports, `${index}.json`),
    });
  const workers: KeeperWorker[] = await Promise.all(Array.from({ length: workerCount }, (_, i) => fork(i)));
  /** Every worker that ran, the killed ones too: their messages count. */
  const ran = [...workers];
  const simStart = sandbox.clock.now();
  const realStart = Date.now();
  const busySeconds = new Set<number>();
  const kills: (KillReport & { atDay: number })[] = [];
  for (;;) {
    const now = sandbox.clock.now();
    if (now >= simStart + DAYS * DAY) break;
    if ((await backlog(database, now)) > 0) busySeconds.add(Math.floor(Date.now() / 1000));
    if (kills.length < KILLS && now >= simStart + ((kills.length + 1) * DAYS * DAY) / (KILLS + 1)) {
      // The victim kills itself (at its next commit, or at once), having written what dies with it; a new worker
      // takes its place.
      const slot = kills.length % workerCount;
      const victim = workers[slot]!;
      const where = kills.length % 2 === 0 ? 'commit' : 'anywhere';
      victim.child.send({ type: 'kill', where });
      await victim.exited;
      const report = JSON.parse(readFileSync(join(reports, `${ran.indexOf(victim)}.json`), 'utf8')) as KillReport;
      kills.push({ ...report, atDay: (sandbox.clock.now() - simStart) / DAY });
      console.log(
        `kill ${kills.length} (${where}, day ${kills.at(-1)!.atDay.toFixed(1)}): ${report.sent} refreshes in flight, ${report.answered} of them answered`,
      );
      workers[slot] = await fork(ran.length);
      ran.push(workers[slot]);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the poll itself costs PostgreSQL time
  }
  const realSeconds = (Date.now() - realStart) / 1000;
  const simEnd = sandbox.clock.now();
  await stopWorkers(workers);

  rmSync(reports, { recursive: true, force: true });
  const synced = ran.flatMap((w) => w.messages.filter((m) => m.type === 'synced'));
  const notices = ran.flatMap((w) => w.messages.flatMap((m) => (m.type === 'notice' ? [m.reason] : [])));
  const told = (reasons: string[]) => notices.filter((reason) => reasons.includes(reason)).length;
  const failures = ran.flatMap((w) => w.messages.filter((m) => m.type === 'failure')).length;
  // How long each refresh's new tokens existed only in a worker's memory (sent to the API → stored): what a SIGKILL
  // at a random instant burns, on average, is the sum of these over the time the worker ran.
  const stopped = ran.flatMap((w) => w.messages.flatMap((m) => (m.type === 'stopped' ? [m] : [])));
  const windows = stopped.flatMap((m) => m.windows);
  const exposure = sum(windows) / 1000 / sum(stopped.map((m) => m.seconds));
  // Syncs scheduled once the workers ran (the first of each connection was due at populating: left out).
  const scheduledLags = synced.flatMap((m) => (m.type === 'synced' && m.scheduledAt >= simStart ? [m.lagMs] : []));
  const [late] = await database.query<{ n: string }>(
    `select count(*) as n from nrich_keeper_connections where sync_at <= $1`,
    [simEnd],
  );
  const { totals } = sandbox.counters();
  let lapsed = 0;
  for (const key of keys) {
    const connection = await store.get(key);
    if (connection?.status !== 'active' || (connection.tokens.refreshExpiresAt ?? 0) <= simEnd) {
      lapsed += 1;
      console.log(`lapsed: ${key}`, connection?.status, sandbox.counters().connections[key]);
    }
  }
  const [dup] = await database.query<{ n: string }>(
    `select count(*) as n from (select 1 from host_changes group by key, transaction_id, kind having count(*) > 1) d`,
  );
  // The host's copy at each connection's last committed sync against what the API listed then; transactions
  // that changed within two real seconds of that moment are left out (the fetch precedes the commit).
  const rows = await database.query<{ key: string; transaction_id: string; kind: string }>(
    `select * from host_changes`,
  );
  const lastSync = new Map(
    (
      await database.query<{ key: string; last_synced_at: string }>(
        `select key, last_synced_at from nrich_keeper_connections`,
      )
    ).map((r) => [r.key, Number(r.last_synced_at)]),
  );
  const held = new Map<string, Set<string>>();
  for (const row of rows.filter((r) => r.kind === 'added')) {
    if (!held.has(row.key)) held.set(row.key, new Set());
    held.get(row.key)!.add(row.transaction_id);
  }
  for (const row of rows.filter((r) => r.kind === 'removed')) held.get(row.key)?.delete(row.transaction_id);
  const tolerance = 2_000 * SPEED;
  let missing = 0;
  let extra = 0;
  let uncertain = 0;
  let bookedSeen = 0;
  for (const key of keys) {
    const t = lastSync.get(key) ?? 0;
    const mine = held.get(key) ?? new Set<string>();
    for (const tx of sandbox.groundTruth(key)) {
      if (tx.history.some((h) => Math.abs(Date.parse(h.at) - t) < tolerance)) {
        uncertain += 1;
        continue;
      }
      const listed = listedAt(tx, t);
      if (listed && !mine.has(tx.transaction_id)) missing += 1;
      if (!listed && mine.has(tx.transaction_id)) extra += 1;
      if (listed && tx.replaces !== undefined && mine.has(tx.transaction_id)) bookedSeen += 1;
    }
  }
  const busy = [...busySeconds].filter((s) => s > realStart / 1000 + 1 && s < Date.now() / 1000 - 1);
  const busyCalls = busy.map((s) => callSeconds.get(s) ?? 0);
  const busyRate = busyCalls.reduce((a, b) => a + b, 0) / Math.max(1, busyCalls.length);
  await store.close();
  await sandbox.close();
  await database.close();
  const cleanup = new pg.Client({ connectionString: base });
  await cleanup.connect();
  await cleanup.query(`drop database if exists ${name} with (force)`);
  await cleanup.end();
  return {
    workers: workerCount,
    'sim days': ((simEnd - simStart) / DAY).toFixed(2),
    'real s': realSeconds.toFixed(0),
    renewals: totals.refreshes,
    syncs: synced.length,
    'API calls': totals.apiCalls,
    'calls/s (all)': (totals.apiCalls / realSeconds).toFixed(1),
    'calls/s busy': busyRate.toFixed(1),
    'of limit': `${((100 * busyRate) / LIMIT).toFixed(0)} %`,
    'busy s': busy.length,
    'due, not synced at the end': Number(late?.n ?? 0),
    'p99 lag (sim h)': (percentile(scheduledLags, 99) / HOUR).toFixed(2),
    'p99 lag (real s)': (percentile(scheduledLags, 99) / SPEED / 1000).toFixed(2),
    lapsed,
    // Told the host a connection needs its user: a refused or lapsed token (0 expected: every token was kept
    // valid), and the consent's end ahead of time (expected for connections made early enough).
    'told refused/expired': told(['invalid_grant', 'expired']),
    'told consent': told(['consent_expiring', 'consent_expired']),
    'dead-lettered': failures,
    'double refreshes': totals.doubleRefreshes,
    'rate-limited': totals.limitedCalls,
    'refresh in flight ms p50/p99/max': [50, 99, 100].map((p) => percentile(windows, p).toFixed(0)).join('/'),
    'in flight per worker (mean)': exposure.toFixed(2),
    twice: Number(dup?.n ?? 0),
    missing: missing,
    extra: extra,
    'pending→booked held': bookedSeen,
    uncertain: uncertain,
    kills: kills.length,
    // What the kills could burn: lapsed is at most this when every lapse is a kill's.
    'in flight at kills': sum(kills.map((k) => k.sent)),
  };
}

console.log(
  `keeper bench: ${CONNECTIONS} connections, ${DAYS} simulated days at ${SPEED}x, a sync every ${SYNC_HOURS} h, API limit ${LIMIT}/s (keeper told ${KEEPER_LIMIT}/s), workers ${WORKER_COUNTS.join(', ')}${KILLS > 0 ? `, a worker SIGKILLed ${KILLS} times` : ''}`,
);
const results = [];
for (const count of WORKER_COUNTS) {
  const result = await run(count);
  console.log(JSON.stringify(result));
  results.push(result);
}
console.table(results);
