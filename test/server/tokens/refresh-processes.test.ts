// Eight host processes (child_process.fork) refresh one connection at the same moment, twenty rounds in a row,
// on the PostgreSQL store: the row lock lets one of them call the API; the other seven wait, re-read and find
// the new access token. Counted at a proxy in front of the sandbox, not by the processes themselves.
// The embedded store is single-process by design (a second process is refused: stores.test.ts); its
// concurrent callers are covered in one process by tokens.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { saveTokenResponse } from '../../../src/server/index.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { HOUR, useSandbox } from '../support/sandbox.js';
import { storeLocation, TEST_KEY_A, type StoreLocation } from '../support/test-stores.js';
import { forkWorker, type Worker } from '../support/workers.js';

const PROCESSES = 8;
const ROUNDS = 20;

let proxy: CountingProxy;
let location: StoreLocation;
let workers: Worker[] = [];

const sandbox = useSandbox(async ({ url }) => {
  proxy = await startCountingProxy(url);
});
before(async () => {
  location = await storeLocation('postgres');
});
after(async () => {
  for (const worker of workers) worker.child.kill('SIGKILL');
  await Promise.all(workers.map((worker) => worker.exited));
  await location.cleanup();
  await proxy.close();
});

test(`${PROCESSES} processes refreshing one connection at once: one API refresh, ${PROCESSES} successes, the newest refresh token stored, ${ROUNDS} rounds`, async () => {
  const store = await location.open();
  // Ongoing access: the refresh token outlives the rounds' hours (a one-time flow's is deleted after one).
  const tokens = await sandbox.connect({ user_id: 'shared-user' }, 'ongoing/access');
  await saveTokenResponse(store, 'shared-user', tokens, sandbox.clock.now);

  workers = await Promise.all(
    Array.from({ length: PROCESSES }, () =>
      forkWorker({ kind: 'postgres', target: location.target, keys: TEST_KEY_A, apiUrl: proxy.url }),
    ),
  );

  for (let round = 1; round <= ROUNDS; round++) {
    sandbox.clock.advance(HOUR + 60_000); // the stored access token is now expired
    const before = (await store.get('shared-user'))!;
    const refreshesBefore = proxy.refreshes;
    const at = Date.now() + 150; // every process starts at this instant
    for (const worker of workers) worker.send({ type: 'refresh', key: 'shared-user', now: sandbox.clock.now(), at });
    const results = await Promise.all(workers.map((worker) => worker.next('result')));

    const failures = results.filter((result) => !result.ok);
    assert.deepEqual(failures, [], `round ${round}: every process succeeds`);
    assert.equal(proxy.refreshes - refreshesBefore, 1, `round ${round}: exactly one refresh reached the API`);
    const tokens = new Set(results.map((result) => (result.ok ? result.accessToken : undefined)));
    assert.equal(tokens.size, 1, `round ${round}: all processes got the same access token`);
    const after = (await store.get('shared-user'))!;
    assert.equal(
      after.tokens.refreshToken,
      proxy.lastIssuedRefreshToken,
      `round ${round}: the newest refresh token is stored`,
    );
    assert.notEqual(after.tokens.refreshToken, before.tokens.refreshToken);
    assert.equal([...tokens][0], after.tokens.accessToken);
    assert.equal(after.version, before.version + 1, `round ${round}: one write`);
  }
  for (const worker of workers) worker.send({ type: 'close' });
  assert.deepEqual(await Promise.all(workers.map((worker) => worker.exited)), Array(PROCESSES).fill(0));
  workers = [];
});
