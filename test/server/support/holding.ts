/**
 * A caller's side of `TokenStore.hold`, as tokens/refresh.ts does it: hold the connection, run `work` on what was
 * read (the stand-in for the refresh's API call), then `write` what it returns or `release`; a throw releases.
 * The store tests drive the hold through this, so they test the store's half of the contract alone.
 */
import type { TokenStore } from '../../../src/server/index.js';
import type { ConnectionWrite } from '../../../src/server/store.js';
import type { Connection } from '../../../src/server/store.js';

export async function holding<T>(
  store: Pick<TokenStore, 'hold' | 'write' | 'release'>,
  key: string,
  work: (current: Connection | undefined) => Promise<{ value: T; write?: ConnectionWrite }>,
): Promise<T> {
  const held = await store.hold(key);
  let outcome: { value: T; write?: ConnectionWrite };
  try {
    outcome = await work(held?.connection);
  } catch (error) {
    if (held) await store.release(held);
    throw error;
  }
  if (held && outcome.write) await store.write(held, outcome.write);
  else if (held) await store.release(held);
  return outcome.value;
}
