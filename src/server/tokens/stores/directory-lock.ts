/**
 * One process per embedded store directory. PGlite has no lock of its own, and two processes writing one
 * PostgreSQL data directory corrupt it (e.g. `npm start` run twice, or two containers on one volume): the
 * second one is refused with a typed `store_in_use`, before PGlite touches the directory.
 *
 * The lock is `proper-lockfile`'s: an atomic `mkdir` of `store.lock`, whose mtime the holder renews every
 * second. It trusts no pid (a pid means nothing across containers, where node is PID 1 in each): a lock not
 * renewed for `STALE_MS` belongs to a process that died, and is taken over. Chosen over an OS lock (`flock`),
 * which Node cannot take without a native module, and over the hand-written pid file it replaces, whose
 * read → rm → create takeover let several processes in at once.
 */
import { TokenStoreError } from '../store-error.js';

/** A lock whose mtime is older than this is a dead holder's. proper-lockfile's minimum is 2 s. */
export const STALE_MS = 10_000;

interface DirectoryLock {
  release(): Promise<void>;
  /** Set when the lock was lost (its directory removed, or not renewed in time): stop writing. */
  readonly lost: boolean;
}

/**
 * Takes the directory's lock; waits up to `waitMs` for a holder that died to go stale (a restart after a
 * crash), and refuses with `store_in_use` when a live process holds it.
 */
export async function lockDirectory(directory: string, waitMs: number): Promise<DirectoryLock> {
  const { lock } = await loadLockfile();
  const { join } = await import('node:path');
  const state = { lost: false };
  const retries = Math.max(0, Math.ceil(waitMs / 500));
  try {
    const release = await lock(directory, {
      lockfilePath: join(directory, 'store.lock'),
      realpath: false,
      stale: STALE_MS,
      update: 1_000,
      retries: { retries, factor: 1, minTimeout: 500, maxTimeout: 500 },
      // Without this, proper-lockfile throws from a timer: the host's process would end.
      onCompromised: () => {
        state.lost = true;
        // eslint-disable-next-line no-console -- no caller to tell: this happens on a timer, between calls
        console.error(`nrich-connect: the embedded store's lock on ${directory} was lost; the store refuses to write.`);
      },
    });
    return {
      release: async () => {
        if (!state.lost) await release().catch(() => {});
      },
      get lost() {
        return state.lost;
      },
    };
  } catch (error) {
    if ((error as { code?: string }).code === 'ELOCKED') {
      throw new TokenStoreError(
        'store_in_use',
        `The embedded store at ${directory} is open in another process; one process at a time may use it (a lock left by a process that died lapses within ${STALE_MS / 1000} s).`,
        { cause: error },
      );
    }
    throw error;
  }
}

type LockFunction = (
  file: string,
  options: {
    lockfilePath: string;
    realpath: boolean;
    stale: number;
    update: number;
    retries: { retries: number; factor: number; minTimeout: number; maxTimeout: number };
    onCompromised: (error: Error) => void;
  },
) => Promise<() => Promise<void>>;

async function loadLockfile(): Promise<{ lock: LockFunction }> {
  try {
    // A CommonJS module: its functions are on `default` under Node's ESM loader.
    const module = (await import('proper-lockfile')) as unknown as { default?: { lock: LockFunction } };
    const lockfile = module.default ?? (module as { lock: LockFunction });
    return { lock: lockfile.lock.bind(lockfile) };
  } catch (error) {
    throw new TokenStoreError(
      'driver_missing',
      'The embedded store needs proper-lockfile: npm install proper-lockfile',
      {
        cause: error,
      },
    );
  }
}
