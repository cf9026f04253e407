// What a production database does to the PostgreSQL store, done for real to a server of this file's own (the
// shared one of `npm run test:node` serves other files meanwhile): a restart and terminated backends while 8
// host processes refresh 3 connections, a stalled server (SIGSTOP), and max_connections exhausted. Counted:
// processes that died, calls that failed untyped, connections left needs_reauthorization, calls that succeed
// afterwards. No timings are asserted; each phase lasts until every process has made its attempts through it.
// (kill -9 of a host process mid-refresh: refresh-crash.test.ts.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  createPostgresStore,
  getConnectionState,
  isTokenStoreError,
  refreshTokens,
  saveTokenResponse,
} from '../../../src/server/index.js';
import { type SqlTokenStore } from '../../../src/server/store.js';
import type { FaultCounts, FaultWorkerConfig } from '../support/fault-worker.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { useSandbox } from '../support/sandbox.js';
import { TEST_KEY_A } from '../support/test-stores.js';
import { until } from '../../support/until.js';

const PROCESSES = 8;
const CONNECTIONS = ['c1', 'c2', 'c3'];
/** Short bounds, so that a fault shows within the test's few seconds. */
const BOUNDS = {
  leaseMs: 3_000,
  lockTimeoutMs: 8_000,
  connectTimeoutMs: 500,
  queryTimeoutMs: 500,
  writeDeadlineMs: 8_000,
};
const WORKER = fileURLToPath(new URL('../support/fault-worker.ts', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: PostgresServer;
const sandbox = useSandbox();
before(async () => {
  server = await startPostgres({ maxConnections: 60 });
});
after(() => server.stop());

function openStore(options: Record<string, number> = {}): Promise<SqlTokenStore> {
  return createPostgresStore({ ...BOUNDS, ...options, connectionString: server.url, keys: TEST_KEY_A, env: {} });
}

describe('restart and terminated backends under load', () => {
  const children: ChildProcess[] = [];
  after(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  test(`${PROCESSES} processes refreshing ${CONNECTIONS.length} connections: no process dies, every failure is typed, nothing needs reauthorization, calls succeed again`, async () => {
    const store = await openStore();
    for (const key of CONNECTIONS) {
      await saveTokenResponse(store, key, await sandbox.connect({ user_id: key }, 'ongoing/access'), sandbox.clock.now);
    }
    const config: FaultWorkerConfig = {
      target: server.url,
      keys: TEST_KEY_A,
      apiUrl: sandbox.url,
      storeOptions: { ...BOUNDS, max: 3 },
    };
    const exits: (number | string | null)[] = [];
    const counts: FaultCounts[] = [];
    const progress = Array.from({ length: PROCESSES }, () => ({ attempts: 0, okAfterMark: 0 }));
    await Promise.all(
      Array.from({ length: PROCESSES }, async (_, i) => {
        const child = fork(WORKER, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
        children.push(child);
        child.on(
          'message',
          (message: { type: string; counts?: FaultCounts; attempts?: number; okAfterMark?: number }) => {
            if (message.type === 'counts') counts.push(message.counts!);
            if (message.type === 'progress')
              progress[i] = { attempts: message.attempts!, okAfterMark: message.okAfterMark! };
          },
        );
        child.once('exit', (code, signal) => exits.push(signal ?? code));
        await new Promise<void>((resolve) => child.once('message', () => resolve()));
      }),
    );

    // Each phase lasts until every process has made `n` more attempts through it (or one has died), not a time.
    const through = (n: number, phase: string) => {
      const from = progress.map((p) => p.attempts);
      return until(
        () => exits.length > 0 || progress.every((p, i) => p.attempts >= from[i]! + n),
        `every process through ${phase}`,
        60_000,
      );
    };
    for (const child of children) child.send({ type: 'run', keys: CONNECTIONS, now: sandbox.clock.now() });
    await through(20, 'the load');
    await server.restart();
    await through(5, 'the restart');
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    const terminated = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'",
    );
    await admin.end();
    assert.ok(terminated.rows.length > 0, 'there were backends to terminate');
    await through(5, 'the terminated backends');
    for (const child of children) child.send({ type: 'mark' });
    // Recovered: 5 successes each after the faults (a process that never recovers fails the check below).
    await until(() => exits.length > 0 || progress.every((p) => p.okAfterMark >= 5), 'recovery', 60_000).catch(
      () => {},
    );
    for (const child of children) child.send({ type: 'stop' });
    await until(() => counts.length === PROCESSES || exits.length > 0, 'every count', 60_000);

    assert.deepEqual(exits, [], 'no host process ended');
    const sum = (pick: (c: FaultCounts) => number) => counts.reduce((total, c) => total + pick(c), 0);
    const typed: Record<string, number> = {};
    for (const c of counts) for (const [code, n] of Object.entries(c.typed)) typed[code] = (typed[code] ?? 0) + n;
    assert.equal(
      sum((c) => c.raw),
      0,
      `untyped errors: ${counts.flatMap((c) => c.rawMessages).join(' | ')}`,
    );
    assert.deepEqual(
      counts.map((c) => c.api),
      Array(PROCESSES).fill({}),
      'the API was never asked with a dead token',
    );
    assert.equal(
      sum((c) => c.needsReauthorization),
      0,
      'no connection was marked for reauthorization',
    );
    assert.ok(Object.values(typed).reduce((a, b) => a + b, 0) > 0, 'the faults reached the callers (typed)');
    for (const code of Object.keys(typed)) assert.ok(['unavailable', 'timeout', 'busy'].includes(code), code);
    assert.ok(
      counts.every((c) => c.okAfterMark > 0),
      'every process succeeds again after the faults, without a restart',
    );
    for (const key of CONNECTIONS) {
      assert.equal((await getConnectionState({ store, key, now: sandbox.clock.now })).status, 'active');
      assert.ok(await refreshTokens({ store, key, client: sandbox.client, now: sandbox.clock.now }));
    }
    console.log(`fault suite: ${sum((c) => c.ok)} refreshes, typed failures ${JSON.stringify(typed)}`);

    for (const child of children) child.send({ type: 'close' });
    await until(() => exits.length === PROCESSES, 'every process closed', 60_000);
    assert.deepEqual(exits, Array(PROCESSES).fill(0));
    children.length = 0;
    await store.close();
  });
});

describe('the database fails between the API answer and the write', () => {
  test('the rotated token is written once the database is back: kept, active, and it refreshes again', async () => {
    const store = await openStore();
    await saveTokenResponse(
      store,
      'blip',
      await sandbox.connect({ user_id: 'blip' }, 'ongoing/access'),
      sandbox.clock.now,
    );
    let issued: string | undefined;
    let restarting: Promise<void> | undefined;
    const blinking = sandbox.clientWith({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (String(init.body).includes('refresh_token') && !restarting) {
          issued = ((await response.clone().json()) as { refresh_token: string }).refresh_token;
          restarting = server.restart(); // the API has rotated; now the database goes away
          await until(async () => !(await reachable(server.url)), 'the database refusing connections');
        }
        return response;
      },
    });
    const refreshed = await refreshTokens({ store, key: 'blip', client: blinking, now: sandbox.clock.now });
    await restarting;
    assert.equal(refreshed?.refreshToken, issued);
    const stored = await store.get('blip');
    assert.equal(stored?.tokens.refreshToken, issued, 'the rotated refresh token is the stored one');
    assert.equal(stored?.status, 'active');
    assert.ok(await refreshTokens({ store, key: 'blip', client: sandbox.client, now: sandbox.clock.now }));
    await store.close();
  });
});

describe('a stalled server', () => {
  test('every call fails with a typed timeout before the server resumes, and succeeds after', async () => {
    const store = await openStore({ max: 4 });
    await store.set('stall', { accessToken: 'a', refreshToken: 'r', expiresAt: Date.UTC(2030, 0, 1) });
    const unsettled = Symbol('unsettled');
    let outcomes: unknown[];
    server.signalAll('SIGSTOP');
    try {
      // Reads on the pooled connection (query timeout) and on new ones (connect timeout), and a delete.
      const calls = [...Array.from({ length: 6 }, () => store.get('stall')), store.delete('stall')].map((call) =>
        call.then(
          () => 'succeeded',
          (error: unknown) => (isTokenStoreError(error) ? error.code : `raw: ${String(error)}`),
        ),
      );
      // Resumed after 15 s at the latest, whatever happened: a call still pending then is counted as such.
      const cap = sleep(15_000).then(() => unsettled);
      outcomes = await Promise.all(calls.map((call) => Promise.race([call, cap])));
    } finally {
      server.signalAll('SIGCONT');
    }
    assert.deepEqual(outcomes, Array(7).fill('timeout'), 'typed timeouts, all before the server resumed');
    assert.equal((await store.get('stall'))?.tokens.accessToken, 'a', 'working again, the row intact');
    await store.close();
  });
});

describe('max_connections exhausted', () => {
  test('a store that cannot get a connection fails typed (unavailable), then works once connections are free', async () => {
    const hogs: pg.Client[] = [];
    try {
      for (let i = 0; i < 100; i++) {
        const hog = new pg.Client({ connectionString: server.url });
        hog.on('error', () => {});
        try {
          await hog.connect();
          hogs.push(hog);
        } catch (error) {
          assert.equal((error as { code?: string }).code, '53300', 'too many clients');
          break;
        }
      }
      await assert.rejects(
        openStore(),
        (error: unknown) => isTokenStoreError(error) && error.code === 'unavailable' && error.retryable,
      );
    } finally {
      await Promise.all(hogs.map((hog) => hog.end()));
    }
    const store = await openStore();
    assert.equal(await store.get('nobody'), undefined);
    await store.close();
  });
});

/** Whether a new connection to `url` is accepted now. */
async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {}); // refused or cut: the answer is false
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
