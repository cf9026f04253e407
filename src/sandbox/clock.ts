/**
 * The sandbox's clock: what every expiry (codes, tokens, one-time data, consent) and autosync reads. Tests move
 * it forward (days, not hours) instead of waiting. Three bases: real time (`Date.now`), a function the test owns,
 * or a linear scaled clock `{ epoch, speed, origin }` (sim time = epoch + (real now − origin) × speed) that other
 * processes reproduce from the same numbers without asking the sandbox (`scaledNow`). `advance` adds an offset on
 * top of any base; the clock never goes back, so nothing that expired comes back to life.
 */
import { NrichError } from '../server/index.js';

/** A linear scaled clock: at real time `origin` (ms since 1970) the sandbox's time is `epoch`; it runs `speed`× real time. */
export interface ScaledClock {
  epoch: number;
  /** Default 1; 86 400 makes a real second a simulated day. */
  speed?: number;
  /** Real `Date.now()` at which sim time equals `epoch`; default when the sandbox starts. */
  origin?: number;
}

/** What another process needs to compute the same time: `GET /_sandbox/clock` answers it. */
export interface ClockState {
  /** The sandbox's time now (ms since 1970), and as ISO text. */
  now: number;
  iso: string;
  /** Set for a scaled clock: sim time = epoch + (Date.now() − origin) × speed + offset. */
  scaled: { epoch: number; speed: number; origin: number } | undefined;
  /** Added by `advance`/`set` on top of the base. */
  offset: number;
}

/** A clock move back, or a bad scaled clock; over HTTP 400 `invalid_clock`. One of the kit's errors (`NrichError`). */
export class ClockError extends NrichError {
  override readonly name = 'ClockError';
  readonly code = 'invalid_clock';
  readonly retryable = false;
}

/** The time a scaled clock shows at real time `realNow`: the function a worker runs instead of asking. */
export function scaledNow(
  clock: { epoch: number; speed: number; origin: number; offset?: number },
  realNow = Date.now(),
): number {
  return Math.floor(clock.epoch + (realNow - clock.origin) * clock.speed + (clock.offset ?? 0));
}

export class SandboxClock {
  private offset = 0;
  private readonly base: () => number;
  private readonly scaled: { epoch: number; speed: number; origin: number } | undefined;

  constructor(source: (() => number) | ScaledClock | undefined) {
    if (typeof source === 'function') {
      this.base = source;
    } else if (source) {
      const speed = source.speed ?? 1;
      if (!Number.isFinite(source.epoch)) throw new ClockError('clock.epoch must be a time in ms.');
      if (!Number.isFinite(speed) || speed <= 0) throw new ClockError('clock.speed must be above 0.');
      const scaled = { epoch: source.epoch, speed, origin: source.origin ?? Date.now() };
      this.scaled = scaled;
      this.base = () => scaledNow(scaled);
    } else {
      this.base = Date.now;
    }
  }

  now(): number {
    return this.base() + this.offset;
  }

  /** Moves the clock `ms` forward (whole, ≥ 0); answers the new time. */
  advance(ms: number): number {
    if (!Number.isInteger(ms) || ms < 0) throw new ClockError('advance takes whole milliseconds, 0 or more.');
    this.offset += ms;
    return this.now();
  }

  /** Moves the clock forward to `time` (ms since 1970); a time in the past is refused. */
  set(time: number): number {
    const now = this.now();
    if (!Number.isInteger(time) || time < now) throw new ClockError('set takes a time in ms, not before now.');
    return this.advance(time - now);
  }

  state(): ClockState {
    const now = this.now();
    return { now, iso: new Date(now).toISOString(), scaled: this.scaled && { ...this.scaled }, offset: this.offset };
  }
}
