// The keeper's dead-letter path on pg-boss and the test PostgreSQL: two keepers (two workers) share the queue;
// one connection's work always fails. Its job is retried with backoff (pg-boss's own), then dead-lettered: the
// host is told once (not once per worker, not once per retry), the connection waits a day (no attempt in
// between), and the other connections sync as usual. Counted: attempts per connection, jobs in pg-boss's table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, saveTokenResponse } from '../../../src/server/index.js';
import {
  createKeeper,
  KEEPER_DEAD_LETTER,
  KEEPER_QUEUE,
  transactionChanges,
  type FetchChanges,
  type Keeper,
} from '../../../src/server/keeper/index.js';
import { useSandbox } from '../support/sandbox.js';
import { DAY, drain, postgresDatabase, RecordingHost } from './support.js';

const sandbox = useSandbox();
const RETRY_LIMIT = 2;
const RETRY_DELAY_SECONDS = 1;

let pgdb: Awaited<ReturnType<typeof postgresDatabase>>;
before(async () => {
  pgdb = await postgresDatabase();
});
after(async () => {
  await pgdb?.drop();
});

test('pg-boss: a connection whose work always fails is retried with backoff, dead-lettered, told once across two workers, tried again a day later; the others sync', async () => {
  const store = new MemoryTokenStore();
  const host = new RecordingHost();
  const failures: { key: string; error: unknown }[] = [];
  /** Real times (performance.now) at which each connection's changes were asked for. */
  const attempts = new Map<string, number[]>();
  const real = transactionChanges(sandbox.client);
  let broken = '';
  const fetchChanges: FetchChanges = async (connection, cursor) => {
    attempts.set(connection.key, [...(attempts.get(connection.key) ?? []), performance.now()]);
    if (connection.key === broken) throw new Error('the bank behind this connection is down');
    return real(connection, cursor);
  };
  const keepers: Keeper[] = [0, 1].map(() =>
    createKeeper({
      store,
      client: sandbox.client,
      fetchChanges,
      database: pgdb.database,
      queue: {
        kind: 'pg-boss',
        connectionString: pgdb.url,
        retryLimit: RETRY_LIMIT,
        retryDelaySeconds: RETRY_DELAY_SECONDS,
        expireInSeconds: 20,
        maintenanceIntervalSeconds: 1,
      },
      schedule: { renewMarginMs: 30 * DAY, syncEveryMs: DAY / 4 },
      now: sandbox.clock.now,
      dispatchEveryMs: 3_600_000, // the test dispatches itself
      onChanges: host.onChanges,
      onFailure: (key, error) => failures.push({ key, error }),
    }),
  );
  const [keeper, other] = keepers as [Keeper, Keeper];
  const tries = (key: string) => attempts.get(key)?.length ?? 0;
  try {
    await keeper.start();
    await other.start();
    const keys: string[] = [];
    for (const { connectionId, tokens } of sandbox.sandbox.populate({ connections: 4 })) {
      await saveTokenResponse(store, connectionId, tokens, sandbox.clock.now);
      await keeper.track(connectionId, { consentExpiresAt: tokens.consent_expires_at });
      keys.push(connectionId);
    }
    broken = keys[0]!;
    const healthy = keys.slice(1);

    await drain(keeper, 'the first syncs and the retries drain');
    assert.equal(tries(broken), RETRY_LIMIT + 1, 'the attempt and its retries, no more');
    const times = attempts.get(broken)!;
    // pg-boss's backoff: retry n waits at least retryDelay × 2^(n−1) after the failure before it.
    for (let n = 1; n <= RETRY_LIMIT; n++) {
      const waited = times[n]! - times[n - 1]!;
      assert.ok(waited >= RETRY_DELAY_SECONDS * 2 ** (n - 1) * 1000 - 20, `retry ${n} waited ${waited} ms`);
    }
    assert.equal(failures.length, 1, 'the host is told once, by one of the two workers');
    assert.equal(failures[0]?.key, broken);
    const told = failures[0]?.error as Error;
    assert.match(
      told.message,
      /the bank behind this connection is down/,
      'the last attempt’s error, not a placeholder',
    );
    assert.deepEqual(told.cause, { name: 'Error', message: 'the bank behind this connection is down' });
    const jobs = await pgdb.database.query<{ name: string; state: string; retry_count: number }>(
      `select name, state, retry_count from pgboss.job where data->>'key' = $1 order by name`,
      [broken],
    );
    assert.deepEqual(
      jobs.map((job) => [job.name, job.state, job.retry_count]),
      [
        [KEEPER_QUEUE, 'failed', RETRY_LIMIT],
        [KEEPER_DEAD_LETTER, 'completed', 0],
      ],
      'one job failed after its retries, one dead letter handled once',
    );
    const row = await keeper.connection(broken);
    assert.ok(row && Math.min(row.syncAt, row.renewAt) >= sandbox.clock.now() + DAY - 1_000, 'tried again a day later');
    assert.equal(row.waiting, undefined, 'not parked: it does not need its user');

    for (const key of healthy) {
      assert.equal(tries(key), 1, `${key}: synced at the first try`);
      assert.ok((await keeper.connection(key))?.lastSyncedAt !== undefined, `${key} synced`);
      assert.ok((host.byKey.get(key)?.size ?? 0) > 0, `${key}: its transactions handed over`);
    }

    // Half a day: the healthy ones sync twice more (every 6 hours); the broken one is left alone.
    for (let quarter = 1; quarter <= 2; quarter++) {
      sandbox.clock.advance(DAY / 4);
      await drain(keeper, `quarter ${quarter} drains`);
    }
    assert.equal(tries(broken), RETRY_LIMIT + 1, 'no attempt before its day is over');
    for (const key of healthy) assert.equal(tries(key), 3, `${key}: synced on its schedule`);

    // The day is over: one more round of attempts, dead-lettered again and told again (once).
    sandbox.clock.advance(DAY / 2);
    await drain(keeper, 'the next day drains');
    assert.equal(tries(broken), 2 * (RETRY_LIMIT + 1), 'tried again after a day, with its retries');
    assert.deepEqual(
      failures.map((failure) => failure.key),
      [broken, broken],
    );
    assert.equal(host.duplicatePages, 0, 'no page handed over twice');
  } finally {
    await Promise.all(keepers.map((k) => k.stop()));
  }
});
