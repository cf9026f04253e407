// The keeper's bound on refreshes in flight (`refreshesAtOnce`, refresh-slots.ts): the span in which a refresh's
// new token exists only in the process (sent to the API, answer not yet stored) is what a SIGKILL burns, so it is
// held to N at once. Real refreshes through the kit's `refreshTokens`, on the sandbox and the memory store; the
// API's answers and the store's writes are held at gates so that the test sees who is in that span.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, refreshTokens, saveTokenResponse } from '../../../src/server/index.js';
import { limitRefreshes } from '../../../src/server/keeper/refresh-slots.js';
import { useSandbox } from '../support/sandbox.js';
import { until } from '../../support/until.js';

const sandbox = useSandbox();

/** A promise the test settles: a gate a call waits at. */
function gate(): { opened: Promise<void>; open(): void; fail(error: Error): void } {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const opened = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { opened, open, fail };
}

/** Lets every callback already due run (a call that could start now, starts), with no timer. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function connections(count: number) {
  const store = new MemoryTokenStore();
  const keys: string[] = [];
  for (const { connectionId, tokens } of sandbox.sandbox.populate({ connections: count })) {
    await saveTokenResponse(store, connectionId, tokens, sandbox.clock.now);
    keys.push(connectionId);
  }
  return { store, keys };
}

test(
  'at most N refreshes between sending and storing: the rest wait before their API call, then all land',
  { timeout: 30_000 },
  async () => {
    const { store, keys } = await connections(6);
    const answers = new Map<string, ReturnType<typeof gate>>();
    const writes = new Map<string, ReturnType<typeof gate>>();
    const sent: string[] = [];
    const client = {
      async refreshToken(refreshToken: string) {
        sent.push(refreshToken);
        answers.set(refreshToken, gate());
        await answers.get(refreshToken)!.opened;
        return sandbox.client.refreshToken(refreshToken);
      },
    };
    const slowStore = Object.assign(Object.create(store) as MemoryTokenStore, {
      write: async (...args: Parameters<MemoryTokenStore['write']>) => {
        const used = args[0].connection.tokens.refreshToken;
        writes.set(used, gate());
        await writes.get(used)!.opened;
        return store.write(...args);
      },
      hold: (key: string) => store.hold(key),
      release: (...args: Parameters<MemoryTokenStore['release']>) => store.release(...args),
      get: (key: string) => store.get(key),
    });
    const limited = limitRefreshes(slowStore, client, 2);
    const before = new Map(await Promise.all(keys.map(async (key) => [key, (await store.get(key))!.tokens] as const)));
    const refreshes = keys.map((key) =>
      refreshTokens({ store: limited.store, client: limited.client, key, now: sandbox.clock.now }),
    );

    await until(() => sent.length >= 2, 'the first refreshes sent');
    await settle();
    assert.equal(sent.length, 2, 'two refreshes sent; four wait before their API call');
    // Answered but not stored is still in flight: answering does not let the next one go.
    for (const refreshToken of sent) answers.get(refreshToken)!.open();
    await until(() => writes.size === 2, 'both answers being written'); // the sandbox answered both
    await settle();
    assert.equal(sent.length, 2, 'nothing else sent while the two answers are unstored');
    writes.get(sent[0]!)!.open();
    await until(() => sent.length >= 3, 'a refresh sent once one is stored');
    await settle();
    assert.equal(sent.length, 3, 'one stored: exactly one more is sent');

    // Let the rest through as they come.
    while (sent.length < 6 || writes.size < 6) {
      for (const refreshToken of sent) answers.get(refreshToken)!.open();
      for (const write of writes.values()) write.open();
      await settle();
    }
    for (const write of writes.values()) write.open();
    const results = await Promise.all(refreshes);
    for (const [i, key] of keys.entries()) {
      const stored = (await store.get(key))!.tokens;
      assert.notEqual(stored.refreshToken, before.get(key)!.refreshToken, `${key} rotated and stored`);
      assert.equal(stored.refreshToken, results[i]!.refreshToken);
    }
    assert.equal(sandbox.sandbox.counters().totals.doubleRefreshes, 0);
  },
);

// A place kept by a failure would leave the last refresh waiting: the timeout turns that into a failure.
test('a refresh that fails gives its place back: a network error, a refused token', { timeout: 30_000 }, async () => {
  const { store, keys } = await connections(3);
  let calls = 0;
  const client = {
    refreshToken(refreshToken: string) {
      calls += 1;
      if (calls === 1) return Promise.reject(new TypeError('fetch failed'));
      if (calls === 2) return sandbox.client.refreshToken('not-a-refresh-token');
      return sandbox.client.refreshToken(refreshToken);
    },
  };
  const limited = limitRefreshes(store, client, 1);
  const options = (key: string) => ({ store: limited.store, client: limited.client, key, now: sandbox.clock.now });

  await assert.rejects(refreshTokens(options(keys[0]!)), TypeError, 'the network error reaches the caller');
  await assert.rejects(refreshTokens(options(keys[1]!)), { name: 'ReauthorizationRequiredError' });
  assert.equal((await store.get(keys[1]!))?.status, 'needs_reauthorization', 'the refusal was written');
  // With one place, this would wait forever had either failure kept it.
  const tokens = await refreshTokens(options(keys[2]!));
  assert.equal((await store.get(keys[2]!))?.tokens.refreshToken, tokens?.refreshToken);
  assert.equal(calls, 3);
});
