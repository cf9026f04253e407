/**
 * A throwaway PostgreSQL server for the tests: Debian's binaries (`apt-get install postgresql`), a fresh data
 * directory under the system temp dir, a free port on loopback, trust authentication for user `app`. PostgreSQL
 * refuses to run as root, so as root it runs as the `postgres` user. Durability is switched off: the tests
 * kill client processes, never the server, and fsync would only slow a shared machine down.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** postgres://app@127.0.0.1:<port>/postgres */
  url: string;
  stop(): void;
  /** `pg_ctl restart -m fast`: every connection is terminated (57P01), then refused while it comes back. */
  restart(): Promise<void>;
  /** Sends `signal` to the postmaster and every process under it (SIGSTOP: a stalled server; SIGCONT resumes it). */
  signalAll(signal: 'SIGSTOP' | 'SIGCONT'): void;
}

export interface PostgresSettings {
  /** Default 300. */
  maxConnections?: number;
}

/** The newest installed server's bin directory (PG_BIN overrides). */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'No PostgreSQL server found in /usr/lib/postgresql: apt-get install -y postgresql (or set PG_BIN).',
    );
  }
  return join(root, versions[0]!, 'bin');
}

export async function startPostgres(options: PostgresSettings = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'nrich-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uid('postgres'), gid('postgres'));
  const run = (tool: string, args: string[]): void => {
    const [command, all] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(command, all, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  const runAsync = (tool: string, args: string[]): Promise<void> => {
    const [command, all] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    return new Promise((resolve, reject) => {
      const child = spawn(command, all, { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} exited with ${code}`))));
    });
  };
  const data = join(dir, 'data');
  const stop = (): void => {
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run('pg_ctl', ['-D', data, 'stop', '-m', 'immediate', '-w']);
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      `-c max_connections=${options.maxConnections ?? 300}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', 'start']);
    const signalAll = (signal: 'SIGSTOP' | 'SIGCONT'): void => {
      const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' })
        .stdout.split('\n')
        .filter(Boolean)
        .map(Number);
      for (const pid of [postmaster, ...children]) process.kill(pid, signal);
    };
    return {
      url: `postgres://app@127.0.0.1:${port}/postgres`,
      stop,
      // Not spawnSync: the test process (and the sandbox in it) keeps serving meanwhile.
      restart: () =>
        runAsync('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-m', 'fast', '-w', 'restart']),
      signalAll,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}

function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
