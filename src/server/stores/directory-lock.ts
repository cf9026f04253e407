/**
 * One process per embedded store directory. PGlite has no lock of its own, and two processes writing one
 * PostgreSQL data directory corrupt it (e.g. `npm start` run twice): the second one is refused with a typed
 * `store_in_use`. The lock is a file holding the owner's pid; a file whose process is gone is stale and taken
 * over, so a crash never leaves the store locked.
 */
import { TokenStoreError } from './store-error.js';

export async function lockDirectory(directory: string): Promise<() => Promise<void>> {
  // Imported here, not at the top: the kit's entry must load on runtimes without `node:` modules.
  const { readFile, rm, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const file = join(directory, 'lock');
  const release = async (): Promise<void> => {
    if ((await readFile(file, 'utf8').catch(() => '')) === String(process.pid)) await rm(file, { force: true });
  };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' }); // fails if the file exists
      return release;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(file, 'utf8').catch(() => ''));
    // Our own pid in the file is a previous life of this process (a container restarts with the same pid).
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new TokenStoreError(
        'store_in_use',
        `The embedded store at ${directory} is open in process ${holder}; one process at a time may use it.`,
      );
    }
    await rm(file, { force: true }); // stale: its process is gone
  }
  throw new TokenStoreError(
    'store_in_use',
    `The embedded store at ${directory} was locked by another process meanwhile.`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'; // exists, but not ours to signal
  }
}
