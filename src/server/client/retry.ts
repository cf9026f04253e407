/**
 * Retries for calls that are safe to repeat (reads and flow starts) when the failure is passing: no
 * connection, a timeout, 429, 502, 503, 504. Exponential backoff with jitter, `Retry-After` honored,
 * bounded in count and in time. The code exchange and the refresh never come through here: a refresh
 * that reached the API and is sent again burns the refresh token it just issued.
 */
import { NrichApiError } from './api-error.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2; 0 turns retrying off. */
  retries?: number;
  /** The first backoff step in ms, doubled on every retry. Default 500. */
  baseDelayMs?: number;
  /** The longest single wait. A `Retry-After` above it ends the retries (the error carries it). Default 10 000. */
  maxDelayMs?: number;
  /** No retry starts later than this many ms after the first attempt began. Default 30 000. */
  maxElapsedMs?: number;
}

export const DEFAULT_RETRY: Readonly<Required<RetryOptions>> = {
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  maxElapsedMs: 30_000,
};

/** Runs `attempt` until it succeeds, fails for good, or the policy says stop; the last error is thrown. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: Readonly<Required<RetryOptions>>,
  signal: AbortSignal | undefined,
): Promise<T> {
  const started = Date.now();
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof NrichApiError) || !error.retryable || retry >= policy.retries) throw error;
      const wait = delayBeforeRetry(error, retry, policy);
      if (wait === undefined || Date.now() - started + wait > policy.maxElapsedMs) throw error;
      // Wakes early on abort; the next attempt then fails at once as `aborted`.
      await sleep(wait, signal);
    }
  }
}

/** `Retry-After` plus a little jitter, else exponential backoff with "equal jitter" (half fixed, half random). */
function delayBeforeRetry(
  error: NrichApiError,
  retry: number,
  policy: Readonly<Required<RetryOptions>>,
): number | undefined {
  if (error.retryAfter !== undefined) {
    const asked = error.retryAfter * 1000;
    // Jitter on top, never below: clients told the same second should not all return in the same ms.
    return asked > policy.maxDelayMs ? undefined : asked + (Math.random() * policy.baseDelayMs) / 4;
  }
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return step / 2 + (Math.random() * step) / 2;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `Retry-After` as seconds: a number of seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
