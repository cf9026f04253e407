/**
 * Injected API failures for integrators' tests (`sandbox.failNext(...)`, `POST /_sandbox/fail-next`): the next
 * `times` API calls, on one path or on any, answer 429 or 503 (with `Retry-After`) or another 5xx, as a rate
 * limit or an outage would. Only API paths: the widget and the control routes never fail this way.
 */
export interface FaultSpec {
  /** 429 (too many requests), 503 (rate limited / unavailable, as the API family uses it), 500, 502 or 504. */
  status: number;
  /** Seconds, sent as `Retry-After`. Default: none for 500/502/504, 1 for 429 and 503. */
  retryAfter?: number;
  /** How many calls fail in a row. Default 1. */
  times?: number;
  /** Only calls to this path (e.g. `/rest/transactions`). Default: any API path. */
  path?: string;
}

export interface Fault {
  status: number;
  retryAfter: number | undefined;
}

const STATUSES = [429, 500, 502, 503, 504];
const KEYS = ['status', 'retryAfter', 'times', 'path'];

export class FaultError extends TypeError {
  override readonly name = 'FaultError';
}

export function parseFault(input: unknown): Required<Omit<FaultSpec, 'retryAfter' | 'path'>> & FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new FaultError('A fault is an object such as { status: 503, retryAfter: 1 }.');
  }
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new FaultError(`Unknown fault field ${unknown.join(', ')}; known: ${KEYS.join(', ')}.`);
  const { status, retryAfter, times, path } = record;
  if (typeof status !== 'number' || !STATUSES.includes(status)) {
    throw new FaultError(`status must be one of ${STATUSES.join(', ')}.`);
  }
  const whole = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);
  if (retryAfter !== undefined && !(whole(retryAfter) && retryAfter >= 0 && retryAfter <= 3600)) {
    throw new FaultError('retryAfter must be 0 to 3600 seconds.');
  }
  if (times !== undefined && !(whole(times) && times >= 1 && times <= 1000)) {
    throw new FaultError('times must be 1 to 1000.');
  }
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) {
    throw new FaultError('path must be an API path such as /rest/transactions.');
  }
  return {
    status,
    times: times ?? 1,
    ...(retryAfter !== undefined || status === 429 || status === 503 ? { retryAfter: retryAfter ?? 1 } : {}),
    ...(path !== undefined ? { path } : {}),
  };
}

/** Pending faults, first added first used. */
export class Faults {
  private readonly pending: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    const parsed = parseFault(spec);
    this.pending.push({ spec: parsed, left: parsed.times });
  }

  /** The fault this call to `path` must answer with, if any (and counts it). */
  take(path: string): Fault | undefined {
    const index = this.pending.findIndex((entry) => entry.spec.path === undefined || entry.spec.path === path);
    const entry = this.pending[index];
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left === 0) this.pending.splice(index, 1);
    return { status: entry.spec.status, retryAfter: entry.spec.retryAfter };
  }

  reset(): void {
    this.pending.length = 0;
  }
}
