// Fault injection: a host process dies (SIGKILL) after the API answered its refresh and before the store wrote
// the answer. The API has rotated the refresh token; the new one died with the process. What is recovered:
//   - the store is consistent: the row is the one before the refresh (never half written), version unchanged;
//   - nothing stays locked: the dead process held no transaction (the API call runs outside one), only a lease
//     on the row, which lapses after leaseMs (short here) and is taken over by the next caller; the embedded
//     store's directory lock, no longer renewed, goes stale and is taken over;
//   - the next refresh, with the now-dead old refresh token, is refused: the connection is marked
//     needs_reauthorization (typed, queryable), and no process calls the API again for it;
//   - the user reconnects (a new flow), and the connection is active again.
// What is lost: that rotation, so the user must reconnect. docs/backend.md "Guarantees" says so.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getConnectionState,
  getValidAccessToken,
  isReauthorizationRequired,
  saveTokenResponse,
  type NrichClient,
} from '../../../src/server/index.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { HOUR, useSandbox } from '../support/sandbox.js';
import { STORE_KINDS, storeLocation, TEST_KEY_A, type StoreLocation } from '../support/test-stores.js';
import { forkWorker } from '../support/workers.js';

let proxy: CountingProxy;
let client: NrichClient;

const sandbox = useSandbox(async ({ url, clientWith }) => {
  proxy = await startCountingProxy(url);
  client = clientWith({ baseUrl: proxy.url });
});
after(() => proxy.close());

/** Ongoing access: its refresh token outlives the hour the test moves the clock on. */
function exchangeOne() {
  return sandbox.connect({ user_id: 'crash-user' }, 'ongoing/access');
}

for (const kind of STORE_KINDS) {
  describe(`${kind} store`, () => {
    let location: StoreLocation;
    before(async () => {
      location = await storeLocation(kind);
    });
    after(() => location.cleanup());

    test('a process killed between the API answer and the store write: consistent, unlocked, marked, reconnectable', async () => {
      let store = await location.open();
      await saveTokenResponse(store, 'user', await exchangeOne(), sandbox.clock.now);
      const before = (await store.get('user'))!;
      if (kind === 'embedded') await store.close(); // one process per directory: the worker takes it over

      const worker = await forkWorker({
        kind,
        target: location.target,
        keys: TEST_KEY_A,
        apiUrl: proxy.url,
        dieAfterRefreshAnswer: true,
        // Timeouts generous enough for a loaded machine (a connect under load can take far more than 200 ms).
        storeOptions: { leaseMs: 4_500, lockTimeoutMs: 8_000, connectTimeoutMs: 700, queryTimeoutMs: 700 },
      });
      sandbox.clock.advance(HOUR + 60_000);
      const refreshesBefore = proxy.refreshes;
      worker.send({ type: 'refresh', key: 'user', now: sandbox.clock.now(), at: 0 });
      const answered = await worker.next('upstream-answered');
      assert.equal(await worker.exited, 'SIGKILL');
      assert.equal(proxy.refreshes - refreshesBefore, 1, 'the API did rotate');
      assert.equal(answered.refreshToken, proxy.lastIssuedRefreshToken);

      if (kind === 'postgres') {
        const open = await location.sql(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
        );
        assert.equal(open[0]?.n, 0, 'no transaction left open by the dead process');
      }
      store = await location.open(); // embedded: the dead worker's lock, no longer renewed, is taken over
      const after = (await store.get('user'))!;
      assert.deepEqual(after, before, 'the row is the one before the refresh, not half written');
      assert.notEqual(after.tokens.refreshToken, answered.refreshToken, 'the rotated token died with the process');

      // The next caller is not blocked by the dead process, and learns the truth: reconnect.
      const refreshesAfterCrash = proxy.refreshes;
      for (let attempt = 0; attempt < 3; attempt++) {
        await assert.rejects(
          getValidAccessToken({ store, key: 'user', client, now: sandbox.clock.now }),
          (error: unknown) => isReauthorizationRequired(error) && error.reason === 'invalid_grant',
        );
      }
      assert.equal(proxy.refreshes - refreshesAfterCrash, 1, 'one refused refresh, then no more API calls');
      assert.deepEqual(await getConnectionState({ store, key: 'user', now: sandbox.clock.now }), {
        status: 'needs_reauthorization',
        reason: 'invalid_grant',
      });

      await saveTokenResponse(store, 'user', await exchangeOne(), sandbox.clock.now); // the user reconnects
      const accessToken = await getValidAccessToken({ store, key: 'user', client, now: sandbox.clock.now });
      assert.equal((await client.listAccounts(accessToken!)).accounts.length > 0, true);
    });
  });
}
