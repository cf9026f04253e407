/**
 * The population generator: N ongoing connections made directly (no widget, no code), each with its user id,
 * accounts and seeded history, answering the token responses `/auth/token` would have given, so a keeper's store
 * can be seeded with thousands of connections at once. Autosync and consent run from the moment of populating.
 */
import { NrichError } from '../server/index.js';
import type { SandboxContext } from './router.js';
import { tokenResponse } from './api.js';
import { TRANSACTION_COUNT } from './data.js';

export interface PopulateOptions {
  /** How many connections; 1 to 100 000. */
  connections: number;
  /** User ids are this prefix and a running number (`user-1`, `user-2`, …); default `user-`. */
  userIdPrefix?: string;
  /** Booked transactions seeded per connection; default 45 (0 to 5 000). */
  transactionCount?: number;
  /** Days of seeded history; default 90. */
  syncPeriod?: number;
  /** Days until each connection's bank consent ends; default the sandbox's `consentDays` (180). */
  consentDays?: number;
  /** `/rest/transactions` answers these connections at most this many per page. */
  pageCap?: number;
  /**
   * Spread the connections' start over the last this many days (0 to 89; default 0, all now): connection i of N
   * connected `spreadDays × i / N` days ago and was last refreshed then, so renewal deadlines and consent ends
   * are spread too. Each still gets an access token valid for the next hour.
   */
  spreadDays?: number;
}

export interface PopulatedConnection {
  /** The connection's id at the sandbox (its flow id): the key of counters and ground truth. */
  connectionId: string;
  userId: string;
  /** When the user "connected" (ISO): consent, autosync and the refresh token's 90 days count from it. */
  connectedAt: string;
  /** What `POST /auth/token` would have answered after the widget flow. */
  tokens: {
    access_token: string;
    expires_in: number;
    scope: string;
    token_type: string;
    refresh_token: string;
    consent_expires_at: string;
  };
}

/** A bad `populate` option; over HTTP 400 `invalid_populate`. One of the kit's errors (`NrichError`). */
export class PopulateError extends NrichError {
  override readonly name = 'PopulateError';
  readonly code = 'invalid_populate';
  readonly retryable = false;
}

const KEYS = ['connections', 'userIdPrefix', 'transactionCount', 'syncPeriod', 'consentDays', 'pageCap', 'spreadDays'];
const DAY = 24 * 60 * 60 * 1000;

function whole(input: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = input[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new PopulateError(`${key} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

export function createPopulator(ctx: SandboxContext): (options: PopulateOptions) => PopulatedConnection[] {
  let made = 0;
  return (options) => {
    const input = (typeof options === 'object' && options !== null ? options : {}) as unknown as Record<
      string,
      unknown
    >;
    const unknown = Object.keys(input).filter((key) => !KEYS.includes(key));
    if (unknown.length > 0) throw new PopulateError(`Unknown populate field ${unknown.join(', ')}.`);
    const connections = whole(input, 'connections', 1, 100_000);
    if (connections === undefined) throw new PopulateError('connections is required (1 to 100 000).');
    const prefix = input['userIdPrefix'] ?? 'user-';
    if (typeof prefix !== 'string' || prefix.length > 100) throw new PopulateError('userIdPrefix must be a string.');
    const transactionCount = whole(input, 'transactionCount', 0, 5000) ?? TRANSACTION_COUNT;
    const syncPeriod = whole(input, 'syncPeriod', 1, 3650) ?? 90;
    const consentDays = whole(input, 'consentDays', 1, 3650) ?? ctx.consentDays;
    const pageCap = whole(input, 'pageCap', 1, 1000);
    const spreadDays = whole(input, 'spreadDays', 0, 89) ?? 0;
    const now = ctx.now();
    const result: PopulatedConnection[] = [];
    for (let i = 0; i < connections; i++) {
      const connectedAt = now - Math.floor((spreadDays * DAY * i) / connections);
      made += 1;
      const userId = `${prefix}${made}`;
      const { flow, tokens } = ctx.store.connectDirectly(
        {
          kind: 'ongoing/access',
          redirectUri: 'http://localhost/populated',
          state: undefined,
          language: 'de',
          accounts: [],
          iban: undefined,
          accountTypes: undefined,
          allowMultiSelection: true,
          syncPeriod,
          userId,
          name: undefined,
          reportingPeriod: undefined,
          messageShape: 'current',
          coop: false,
          autopilot: undefined,
          autopilotDelay: 0,
          pageCap,
          transactionCount,
          omitPaging: false,
          expiredCode: false,
          seed: ctx.seed,
          addedAccount: undefined,
          consentDays,
        },
        connectedAt,
      );
      result.push({
        connectionId: flow.id,
        userId,
        connectedAt: new Date(connectedAt).toISOString(),
        tokens: tokenResponse(ctx, tokens) as PopulatedConnection['tokens'],
      });
    }
    return result;
  };
}
