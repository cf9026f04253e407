// The keeper in one process (the embedded default: the local queue, its tables on PGlite) against the sandbox,
// on the sandbox's clock moved a day at a time: every connection renewed inside its window and none lapses,
// changes handed over once, a refused token reported once and not retried, a reconnect picked up, and the
// consent's end told ahead of time and once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, saveTokenResponse, type Transaction } from '../../../src/server/index.js';
import { createKeeper, type FetchChanges } from '../../../src/server/keeper/index.js';
import { useSandbox } from '../support/sandbox.js';
import { DAY, drain, memoryDatabase, RecordingHost } from './support.js';

const sandbox = useSandbox();

/** Changes as offsets into the connection's transaction list (the sandbox's data does not change). */
function offsetChanges(): FetchChanges<Transaction> {
  return async ({ accessToken }, cursor) => {
    const offset = Number(cursor ?? 0);
    const page = await sandbox.client.listTransactions(accessToken, { count: 25, offset });
    const added = page.transactions;
    return { added, modified: [], removed: [], cursor: String(offset + added.length), hasMore: added.length === 25 };
  };
}

async function setUp(keys: string[], schedule: Parameters<typeof createKeeper>[0]['schedule']) {
  const store = new MemoryTokenStore();
  const database = await memoryDatabase();
  const host = new RecordingHost<Transaction>();
  const renewals: string[] = [];
  const keeper = createKeeper<Transaction>({
    store,
    client: sandbox.client,
    fetchChanges: offsetChanges(),
    database,
    queue: { kind: 'local', concurrency: 4, retryDelaySeconds: 0.01 },
    schedule,
    now: sandbox.clock.now,
    dispatchEveryMs: 3_600_000, // the test dispatches itself
    onChanges: host.onChanges,
    onNeedsUser: host.onNeedsUser,
    onRenewed: (key) => renewals.push(key),
    onFailure: (key, error) => console.error('FAIL', key, error),
  });
  await keeper.start();
  for (const key of keys) {
    await saveTokenResponse(store, key, await sandbox.connect({ user_id: key }, 'ongoing/access'), sandbox.clock.now);
    await keeper.track(key);
  }
  const close = async () => {
    await keeper.stop();
    await database.close();
  };
  return { store, keeper, host, renewals, close };
}

test('over 200 days with syncs every 70 days: every refresh token renewed inside its window, none lapses, each transaction added once', async () => {
  const keys = Array.from({ length: 12 }, (_, i) => `user-${i}`);
  const { store, keeper, host, renewals, close } = await setUp(keys, {
    renewMarginMs: 30 * DAY,
    syncEveryMs: 70 * DAY,
    consentMs: 400 * DAY,
  });
  try {
    await drain(keeper);
    const firstDelivery = host.added.size;
    assert.ok(firstDelivery > 0, 'the first sync hands over the transactions');
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
    assert.deepEqual(
      [...host.added.values()].filter((n) => n !== 1),
      [],
      'every transaction added exactly once',
    );
    assert.equal(host.added.size, firstDelivery, 'later syncs add nothing: the data did not change');
    assert.deepEqual(host.notices, []);
  } finally {
    await close();
  }
});

test('a refused refresh token is reported once and not retried; a reconnect is picked up without the host calling track', async () => {
  const { store, keeper, host, close } = await setUp(['refused'], {
    renewMarginMs: 30 * DAY,
    syncEveryMs: 100 * DAY,
    consentMs: 400 * DAY,
    recheckMs: DAY / 4,
  });
  try {
    await drain(keeper);
    sandbox.clock.advance(61 * DAY); // the renewal is due
    sandbox.sandbox.fail({
      path: '/auth/token',
      status: 400,
      body: JSON.stringify({ error: { code: 'invalid_grant', message: 'refresh token revoked' } }),
    });
    await drain(keeper);
    assert.deepEqual(host.notices, [{ key: 'refused', reason: 'invalid_grant' }]);
    assert.equal((await keeper.connection('refused'))?.waiting, 'invalid_grant');

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
      'refused',
      await sandbox.connect({ user_id: 'refused' }, 'ongoing/access'),
      sandbox.clock.now,
    );
    const synced = (await keeper.connection('refused'))?.lastSyncedAt;
    sandbox.clock.advance(DAY / 2);
    await drain(keeper);
    const after = await keeper.connection('refused');
    assert.equal(after?.waiting, undefined, 'no longer waiting');
    assert.ok((after?.lastSyncedAt ?? 0) > (synced ?? 0), 'synced again after the reconnect');
    assert.deepEqual(after?.reported, [], 'a later refusal would be told again');
  } finally {
    await close();
  }
});

test('the consent: told once ahead of time, then once when it ends; the connection then waits for its user', async () => {
  const { keeper, host, close } = await setUp(['consent'], {
    renewMarginMs: 30 * DAY,
    syncEveryMs: DAY / 4, // a job every day: the notice must still be told once
    consentMs: 40 * DAY,
    consentNoticeMs: 10 * DAY,
  });
  try {
    const connectedAt = sandbox.clock.now();
    await drain(keeper);
    for (let day = 1; day <= 60; day++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
      const reasons = host.notices.map((n) => n.reason);
      if (day < 30) assert.deepEqual(reasons, [], `day ${day}`);
      else if (day < 40) assert.deepEqual(reasons, ['consent_expiring'], `day ${day}`);
      else assert.deepEqual(reasons, ['consent_expiring', 'consent_expired'], `day ${day}`);
    }
    assert.equal(host.notices[0]?.at, connectedAt + 40 * DAY, 'the notice says when the consent ends');
    assert.equal((await keeper.connection('consent'))?.waiting, 'consent_expired');
  } finally {
    await close();
  }
});
