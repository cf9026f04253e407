/**
 * One global API rate limit (a token bucket over real time): `perSecond` calls refill, up to `burst` at once.
 * A call over the limit is answered 429 (or 503, the finX family's "rate limit exceeded") with `Retry-After`:
 * the whole seconds until a call would pass again. Real time, not the sandbox clock: a limit is about how fast
 * clients call, whatever day the simulation shows.
 */
import { NrichError } from '../server/index.js';
import { HttpError } from './http.js';

export interface RateLimit {
  /** Calls per second, refilled continuously. */
  perSecond: number;
  /** Calls that may pass at once after a quiet spell; default `perSecond` (at least 1). */
  burst?: number;
  /** Default 429. */
  status?: 429 | 503;
  /** `Retry-After` in seconds; default the seconds until one call fits again (at least 1). */
  retryAfter?: number;
}

/** A bad rate limit; over HTTP 400 `invalid_rate_limit`. One of the kit's errors (`NrichError`). */
export class RateLimitError extends NrichError {
  override readonly name = 'RateLimitError';
  readonly code = 'invalid_rate_limit';
  readonly retryable = false;
}

/** Checks a limit from JSON or from a caller; answers it complete with defaults. */
export function parseRateLimit(
  input: unknown,
): Required<Omit<RateLimit, 'retryAfter'>> & Pick<RateLimit, 'retryAfter'> {
  if (typeof input !== 'object' || input === null) throw new RateLimitError('A rate limit is { perSecond, burst? }.');
  const { perSecond, burst, status, retryAfter, ...rest } = input as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new RateLimitError(`Unknown rate limit field ${unknown.join(', ')}.`);
  if (typeof perSecond !== 'number' || !(perSecond > 0) || perSecond > 1e6) {
    throw new RateLimitError('perSecond must be a number above 0.');
  }
  const fullBurst = burst ?? Math.max(1, perSecond);
  if (typeof fullBurst !== 'number' || !Number.isInteger(fullBurst) || fullBurst < 1) {
    throw new RateLimitError('burst must be a whole number, 1 or more.');
  }
  if (status !== undefined && status !== 429 && status !== 503) throw new RateLimitError('status must be 429 or 503.');
  if (retryAfter !== undefined && (typeof retryAfter !== 'number' || !Number.isInteger(retryAfter) || retryAfter < 0)) {
    throw new RateLimitError('retryAfter must be whole seconds.');
  }
  return {
    perSecond,
    burst: fullBurst,
    status: status ?? 429,
    ...(retryAfter === undefined ? {} : { retryAfter: retryAfter as number }),
  };
}

export class RateLimiter {
  private limit: ReturnType<typeof parseRateLimit> | undefined;
  private tokens = 0;
  private last = 0;

  constructor(private readonly realNow: () => number = () => performance.now()) {}

  /** Sets (or with `undefined` lifts) the limit; the bucket starts full. */
  set(limit: RateLimit | undefined): void {
    this.limit = limit === undefined ? undefined : parseRateLimit(limit);
    this.tokens = this.limit?.burst ?? 0;
    this.last = this.realNow();
  }

  current(): RateLimit | undefined {
    return this.limit && { ...this.limit };
  }

  /** Takes one call from the bucket, or throws the 429/503 the API answers. */
  take(): void {
    const limit = this.limit;
    if (!limit) return;
    const now = this.realNow();
    this.tokens = Math.min(limit.burst, this.tokens + ((now - this.last) / 1000) * limit.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return;
    }
    const wait = limit.retryAfter ?? Math.max(1, Math.ceil((1 - this.tokens) / limit.perSecond));
    throw new HttpError(limit.status, 'rate_limit_exceeded', 'Rate limit exceeded, try again later.', {
      'Retry-After': String(wait),
    });
  }
}
