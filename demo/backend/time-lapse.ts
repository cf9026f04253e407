/**
 * The embedded sandbox's time-lapse, so that `npm start` shows new transactions within a minute: qwist's
 * autosync and the keeper's sync each run every 6 hours of the API's clock. Every `everyMs` of real time the
 * sandbox's clock moves one hour forward, but only while it is safe and useful:
 * - no widget link is open (a link, an authorization code and an access token live one hour of sandbox time: a
 *   clock running fast under a flow would expire it before the user is through), and
 * - a page with a kept connection is watching (it asked `/api/sync` lately), so a demo left running in the
 *   background does not burn its 180 days of consent unseen.
 * The offset is saved in the data directory: sandbox time never goes back when the demo restarts (the
 * transactions it already listed, and the host's copy of them, stay in the past).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HOUR = 3_600_000;
/** A link may stay open at most this long (real time) before the time-lapse resumes without its exchange. */
const LINK_HOLD_MS = 10 * 60_000;
/** A page that polled this recently (real time) is watching. */
const WATCH_MS = 15_000;

interface TimeLapseState {
  /** Sandbox time that passes per step (one hour), and real time between steps. */
  stepMs: number;
  everyMs: number;
  /** Whether the last check moved (or would move) the clock: false while a link is open or nobody watches. */
  running: boolean;
}

export interface TimeLapse {
  /** A widget link was handed out: hold the clock until its exchange (or `LINK_HOLD_MS`). */
  linkOpened(): void;
  /** A code was exchanged: that flow is through. */
  exchanged(): void;
  /** A page with a kept connection asked for its sync. */
  watched(): void;
  state(): TimeLapseState;
  /** One step now if it may run (what the timer calls); answers whether the clock moved. */
  tick(): boolean;
  stop(): void;
}

export function startTimeLapse(options: {
  clock: { advance(ms: number): number; state(): { offset: number } };
  everyMs: number;
  /** Saves and restores the clock's offset here. */
  dataDirectory?: string;
  /** Real time (tests). */
  realNow?: () => number;
}): TimeLapse {
  const realNow = options.realNow ?? Date.now;
  const file = options.dataDirectory && join(options.dataDirectory, 'sandbox-clock.json');
  if (file) {
    const saved = readOffset(file);
    if (saved > 0) options.clock.advance(saved);
  }
  let openLinks: number[] = [];
  let watchedAt = -Infinity;

  const running = (): boolean => {
    const now = realNow();
    openLinks = openLinks.filter((at) => now - at < LINK_HOLD_MS);
    return openLinks.length === 0 && now - watchedAt < WATCH_MS;
  };
  const tick = (): boolean => {
    if (!running()) return false;
    options.clock.advance(HOUR);
    if (file) writeFileSync(file, JSON.stringify({ offset: options.clock.state().offset }), { mode: 0o600 });
    return true;
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();

  return {
    linkOpened: () => void openLinks.push(realNow()),
    // Flows are not told apart: the oldest open link is taken as the one that finished.
    exchanged: () => void openLinks.shift(),
    watched: () => void (watchedAt = realNow()),
    state: () => ({ stepMs: HOUR, everyMs: options.everyMs, running: running() }),
    tick,
    stop: () => clearInterval(timer),
  };
}

function readOffset(file: string): number {
  try {
    const { offset } = JSON.parse(readFileSync(file, 'utf8')) as { offset?: unknown };
    return typeof offset === 'number' && Number.isInteger(offset) && offset > 0 ? offset : 0;
  } catch {
    return 0; // first start
  }
}
