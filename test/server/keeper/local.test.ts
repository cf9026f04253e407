// The keeper in one process (the embedded default: the local queue, its tables on PGlite) against the sandbox,
// on the sandbox's clock moved a day at a time: every connection renewed inside its window and none lapses,
// changes handed over once, a refused token reported once and not retried, a reconnect picked up, and the
// consent's end told ahead of time and once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, saveTokenResponse } from '../../../src/server/index.js';
import { createKeeper, transactionChanges } from '../../../src/server/keeper/index.js';
import { useSandbox } from '../support/sandbox.js';
import type { SqlDatabase } from '../../../src/server/store.js';
import { DAY, drain, memoryDatabase, RecordingHost, truthProblems } from './support.js';

const sandbox = useSandbox();

async function setUp(
  count: number,
  schedule: Parameters<typeof createKeeper>[0]['schedule'],
  consentDays = 180,
  wrap: (database: SqlDatabase) => SqlDatabase = (database) => database,
) {
  const store = new MemoryTokenStore();
  const database = wrap(await memoryDatabase());
  const host = new RecordingHost();
  const renewals: string[] = [];
  const failures: string[] = [];
  const keeper = createKeeper({
    store,
    client: sandbox.client,
    fetchChanges: transactionChanges(sandbox.client),
    database,
    queue: { kind: 'local', concurrency: 4, retryDelaySeconds: 0.01 },
    schedule,
    now: sandbox.clock.now,
    dispatchEveryMs: 3_600_000, // the test dispatches itself
    onChanges: host.onChanges,
    onNeedsUser: host.onNeedsUser,
    onRenewed: (key) => renewals.push(key),
    onFailure: (key) => failures.push(key),
  });
  await keeper.start();
  const keys: string[] = [];
  for (const { connectionId, tokens } of sandbox.sandbox.populate({ connections: count, consentDays })) {
    await saveTokenResponse(store, connectionId, tokens, sandbox.clock.now);
    await keeper.track(connectionId, { consentExpiresAt: tokens.consent_expires_at });
    keys.push(connectionId);
  }
  const close = async () => {
    await keeper.stop();
    await database.close();
  };
  return { keys, store, keeper, host, renewals, failures, close };
}

test('over 200 days with syncs every 70 days: every refresh token renewed inside its window, none lapses, the host ends equal to the API', async () => {
  const { keys, store, keeper, host, renewals, close } = await setUp(
    12,
    { renewMarginMs: 30 * DAY, syncEveryMs: 70 * DAY },
    365,
  );
  try {
    await drain(keeper);
    assert.ok(host.added.size > 0, 'the first sync hands over the transactions');
    for (let day = 1; day <= 200; day++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
      for (const key of keys) {
        const connection = await store.get(key);
        assert.equal(connection?.status, 'active', `day ${day}: ${key} is active`);
        const left = connection.tokens.refreshExpiresAt! - sandbox.clock.now();
        // Renewed when 30 days are left, checked daily: never less than 29 days left at the end of a day.
        assert.ok(left > 29 * DAY, `day ${day}: ${key} has ${left / DAY} days left`);
      }
    }
    // Day 60 (renewal), 70 (sync), 130 (renewal), 140 (sync), 200 (renewal): three renewals of the keeper's own.
    for (const key of keys) assert.equal(renewals.filter((k) => k === key).length, 3, `${key} renewed 3 times`);
    assert.equal(host.duplicatePages, 0, 'no page handed over twice');
    for (const key of keys) await keeper.track(key); // sync everyone now, to compare with the API's list
    await drain(keeper);
    const problems = keys.flatMap((key) =>
      truthProblems(key, sandbox.sandbox.groundTruth(key), host.byKey.get(key) ?? new Set(), host.added, host.removed),
    );
    assert.deepEqual(problems, []);
    assert.ok(host.removed.size > 0, 'pending transactions that booked or disappeared were seen');
    assert.deepEqual(sandbox.sandbox.counters().totals.doubleRefreshes, 0);
    assert.deepEqual(host.notices, []);
  } finally {
    await close();
  }
});

test('a refused refresh token is reported once and not retried; a reconnect is picked up without the host calling track', async () => {
  const { keys, store, keeper, host, close } = await setUp(1, {
    renewMarginMs: 30 * DAY,
    syncEveryMs: 100 * DAY,
    recheckMs: DAY / 4,
  });
  const key = keys[0]!;
  try {
    await drain(keeper);
    sandbox.clock.advance(61 * DAY); // the renewal is due
    sandbox.sandbox.fail({
      path: '/auth/token',
      status: 400,
      body: JSON.stringify({ error: { code: 'invalid_grant', message: 'refresh token revoked' } }),
    });
    await drain(keeper);
    assert.deepEqual(host.notices, [{ key, reason: 'invalid_grant' }]);
    assert.equal((await keeper.connection(key))?.waiting, 'invalid_grant');

    const tokenCalls = () => sandbox.sandbox.requests.filter((r) => r.path === '/auth/token').length;
    const before = tokenCalls();
    for (let i = 0; i < 20; i++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
    }
    assert.equal(tokenCalls(), before, 'no refresh attempted while the connection waits for its user');
    assert.equal(host.notices.length, 1, 'told once');

    // The user connects again with the element: the host stores the new tokens as usual, nothing else.
    await saveTokenResponse(
      store,
      key,
      await sandbox.connect({ user_id: 'again' }, 'ongoing/access'),
      sandbox.clock.now,
    );
    const synced = (await keeper.connection(key))?.lastSyncedAt;
    sandbox.clock.advance(DAY / 2);
    await drain(keeper);
    const after = await keeper.connection(key);
    assert.equal(after?.waiting, undefined, 'no longer waiting');
    assert.ok((after?.lastSyncedAt ?? 0) > (synced ?? 0), 'synced again after the reconnect');
    assert.deepEqual(after?.reported, [], 'a later refusal would be told again');
  } finally {
    await close();
  }
});

test('the consent: told once ahead of time (its date from the token response), then once when it ends; the connection then waits for its user', async () => {
  const { keys, keeper, host, close } = await setUp(
    1,
    {
      renewMarginMs: 30 * DAY,
      syncEveryMs: DAY / 4, // a job every day: the notice must still be told once
      consentNoticeMs: 10 * DAY,
    },
    40,
  );
  const key = keys[0]!;
  try {
    const endsAt = (await keeper.connection(key))?.consentEndsAt;
    assert.ok(endsAt !== undefined && Math.abs(endsAt - (sandbox.clock.now() + 40 * DAY)) < 1_000);
    await drain(keeper);
    for (let day = 1; day <= 60; day++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
      const reasons = host.notices.map((n) => n.reason);
      if (day < 30) assert.deepEqual(reasons, [], `day ${day}`);
      else if (day < 40) assert.deepEqual(reasons, ['consent_expiring'], `day ${day}`);
      else assert.deepEqual(reasons, ['consent_expiring', 'consent_expired'], `day ${day}`);
    }
    assert.equal(host.notices[0]?.at, endsAt, 'the notice says when the consent ends');
    assert.equal((await keeper.connection(key))?.waiting, 'consent_expired');
  } finally {
    await close();
  }
});

test('without a date from track, the consent end comes from the stored token response, not the default 180 days', async () => {
  const { keys, keeper, store, host, close } = await setUp(
    1,
    { renewMarginMs: 30 * DAY, syncEveryMs: DAY / 4, consentNoticeMs: 10 * DAY },
    40,
  );
  const key = keys[0]!;
  try {
    await keeper.track(key); // as a host that passes nothing
    assert.equal((await keeper.connection(key))?.consentEndsAt, undefined);
    const endsAt = (await store.get(key))?.tokens.consentExpiresAt;
    assert.ok(endsAt !== undefined && Math.abs(endsAt - (sandbox.clock.now() + 40 * DAY)) < 1_000);
    await drain(keeper);
    for (let day = 1; day <= 30; day++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
    }
    assert.deepEqual(host.notices, [{ key, reason: 'consent_expiring', at: endsAt }]);
  } finally {
    await close();
  }
});

test('a connection whose sync keeps failing is retried with backoff, then dead-lettered: told once, tried again a day later, never in a loop', async () => {
  const { keys, keeper, failures, close } = await setUp(1, { renewMarginMs: 30 * DAY, syncEveryMs: DAY / 4 });
  const key = keys[0]!;
  const calls = () => sandbox.sandbox.requests.filter((r) => r.path === '/rest/transactions').length;
  try {
    // Every transactions call fails for a while (500: the client does not retry it; the queue retries 4 times).
    sandbox.sandbox.fail({ path: '/rest/transactions', status: 500, times: 1_000 });
    const before = calls();
    await drain(keeper);
    assert.deepEqual(failures, [key], 'dead-lettered once');
    assert.equal(calls() - before, 5, 'the attempt and its 4 retries, no more');
    const row = await keeper.connection(key);
    assert.ok(row && row.syncAt >= sandbox.clock.now() + DAY - 1, 'tried again a day later');
    sandbox.clock.advance(DAY / 2);
    await drain(keeper);
    assert.equal(calls() - before, 5, 'nothing in between');
  } finally {
    sandbox.sandbox.reset();
    await close();
  }
});

test('a dead letter whose handling fails (the database away for a moment) is handled again: told once, tried a day later', async () => {
  let refusals = 0;
  const { keys, keeper, failures, close } = await setUp(
    1,
    { renewMarginMs: 30 * DAY, syncEveryMs: DAY / 4 },
    180,
    (db) => ({
      ...db,
      async query<Row>(sql: string, params?: readonly unknown[]) {
        // The dead letter's reschedule (the failing sync never gets that far) meets a database that is away, twice.
        if (/^update nrich_keeper_connections set renew_at/.test(sql) && refusals < 2) {
          refusals += 1;
          throw new Error('connection terminated');
        }
        return db.query<Row>(sql, params);
      },
    }),
  );
  const key = keys[0]!;
  try {
    sandbox.sandbox.fail({ path: '/rest/transactions', status: 500, times: 1_000 });
    await drain(keeper);
    assert.equal(refusals, 2, 'the reschedule failed twice');
    assert.deepEqual(failures, [key], 'told once, after the reschedule held');
    const row = await keeper.connection(key);
    assert.ok(row && row.syncAt >= sandbox.clock.now() + DAY - 1, 'tried again a day later');
    sandbox.sandbox.reset();
    sandbox.clock.advance(DAY);
    await drain(keeper);
    assert.ok((await keeper.connection(key))?.lastSyncedAt !== undefined, 'kept again: synced the next day');
  } finally {
    sandbox.sandbox.reset();
    await close();
  }
});
