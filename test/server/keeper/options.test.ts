// Bad keeper settings are refused at construction with the kit's typed configuration error, naming the setting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, NrichConfigError } from '../../../src/server/index.js';
import { createKeeper, memoryRateLimit, sqlRateLimit } from '../../../src/server/keeper/index.js';
import { memoryDatabase } from './support.js';

test('a schedule, a consent date or a rate the keeper cannot keep is an NrichConfigError naming the setting', async () => {
  const database = await memoryDatabase();
  const base = {
    store: new MemoryTokenStore(),
    client: { refreshToken: () => Promise.reject(new Error('not called')) },
    fetchChanges: () => Promise.reject(new Error('not called')),
    database,
    queue: { kind: 'local' as const },
    onChanges: async () => {},
  };
  const refused = (setting: string) => (error: unknown) =>
    error instanceof NrichConfigError && error.setting === setting;
  for (const syncEveryMs of [3_600_000, Number.NaN, -1]) {
    assert.throws(() => createKeeper({ ...base, schedule: { syncEveryMs } }), refused('syncEveryMs'));
  }
  for (const renewMarginMs of [0, 90 * 86_400_000, Number.NaN]) {
    assert.throws(() => createKeeper({ ...base, schedule: { renewMarginMs } }), refused('renewMarginMs'));
  }
  assert.throws(() => createKeeper({ ...base, schedule: { recheckMs: 0 } }), refused('recheckMs'));
  for (const callsPerSecond of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => memoryRateLimit({ callsPerSecond }), refused('callsPerSecond'));
    assert.throws(() => sqlRateLimit(database, { callsPerSecond }), refused('callsPerSecond'));
  }
  const keeper = createKeeper(base);
  await assert.rejects(keeper.track('k', { consentExpiresAt: 'not a date' }), refused('consentExpiresAt'));
  await database.close();
});
