/**
 * One API rate limit for every worker: a token bucket in one database row (refilled from the database's
 * clock, so workers on different machines agree), taken a few tokens at a time so that not every call is a
 * round trip. A 429 or 503 with `Retry-After` writes "paused until" into the same row: every worker waits,
 * not only the one that was told. The embedded keeper uses the same logic on a bucket in memory.
 */
import type { FetchFunction } from '../client/client.js';
import type { SqlQueryable } from '../tokens/stores/sql-database.js';
import { NrichConfigError } from '../errors.js';

export interface RateLimitOptions {
  /** API calls per second, across every worker. */
  callsPerSecond: number;
  /** Tokens one worker takes per round trip. Default: a twentieth of a second's worth (at least 1). */
  batch?: number;
  /** Taken tokens unused this long are given up, so a quiet worker does not hoard. Default 250 ms. */
  holdMs?: number;
}

export interface RateLimit {
  /** Resolves when this process may make one API call. */
  take(): Promise<void>;
  /** Every worker stops calling for `seconds` (a `Retry-After`). */
  pause(seconds: number): Promise<void>;
  /** Calls granted so far in this process (for benchmarks). */
  readonly granted: number;
}

/** Where the tokens come from: grants up to `want` now, or says how long to wait. */
interface Bucket {
  grant(want: number): Promise<{ granted: number; waitMs: number }>;
  pause(seconds: number): Promise<void>;
}

export function sqlRateLimit(db: SqlQueryable, options: RateLimitOptions): RateLimit {
  const rate = checkRate(options.callsPerSecond);
  const burst = Math.max(1, rate / 10);
  return limiter(
    {
      async grant(want) {
        const [row] = await db.query<{ granted: number; avail: number; paused_ms: number | null }>(
          `with cur as (
             select least($2::float8, tokens + extract(epoch from clock_timestamp() - at)::float8 * $1::float8) as avail,
                    extract(epoch from paused_until - clock_timestamp())::float8 * 1000 as paused_ms,
                    clock_timestamp() as t
             from nrich_keeper_rate where id = 1 for update),
           g as (select *, case when coalesce(paused_ms, 0) > 0 then 0
                                else greatest(0, least($3::int, floor(avail)::int)) end as granted from cur)
           update nrich_keeper_rate set tokens = g.avail - g.granted, at = g.t from g where id = 1
           returning g.granted, g.avail, g.paused_ms`,
          [rate, burst, want],
        );
        if (!row) throw new Error('nrich_keeper_rate has no row: run the keeper migration.');
        return { granted: Number(row.granted), waitMs: waitMs(row.paused_ms, Number(row.avail), rate) };
      },
      async pause(seconds) {
        await db.query(
          `update nrich_keeper_rate set tokens = 0, at = clock_timestamp(), paused_until =
             greatest(coalesce(paused_until, clock_timestamp()), clock_timestamp() + make_interval(secs => $1))
           where id = 1`,
          [seconds],
        );
      },
    },
    options,
  );
}

/** The same limit for one process (the embedded keeper). */
export function memoryRateLimit(options: RateLimitOptions): RateLimit {
  const rate = checkRate(options.callsPerSecond);
  const burst = Math.max(1, rate / 10);
  let tokens = 0;
  let at = Date.now();
  let pausedUntil = 0;
  return limiter(
    {
      async grant(want) {
        const now = Date.now();
        tokens = Math.min(burst, tokens + ((now - at) / 1000) * rate);
        at = now;
        const pausedMs = pausedUntil - now;
        const granted = pausedMs > 0 ? 0 : Math.max(0, Math.min(want, Math.floor(tokens)));
        tokens -= granted;
        return { granted, waitMs: waitMs(pausedMs, tokens, rate) };
      },
      async pause(seconds) {
        tokens = 0;
        pausedUntil = Math.max(pausedUntil, Date.now() + seconds * 1000);
      },
    },
    options,
  );
}

/**
 * Wraps `fetch` so that every call takes a token first, and a 429/503 answer with `Retry-After` pauses every
 * worker. Give it to `createNrichClient({ fetch })`: the client's own retries then wait out the pause too.
 */
export function rateLimitedFetch(limit: RateLimit, inner?: FetchFunction): FetchFunction {
  const call: FetchFunction = inner ?? ((input, init) => fetch(input, init));
  return async (input, init) => {
    await limit.take();
    const response = await call(input, init);
    if (response.status === 429 || response.status === 503) {
      await limit.pause(retryAfterSeconds(response.headers.get('retry-after')) ?? 1);
    }
    return response;
  };
}

/** `Retry-After` as seconds: a number, or an HTTP date. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function limiter(bucket: Bucket, options: RateLimitOptions): RateLimit {
  const batch = Math.max(1, Math.floor(options.batch ?? options.callsPerSecond / 20));
  const holdMs = options.holdMs ?? 250;
  let held = 0;
  let heldUntil = 0;
  let granted = 0;
  let refill: Promise<void> | undefined;
  // One refill at a time per process: concurrent callers wait for it instead of each asking the database.
  const refillOnce = async (): Promise<void> => {
    for (;;) {
      const answer = await bucket.grant(batch);
      if (answer.granted > 0) {
        held = answer.granted;
        heldUntil = Date.now() + holdMs;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, answer.waitMs));
    }
  };
  return {
    async take() {
      for (;;) {
        if (held > 0 && Date.now() < heldUntil) {
          held -= 1;
          granted += 1;
          return;
        }
        held = 0;
        refill ??= refillOnce().finally(() => (refill = undefined));
        await refill;
      }
    },
    async pause(seconds) {
      held = 0;
      await bucket.pause(seconds);
    },
    get granted() {
      return granted;
    },
  };
}

function waitMs(pausedMs: number | null, avail: number, rate: number): number {
  if (pausedMs !== null && pausedMs > 0) return Math.min(pausedMs, 5_000);
  return Math.min(1_000, Math.max(5, ((1 - avail) / rate) * 1000));
}

function checkRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0) throw new NrichConfigError('callsPerSecond', 'must be a positive number.');
  return rate;
}
