/**
 * The keeper: keeps every ongoing connection renewed and synced. A dispatcher in every worker moves due
 * connections from the keeper's table onto a job queue; workers take jobs and run `keepConnection`.
 *
 * Two queues, one keeper:
 * - `pg-boss` (many processes or machines on one PostgreSQL): jobs are claimed with `SKIP LOCKED`, retried
 *   with exponential backoff, expired and retried elsewhere when their worker dies, and dead-lettered after
 *   the last retry. The dispatch (marking rows queued + inserting their jobs) is one transaction.
 * - `local` (the embedded default, one process, e.g. on PGlite): the same dispatch and jobs on an in-process
 *   queue with the same retries and dead-lettering.
 */
import type { NrichClient } from '../client/client.js';
import { NrichApiError } from '../client/api-error.js';
import { NrichConfigError } from '../errors.js';
import type { TokenStore } from '../tokens/token-store.js';
import type { SqlDatabase, SqlQueryable } from '../tokens/stores/sql-database.js';
import { keepConnection, scheduleWithDefaults, type KeepContext } from './keep-connection.js';
import { limitRefreshes } from './refresh-slots.js';
import {
  claimDue,
  countDue,
  forgetConnection,
  listConnections,
  migrateKeeper,
  readConnection,
  releaseQueued,
  reschedule,
  trackConnection,
  type KeptConnection,
} from './state.js';
import type { FetchChanges, KeeperHooks, KeeperSchedule } from './types.js';
import type PgBoss from 'pg-boss';

const DAY = 86_400_000;
export const KEEPER_QUEUE = 'nrich-keeper';
export const KEEPER_DEAD_LETTER = 'nrich-keeper-dead';

export interface PgBossQueueOptions {
  kind: 'pg-boss';
  /** The PostgreSQL that every worker shares (pg-boss keeps its tables in schema `pgboss`). */
  connectionString: string;
  /** Jobs one fetch takes (they run concurrently; the rate limit bounds the API calls). Default 20. */
  batchSize?: number;
  /** Retries of a failed job, with exponential backoff from `retryDelaySeconds`. Default 4, 2 s. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /**
   * A job running longer (its worker died) is retried elsewhere. Default 60 s. pg-boss times each fetched batch
   * as a whole against it: keep it above a whole batch's work (`batchSize` jobs, rate-limit waits included), or
   * a slow batch is retried while it still runs (harmless, as the cursor and the store's lease hold, but wasted).
   * Keep it above the token store's `leaseMs` (30 s) too: after a worker is killed, a job waits that long for
   * the dead worker's lease on its connection, and one expired each time it waits would be dead-lettered.
   */
  expireInSeconds?: number;
  /** How often pg-boss expires and archives jobs. Default 10 s. */
  maintenanceIntervalSeconds?: number;
  /** How often each worker polls for jobs. Default 0.5 s (pg-boss's minimum). */
  pollingIntervalSeconds?: number;
}

export interface LocalQueueOptions {
  kind: 'local';
  /** Jobs run at once. Default 8. */
  concurrency?: number;
  retryLimit?: number;
  retryDelaySeconds?: number;
}

export interface KeeperOptions<T = unknown> extends KeeperHooks<T> {
  /** Where the tokens are: the keeper refreshes through the store's single-flight `update`. */
  store: TokenStore;
  /** Build it with `fetch: rateLimitedFetch(limit)` so that every call counts against the shared limit. */
  client: Pick<NrichClient, 'refreshToken'>;
  fetchChanges: FetchChanges<T>;
  /** The keeper's tables (schedule, cursors, rate limit); `onChanges` writes in its transaction. */
  database: SqlDatabase;
  queue: PgBossQueueOptions | LocalQueueOptions;
  schedule?: KeeperSchedule;
  /** The keeper's clock in ms (the sandbox's scaled clock in tests). Default `Date.now`. */
  now?: () => number;
  /** How often (real ms) each worker moves due connections onto the queue. Default 1 000. */
  dispatchEveryMs?: number;
  /** Whether an API error means the bank consent has ended. Default: a 401/403 whose code mentions consent. */
  isConsentExpired?: (error: unknown) => boolean;
  /**
   * Refreshes this process has in flight at most: sent to the API, answer not yet stored. The API rotates the
   * refresh token when it answers, so a process killed meanwhile loses those connections (their users must
   * connect again): this caps what one kill can cost. Default 2 (each takes milliseconds; in real time a worker
   * refreshes a few times a minute even for 10 000 connections).
   */
  refreshesAtOnce?: number;
}

export interface Keeper {
  /** Creates the tables (once), then dispatches and works until `stop()`. */
  start(): Promise<void>;
  /** Stops taking work, lets running jobs finish, closes the queue (not `database` nor `store`). */
  stop(): Promise<void>;
  /**
   * Keep this connection from now on: call it when the user connected (or connected again), with the consent's
   * end when the token response said it (`tokens.consentExpiresAt` in `onConnected`; without it the keeper reads
   * the stored tokens', else counts `consentMs`). A reconnect is also found without it.
   */
  track(key: string, options?: { consentExpiresAt?: string | number | Date }): Promise<void>;
  forget(key: string): Promise<void>;
  /** The keeper's view of a connection: last sync, next due times, whether it waits for its user. */
  connection(key: string): Promise<KeptConnection | undefined>;
  connections(): Promise<KeptConnection[]>;
  /** Moves due connections onto the queue now; returns how many. */
  dispatch(): Promise<number>;
  /** Due connections not yet queued (the backlog), and jobs queued or running in this process (local queue). */
  backlog(): Promise<number>;
}

interface Queue {
  start(run: (key: string) => Promise<void>, dead: (key: string, error: unknown) => Promise<void>): Promise<void>;
  /** Enqueues the keys inside `tx` (pg-boss), or returns what to run once `tx` has committed (local). */
  enqueue(tx: SqlQueryable, keys: string[]): Promise<(() => void) | undefined>;
  leaseSeconds: number;
  /** Jobs waiting, retrying or running. */
  pending(): Promise<number>;
  stop(): Promise<void>;
}

export function createKeeper<T>(options: KeeperOptions<T>): Keeper {
  const now = options.now ?? Date.now;
  const refreshesAtOnce = options.refreshesAtOnce ?? 2;
  if (!(Number.isInteger(refreshesAtOnce) && refreshesAtOnce >= 1))
    throw new NrichConfigError('refreshesAtOnce', 'must be a whole number of at least 1.');
  const ctx: KeepContext<T> = {
    db: options.database,
    ...limitRefreshes(options.store, options.client, refreshesAtOnce),
    fetchChanges: options.fetchChanges,
    hooks: options,
    schedule: scheduleWithDefaults(options.schedule),
    now,
    isConsentExpired: options.isConsentExpired ?? consentExpired,
  };
  const queue = options.queue.kind === 'pg-boss' ? pgBossQueue(options.queue) : localQueue(options.queue);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let dispatching: Promise<number> | undefined;

  const dispatch = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const { keys, committed } = await options.database.transaction(async (tx) => {
        const due = await claimDue(tx, now(), 500, queue.leaseSeconds);
        return { keys: due, committed: due.length > 0 ? await queue.enqueue(tx, due) : undefined };
      });
      committed?.();
      total += keys.length;
      if (keys.length < 500) return total;
    }
  };
  const dispatchOnce = (): Promise<number> => (dispatching ??= dispatch().finally(() => (dispatching = undefined)));

  const loop = (): void => {
    if (!running) return;
    timer = setTimeout(() => {
      dispatchOnce()
        .catch((error: unknown) => options.onFailure?.('(dispatch)', error))
        .finally(loop);
    }, options.dispatchEveryMs ?? 1_000);
  };

  return {
    async start() {
      await migrateKeeper(options.database);
      if (options.queue.kind === 'local') await releaseQueued(options.database);
      await queue.start(
        (key) => keepConnection(ctx, key),
        async (key, error) => {
          // Dead-lettered: try this connection again a day later (not in a loop), then tell the host. In this
          // order, a failed reschedule retries the dead letter before the host has heard of it: told once.
          const row = await readConnection(options.database, key);
          if (row) await reschedule(options.database, key, { renewAt: now() + DAY, syncAt: now() + DAY }, row);
          try {
            options.onFailure?.(key, error);
          } catch {
            // The host's hook throwing is the host's to log; retrying the dead letter would tell it twice.
          }
        },
      );
      running = true;
      loop();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await dispatching?.catch(() => 0);
      await queue.stop();
    },
    track: async (key, { consentExpiresAt } = {}) =>
      trackConnection(
        options.database,
        key,
        now(),
        consentExpiresAt === undefined ? undefined : timeOf(consentExpiresAt),
      ),
    forget: (key) => forgetConnection(options.database, key),
    connection: (key) => readConnection(options.database, key),
    connections: () => listConnections(options.database),
    dispatch: dispatchOnce,
    async backlog() {
      return (await countDue(options.database, now())) + (await queue.pending());
    },
  };
}

function timeOf(value: string | number | Date): number {
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(time))
    throw new NrichConfigError('consentExpiresAt', 'must be a time (ms, ISO text or a Date).');
  return time;
}

/** The default consent test: the API refuses data access naming the consent. */
function consentExpired(error: unknown): boolean {
  return (
    error instanceof NrichApiError &&
    (error.status === 401 || error.status === 403) &&
    /consent/i.test(`${error.code} ${error.description ?? ''}`)
  );
}

function pgBossQueue(options: PgBossQueueOptions): Queue {
  const retryLimit = options.retryLimit ?? 4;
  const retryDelay = options.retryDelaySeconds ?? 2;
  const expireInSeconds = options.expireInSeconds ?? 60;
  // A queued row is dispatched again only once every retry of its job could have run out.
  const leaseSeconds = expireInSeconds * (retryLimit + 1) + retryDelay * 2 ** (retryLimit + 1);
  let boss: PgBoss | undefined;
  return {
    leaseSeconds,
    async start(run, dead) {
      const { default: PgBoss } = await import('pg-boss');
      boss = new PgBoss({
        connectionString: options.connectionString,
        max: 4,
        maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 10,
        schedule: false,
      });
      const instance = boss;
      instance.on('error', () => {}); // a failed poll or maintenance run is retried by pg-boss itself
      await instance.start();
      await ensureQueue(instance, KEEPER_DEAD_LETTER, {});
      await ensureQueue(instance, KEEPER_QUEUE, {
        policy: 'stately',
        retryLimit,
        retryDelay,
        retryBackoff: true,
        expireInSeconds,
        deadLetter: KEEPER_DEAD_LETTER,
      });
      const work = {
        batchSize: options.batchSize ?? 20,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5,
      };
      const each = async (
        jobs: { id: string; data: { key: string }; output?: object | null }[],
        name: string,
        handle: (key: string, output: object | null | undefined) => Promise<void>,
      ) => {
        await Promise.all(
          jobs.map(async (job) => {
            try {
              await handle(job.data.key, job.output);
            } catch (error) {
              // Fail this job alone (retried with backoff, then dead-lettered); the batch's others complete.
              await instance.fail(name, job.id, failureOutput(error));
            }
          }),
        );
      };
      for (let i = 0; i < 2; i++) {
        await instance.work<{ key: string }>(KEEPER_QUEUE, work, (jobs) => each(jobs, KEEPER_QUEUE, run));
      }
      // pg-boss copies the failed job's output (the last attempt's error) into its dead letter.
      await instance.work<{ key: string }>(KEEPER_DEAD_LETTER, { ...work, includeMetadata: true }, (jobs) =>
        each(jobs, KEEPER_DEAD_LETTER, (key, output) => dead(key, retriesExhausted(output))),
      );
    },
    async enqueue(tx, keys) {
      if (!boss) throw new Error('The keeper is not started.');
      const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: await tx.query(text, values) }) };
      await boss.insert(
        keys.map((key) => ({ name: KEEPER_QUEUE, data: { key }, singletonKey: key })),
        { db },
      );
      return undefined;
    },
    async pending() {
      if (!boss) return 0;
      const sizes = await Promise.all(
        [KEEPER_QUEUE, KEEPER_DEAD_LETTER].map((name) => boss?.getQueueSize(name, { before: 'completed' }) ?? 0),
      );
      return sizes.reduce((sum, size) => sum + size, 0);
    },
    async stop() {
      await boss?.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}

/** What pg-boss keeps of a failed attempt (JSON in its table, so no stack): enough to tell the host why. */
function failureOutput(error: unknown): { name: string; message: string; code?: string } {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The error `onFailure` gets for a dead letter: the last attempt's error (name, code, message) as its cause. */
function retriesExhausted(output: object | null | undefined): Error {
  const last = output as Partial<ReturnType<typeof failureOutput>> | null | undefined;
  const message = typeof last?.message === 'string' ? last.message : 'no error recorded';
  return new Error(`Retries exhausted; the last attempt failed: ${message}`, { cause: last ?? undefined });
}

async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
  // Workers starting together race to create the queue (pg-boss can deadlock on that): the loser finds it made.
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, { name, ...options });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
    }
  }
}

function localQueue(options: LocalQueueOptions): Queue {
  const concurrency = options.concurrency ?? 8;
  const retryLimit = options.retryLimit ?? 4;
  const retryDelayMs = (options.retryDelaySeconds ?? 2) * 1000;
  const waiting: { key: string; attempt: number }[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let active = 0;
  let stopped = false;
  let idle: (() => void) | undefined;
  let run: (key: string) => Promise<void> = async () => {};
  let dead: (key: string, error: unknown) => Promise<void> = async () => {};

  const later = (work: () => void, attempt: number): void => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        work();
      },
      retryDelayMs * 2 ** Math.min(attempt, 10),
    );
    timers.add(timer);
  };
  // A dead letter whose handling failed (the database was away) is handled again later, as pg-boss retries its
  // dead-letter job: else its row would stay queued and the connection unkept until the process restarts.
  const bury = (key: string, error: unknown, attempt: number): Promise<void> =>
    dead(key, error).catch(() => {
      if (!stopped) later(() => void bury(key, error, attempt + 1), attempt);
    });
  const pump = (): void => {
    for (let job = waiting.shift(); job; job = waiting.shift()) {
      if (stopped || active >= concurrency) {
        waiting.unshift(job);
        return;
      }
      active += 1;
      run(job.key)
        .catch(async (error: unknown) => {
          if (job.attempt >= retryLimit) return bury(job.key, error, 0);
          later(() => {
            waiting.push({ key: job.key, attempt: job.attempt + 1 });
            pump();
          }, job.attempt);
        })
        .finally(() => {
          active -= 1;
          if (active === 0) idle?.();
          pump();
        });
    }
  };
  return {
    leaseSeconds: 365 * 86_400, // one process: a queued row stays queued until its job reschedules it
    async start(runJob, deadJob) {
      run = runJob;
      dead = deadJob;
    },
    async enqueue(_tx, keys) {
      // Once the dispatch has committed. A crash loses this in-memory queue but not the rows: the embedded
      // keeper frees every queued row when it starts.
      return () => {
        waiting.push(...keys.map((key) => ({ key, attempt: 0 })));
        pump();
      };
    },
    pending: async () => waiting.length + active + timers.size,
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      if (active > 0) await new Promise<void>((resolve) => (idle = resolve));
    },
  };
}
