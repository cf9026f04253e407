// Three keeper worker processes (pg-boss on the test PostgreSQL, the PostgreSQL token store) keep 120 ongoing
// connections for four days of sandbox time, stepped six hours at a time. One worker is SIGKILLed in the middle
// of committing a page. Counted afterwards: connections lapsed, refresh tokens used twice, transactions handed
// over (against what the API holds), API calls per second against the limit, and calls during a Retry-After.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPostgresStore, saveTokenResponse } from '../../../src/server/index.js';
import type { SqlDatabase, SqlTokenStore } from '../../../src/server/store.js';
import { createKeeper, migrateKeeper } from '../../../src/server/keeper/index.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from '../support/sandbox.js';
import { TEST_KEY_A } from '../support/test-stores.js';
import { backlog, forkKeeperWorker, setClock, startLoggingProxy, stopWorkers, type KeeperWorker } from './fleet.js';
import type { KeeperWorkerConfig } from './keeper-worker.js';
import { DAY, postgresDatabase, truthProblems } from './support.js';
import { until } from '../../support/until.js';

const CONNECTIONS = 120;
const WORKERS = 3;
const CALLS_PER_SECOND = 100;
const HOURS = 3_600_000;

let proxy: Awaited<ReturnType<typeof startLoggingProxy>>;
let pgdb: Awaited<ReturnType<typeof postgresDatabase>>;
let database: SqlDatabase;
let store: SqlTokenStore;
let workers: KeeperWorker[] = [];
const keys: string[] = [];

const sandbox = useSandbox(async ({ url }) => {
  proxy = await startLoggingProxy(url);
});

before(async () => {
  pgdb = await postgresDatabase();
  database = pgdb.database;
  await migrateKeeper(database);
  await database.query(
    `create table host_changes (key text not null, transaction_id text not null, kind text not null)`,
  );
  store = await createPostgresStore({ connectionString: pgdb.url, keys: TEST_KEY_A });
  // The parent only registers connections; the workers do the keeping.
  const registrar = createKeeper({
    store,
    client: sandbox.client,
    fetchChanges: () => Promise.reject(new Error('not used')),
    database,
    queue: { kind: 'local' },
    now: sandbox.clock.now,
    onChanges: async () => {},
  });
  for (const { connectionId, tokens } of sandbox.sandbox.populate({ connections: CONNECTIONS })) {
    await saveTokenResponse(store, connectionId, tokens, sandbox.clock.now);
    await registrar.track(connectionId, { consentExpiresAt: tokens.consent_expires_at });
    keys.push(connectionId);
  }
});

after(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await store?.close();
  await pgdb?.drop();
  await proxy?.close();
});

function config(overrides: Partial<KeeperWorkerConfig> = {}): KeeperWorkerConfig {
  return {
    keeperUrl: pgdb.url,
    storeUrl: pgdb.url,
    tokenKeys: TEST_KEY_A,
    apiUrl: proxy.url,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    callsPerSecond: CALLS_PER_SECOND,
    schedule: { renewMarginMs: 30 * DAY, syncEveryMs: 6 * HOURS },
    expireInSeconds: 3,
    dispatchEveryMs: 100,
    batchSize: 10,
    clock: { kind: 'stepped', now: sandbox.clock.now() },
    ...overrides,
  };
}

async function step(ms: number): Promise<void> {
  sandbox.clock.advance(ms);
  await setClock(workers, sandbox.clock.now());
  await until(async () => (await backlog(database, sandbox.clock.now())) === 0, 'the workers drain', 120_000);
}

test(`${WORKERS} workers, ${CONNECTIONS} connections, 4 days, one worker SIGKILLed mid-commit: none lapses, no refresh token used twice, every transaction added exactly once, the limit kept`, async () => {
  workers = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) => forkKeeperWorker(config({ stallBeforeCommit: i === 0 }))),
  );
  const victim = workers[0]!;
  const killed = victim.next('committing').then(() => victim.child.kill('SIGKILL'));

  await setClock(workers, sandbox.clock.now());
  await until(async () => (await backlog(database, sandbox.clock.now())) === 0, 'the first syncs', 120_000);
  await killed;
  assert.equal(await victim.exited, 'SIGKILL', 'the worker died holding an uncommitted page');
  for (let hours = 6; hours <= 96; hours += 6) await step(6 * HOURS);

  // None lapsed: every connection active, its refresh token renewed (each sync refreshes the 1-hour access token).
  for (const key of keys) {
    const connection = await store.get(key);
    assert.equal(connection?.status, 'active', `${key} is active`);
    assert.ok(connection.tokens.refreshExpiresAt! > sandbox.clock.now() + 80 * DAY, `${key} renewed`);
  }
  // Counted at the sandbox: no refresh token used after it was rotated away.
  const { totals } = sandbox.sandbox.counters();
  assert.equal(totals.doubleRefreshes, 0, 'no refresh token used twice');
  assert.ok(totals.refreshes >= CONNECTIONS * 16, 'a refresh per sync (the access token lives an hour)');

  // Exactly once, against the sandbox's ground truth, after everyone's last sync.
  const duplicates = await database.query(
    `select key, transaction_id, kind, count(*) from host_changes group by 1, 2, 3 having count(*) > 1`,
  );
  assert.deepEqual(duplicates, [], 'no transaction added (or removed) twice');
  const rows = await database.query<{ key: string; transaction_id: string; kind: string }>(
    `select key, transaction_id, kind from host_changes`,
  );
  const added = new Map<string, number>();
  const removed = new Map<string, number>();
  const held = new Map<string, Set<string>>(keys.map((key) => [key, new Set<string>()]));
  for (const row of rows) {
    if (row.kind === 'added') {
      added.set(row.transaction_id, (added.get(row.transaction_id) ?? 0) + 1);
      held.get(row.key)?.add(row.transaction_id);
    }
    if (row.kind === 'removed') removed.set(row.transaction_id, (removed.get(row.transaction_id) ?? 0) + 1);
  }
  for (const row of rows) if (row.kind === 'removed') held.get(row.key)?.delete(row.transaction_id);
  const problems = keys.flatMap((key) =>
    truthProblems(key, sandbox.sandbox.groundTruth(key), held.get(key)!, added, removed),
  );
  assert.deepEqual(problems, []);
  assert.ok(removed.size > 0, 'pending transactions booked or disappeared meanwhile, and the host saw it');

  // The limit: in no one-second window did more calls reach the API than the limit plus what is held locally.
  const times = proxy.calls.map((call) => call.at).sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    worst = Math.max(worst, i - j + 1);
  }
  const slack = CALLS_PER_SECOND / 10 + WORKERS * 5;
  assert.ok(worst <= CALLS_PER_SECOND + slack, `at most ${CALLS_PER_SECOND + slack} calls in a second; saw ${worst}`);
});

test('a 503 with Retry-After from the API pauses every worker, not just the one told', async () => {
  const firstCall = proxy.calls.length;
  sandbox.sandbox.fail({ path: '/rest/transactions', status: 503, retryAfter: 2, times: 1 });
  await step(6 * HOURS);
  const calls = proxy.calls.slice(firstCall);
  const refused = calls.find((call) => call.status === 503);
  assert.ok(refused, 'the API answered 503 once');
  // Calls that had already taken their token may land just after; none starts inside the pause's body.
  const during = calls.filter((call) => call.at > refused.at + 250 && call.at < refused.at + 1_750);
  assert.deepEqual(during, [], 'no worker called the API during the 2 s it was asked to wait');
  const later = calls.filter((call) => call.at >= refused.at + 1_750);
  assert.ok(later.length >= CONNECTIONS - 1, 'the work went on after the pause');
  const senders = new Set(workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null));
  assert.ok(senders.size >= 2, 'at least two live workers shared the pause');
  const failures = workers.flatMap((w) => w.messages.filter((m) => m.type === 'failure'));
  assert.deepEqual(failures, [], 'nothing dead-lettered');
  await stopWorkers(workers);
});
