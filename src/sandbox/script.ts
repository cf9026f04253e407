/**
 * Scripted behavior for integrators' tests, set from Node (`sandbox.script(...)`) or over HTTP
 * (`POST /_sandbox/script`), so a test decides what the sandbox does without touching the widget's frame.
 * A global script applies to every flow started from then on; a next-flow script to one flow only (queued, in
 * order); the next-flow script's fields win over the global ones. Query switches on the flow start still win.
 */
import { NrichError } from '../server/index.js';
import type { MessageShape, Outcome } from './store.js';

export interface FlowScript {
  /** The widget presses this button by itself once loaded (its autopilot). */
  outcome?: Outcome;
  /** Milliseconds the widget waits before pressing, 0 to 30 000. */
  delay?: number;
  /** `legacy`: the older message shape `{ location, query, url }` and `cancel=` instead of `abort=`. */
  messageShape?: MessageShape;
  /** Serve the widget with `Cross-Origin-Opener-Policy: same-origin` (severs a popup's opener). */
  coop?: boolean;
  /** `GET /rest/transactions` answers at most this many per page, whatever `count` asks: capped pages. */
  pageCap?: number;
  /** How many booked transactions the connection has (default 45), e.g. 250 to exercise paging. */
  transactionCount?: number;
  /** The flow's authorization code is already expired when exchanged (`invalid_grant`). */
  expiredCode?: boolean;
}

const MAX_DELAY_MS = 30_000;
const OUTCOMES: readonly Outcome[] = ['authorize', 'cancel', 'fail'];
const KEYS = ['outcome', 'delay', 'messageShape', 'coop', 'pageCap', 'transactionCount', 'expiredCode'] as const;
const MAX_PAGE_CAP = 1000;
const MAX_TRANSACTION_COUNT = 5000;

/** A bad script: the message names the field; over HTTP it becomes 400 `invalid_script`. One of the kit's errors (`NrichError`), code `invalid_script`. */
export class ScriptError extends NrichError {
  override readonly name = 'ScriptError';
  readonly code = 'invalid_script';
  readonly retryable = false;
}

/** Checks a script from JS or JSON; unknown fields are refused so a typo never silently does nothing. */
export function parseScript(input: unknown): FlowScript {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ScriptError('A script is an object such as { outcome: "authorize" }.');
  }
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown.length > 0)
    throw new ScriptError(`Unknown script field ${unknown.join(', ')}; known: ${KEYS.join(', ')}.`);
  const script: FlowScript = {};
  const { outcome, delay, messageShape, coop, pageCap, transactionCount, expiredCode } = record;
  if (outcome !== undefined) {
    const known = OUTCOMES.find((candidate) => candidate === outcome);
    if (!known) throw new ScriptError(`outcome must be one of ${OUTCOMES.join(', ')}.`);
    script.outcome = known;
  }
  if (delay !== undefined) {
    if (!isWhole(delay) || delay > MAX_DELAY_MS) throw new ScriptError(`delay must be 0 to ${MAX_DELAY_MS} ms.`);
    script.delay = delay;
  }
  if (messageShape !== undefined) {
    if (messageShape !== 'current' && messageShape !== 'legacy') {
      throw new ScriptError('messageShape must be current or legacy.');
    }
    script.messageShape = messageShape;
  }
  if (coop !== undefined) script.coop = flag(coop, 'coop');
  if (pageCap !== undefined) {
    if (!isWhole(pageCap) || pageCap < 1 || pageCap > MAX_PAGE_CAP) {
      throw new ScriptError(`pageCap must be 1 to ${MAX_PAGE_CAP}.`);
    }
    script.pageCap = pageCap;
  }
  if (transactionCount !== undefined) {
    if (!isWhole(transactionCount) || transactionCount > MAX_TRANSACTION_COUNT) {
      throw new ScriptError(`transactionCount must be 0 to ${MAX_TRANSACTION_COUNT}.`);
    }
    script.transactionCount = transactionCount;
  }
  if (expiredCode !== undefined) script.expiredCode = flag(expiredCode, 'expiredCode');
  return script;
}

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function flag(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw new ScriptError(`${name} must be true or false.`);
  return value;
}

/** The global script and the queue of next-flow scripts. */
export class Scripts {
  private global: FlowScript = {};
  private readonly queue: FlowScript[] = [];

  setGlobal(script: FlowScript): void {
    this.global = script;
  }

  enqueue(script: FlowScript): void {
    this.queue.push(script);
  }

  /** What the next flow gets: the global script overlaid with the next queued one. */
  forNextFlow(): FlowScript {
    return { ...this.global, ...this.queue[0] };
  }

  /** A flow started with `forNextFlow()`: its queued script is spent. */
  flowStarted(): void {
    this.queue.shift();
  }

  reset(): void {
    this.global = {};
    this.queue.length = 0;
  }
}
