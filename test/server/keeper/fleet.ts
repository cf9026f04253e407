/**
 * The parent's side of the multi-process keeper tests and the benchmark: forks keeper workers, moves their
 * clock (stepped, acknowledged by every worker), waits until nothing is due or queued, and logs every call that
 * reaches the API through a proxy (path, status, when), so the tests count what the API saw.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SqlQueryable } from '../../../src/server/store.js';
import { listen } from '../support/local-servers.js';
import { until } from '../../support/until.js';
import type { KeeperWorkerConfig, KeeperWorkerMessage } from './keeper-worker.js';

const WORKER = fileURLToPath(new URL('./keeper-worker.ts', import.meta.url));

export interface KeeperWorker {
  child: ChildProcess;
  messages: KeeperWorkerMessage[];
  next<T extends KeeperWorkerMessage['type']>(type: T): Promise<Extract<KeeperWorkerMessage, { type: T }>>;
  exited: Promise<NodeJS.Signals | number | null>;
}

export async function forkKeeperWorker(config: KeeperWorkerConfig): Promise<KeeperWorker> {
  const child = fork(WORKER, [JSON.stringify(config)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const messages: KeeperWorkerMessage[] = [];
  const taken = new Set<KeeperWorkerMessage>();
  child.on('message', (message: KeeperWorkerMessage) => {
    messages.push(message);
    if (message.type === 'failure') console.error(`keeper worker: ${message.key}: ${message.message}`);
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  const worker: KeeperWorker = {
    child,
    messages,
    async next(type) {
      let found: KeeperWorkerMessage | undefined;
      await until(
        () => {
          found = messages.find((message) => message.type === type && !taken.has(message));
          if (!found && ended) throw new Error(`worker ended before sending ${type}`);
          return found !== undefined;
        },
        `worker message ${type}`,
        120_000,
      );
      taken.add(found!);
      return found as never;
    },
    exited,
  };
  await worker.next('ready');
  return worker;
}

/** Sets every live worker's clock and waits for each to acknowledge it. */
export async function setClock(workers: KeeperWorker[], now: number): Promise<void> {
  const live = workers.filter((worker) => worker.child.exitCode === null && worker.child.signalCode === null);
  for (const worker of live) worker.child.send({ type: 'clock', now });
  await Promise.all(
    live.map((worker) =>
      until(() => worker.messages.some((m) => m.type === 'clock-ack' && m.now === now), 'clock-ack', 30_000),
    ),
  );
}

/** Due-and-unqueued rows plus pg-boss jobs not finished: zero when the keeper has nothing left to do. */
export async function backlog(db: SqlQueryable, now: number): Promise<number> {
  const [row] = await db.query<{ due: string; jobs: string }>(
    `select (select count(*) from nrich_keeper_connections
              where least(renew_at, sync_at) <= $1 and (queued_until is null or queued_until < clock_timestamp())) as due,
            (select count(*) from pgboss.job where state < 'completed') as jobs`,
    [now],
  );
  return Number(row?.due ?? 0) + Number(row?.jobs ?? 0);
}

export async function stopWorkers(workers: KeeperWorker[]): Promise<number> {
  let granted = 0;
  for (const worker of workers) {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) continue;
    worker.child.send({ type: 'stop' });
    granted += (await worker.next('stopped')).granted;
    await worker.exited;
  }
  return granted;
}

export interface LoggedCall {
  path: string;
  grant: string | undefined;
  status: number;
  /** Date.now() when the call arrived. */
  at: number;
}

/** A loopback proxy in front of the API that logs every call. */
export async function startLoggingProxy(
  target: string,
): Promise<{ url: string; calls: LoggedCall[]; close(): Promise<void> }> {
  const calls: LoggedCall[] = [];
  const server = await listen(async (req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    const grant = path === '/auth/token' ? (JSON.parse(body) as { grant_type?: string }).grant_type : undefined;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
    ) as Record<string, string>;
    const upstream = await fetch(target + req.url, {
      method: req.method,
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    const text = await upstream.text();
    calls.push({ path, grant, status: upstream.status, at });
    const retryAfter = upstream.headers.get('retry-after');
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
      ...(retryAfter === null ? {} : { 'retry-after': retryAfter }),
    });
    res.end(text);
  });
  return { url: server.url, calls, close: server.close };
}
