/**
 * A process that tries to open an embedded store directory (embedded-lock.test.ts). Two modes:
 *  - forked (IPC): on { type: 'open', round, at } it tries at wall-clock time `at` and answers
 *    { type: 'result', round, outcome: 'opened' | <error code> }; the holder writes a row named after the round,
 *    and on { type: 'close' } closes the store and answers { type: 'closed' }.
 *  - spawned (no IPC, e.g. under `unshare --pid`): tries once, prints the outcome, holds the store until its
 *    stdin ends, then closes and exits.
 */
import { createEmbeddedStore } from '../../../src/server/index.js';
import { type SqlTokenStore } from '../../../src/server/store.js';

const [directory = '', keys = ''] = process.argv.slice(2);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tryOpen(): Promise<{ store?: SqlTokenStore; outcome: string }> {
  try {
    const store = await createEmbeddedStore({ directory, keys, env: {}, lockWaitMs: 0 });
    return { store, outcome: 'opened' };
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return { outcome: code ?? `raw: ${message}` };
  }
}

if (process.send) {
  let held: SqlTokenStore | undefined;
  const send = (message: unknown): Promise<void> =>
    new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
  process.on(
    'message',
    (message: { type: 'open'; round: number; at: number } | { type: 'close' } | { type: 'exit' }) => {
      void (async () => {
        if (message.type === 'open') {
          await sleep(Math.max(0, message.at - Date.now()));
          const { store, outcome } = await tryOpen();
          if (store) {
            held = store;
            const expiresAt = Date.UTC(2030, 0, 1);
            await store.set(`round-${message.round}`, { accessToken: 'a', refreshToken: 'r', expiresAt });
          }
          await send({ type: 'result', round: message.round, outcome });
        } else if (message.type === 'close') {
          await held?.close();
          held = undefined;
          await send({ type: 'closed' });
        } else {
          process.exit(0);
        }
      })();
    },
  );
  await send({ type: 'ready' });
} else {
  const { store, outcome } = await tryOpen();
  process.stdout.write(`${outcome}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await store?.close();
  process.exit(0);
}
