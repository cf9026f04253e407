/**
 * Where a host keeps each connection's tokens and each pending flow. The kit ships three: `MemoryTokenStore`
 * (tests, throwaway demos), the embedded store (PGlite on a local directory, one process) and the PostgreSQL
 * store (many processes and machines); the last two are one SQL implementation (`stores/sql-store.ts`).
 * Tokens are kept whole: the docs give no length and ask for at least 2048 bytes each.
 */
import { lockKey, withKeyLock } from './keyed-lock.js';
import { TokenStoreError } from './store-error.js';
import type { ReauthorizationReason } from './reauthorization.js';

export interface TokenSet {
  accessToken: string;
  /** Replaced on every refresh; the API rejects an old one once a newer one has been issued. */
  refreshToken: string;
  /** When the access token expires, in ms since the epoch. */
  expiresAt: number;
  /** When the refresh token lapses (90 days after it was issued), in ms since the epoch; unknown if absent. */
  refreshExpiresAt?: number;
  scope?: string;
  tokenType?: string;
  /**
   * When the bank consent ends, in ms since the epoch, when the token response said so (`consent_expires_at`);
   * never guessed. Kept across refreshes that do not say it again. What the keeper's `track` takes.
   */
  consentExpiresAt?: number;
}

export type ConnectionStatus = 'active' | 'needs_reauthorization';

export interface Connection {
  key: string;
  tokens: TokenSet;
  status: ConnectionStatus;
  /** Set when `status` is `needs_reauthorization`. */
  reason?: ReauthorizationReason;
  /** Grows with every write: what a compare-and-swap checks. */
  version: number;
}

/** What `write` may store: new tokens (the connection is active again) or the re-authorization mark. */
export type ConnectionWrite = { tokens: TokenSet } | { needsReauthorization: ReauthorizationReason };

/** A connection taken by one caller (`TokenStore.hold`): the row as read, and the lease that holds it. */
export interface ConnectionHold {
  readonly connection: Connection;
  readonly lease: string;
}

/** A widget flow started by one session, waiting for its code: the exchange accepts it once, from that session. */
export interface PendingFlow {
  /** The API's flow id (`id` of the widget link; `flow_id` on the way back). */
  flowId: string;
  /** The state the element sent with the link request. */
  state: string;
  /** The host's session or user key that started the flow; the tokens are stored under it. */
  owner: string;
  /** The exchange must repeat it. */
  redirectUri: string;
  /** The flow that was started (`onetime/access`, `ongoing/access`, …): which access the code grants. */
  kind: string;
  createdAt: number;
  /** The code's lifetime: one hour after the flow started. */
  expiresAt: number;
}

/** `finishing`: another request holds the flow right now (exchanging its code or finishing it). */
export type ClaimFailure =
  'unknown_flow' | 'session_mismatch' | 'state_mismatch' | 'already_used' | 'expired' | 'finishing';

/**
 * A won claim: the flow is this request's until it says otherwise (`advancePendingFlow`) or the lease lapses.
 * `exchanged`: the code was already exchanged (it is single-use: never exchange it again). Its tokens are then
 * `tokens`, held with the flow (sealed like a connection's) from the exchange until the flow is finished, so a
 * failing store write loses nothing; `stored` says whether they are stored under the owner's key yet. A retry
 * stores them if not, and finishes with THIS flow's tokens. (`tokens` is absent for a flow exchanged by a kit
 * version that did not hold them: its tokens are the owner's connection.)
 */
export type ClaimResult =
  | { ok: true; flow: PendingFlow; exchanged: boolean; stored: boolean; tokens?: TokenSet; lease: string }
  | { ok: false; reason: ClaimFailure };

/**
 * What the claimant reports:
 * - `exchanged` with the tokens: the code was exchanged, the tokens are held with the flow (without tokens: the
 *   tokens are already stored, as `stored`);
 * - `stored`: the tokens are stored under the owner's key;
 * - `finished`: done for good (the held tokens are dropped);
 * - `released`: this attempt failed: another post may claim an exchanged flow again; an unexchanged one is spent
 *   (the API consumed or definitively refused its code);
 * - `unused`: this attempt failed before the API consumed the code (5xx, 429, timeout, a dropped connection):
 *   the flow is claimable again, with the same checks, as if never claimed.
 */
export type FlowStep = 'exchanged' | 'stored' | 'finished' | 'released' | 'unused';

/**
 * How long a claim holds the flow without reporting back. Longer than any finish should take (fetching every
 * page with retries); it only matters when a process died mid-flow, so that the flow can be finished again.
 */
export const FLOW_LEASE_MS = 10 * 60 * 1000;

export interface FlowClaim {
  flowId: string;
  state: string;
  owner: string;
  now: number;
}

export interface TokenStore {
  /**
   * Equal for every store object over the same data (a database URL, a directory): in-process locks are
   * keyed on it, so building a store per request does not race.
   */
  readonly scope: string;
  /** False when tokens are stored unsealed (the memory store, or the explicit plaintext opt-out). */
  readonly encrypted: boolean;
  get(key: string): Promise<Connection | undefined>;
  /** Stores a new token set (a code exchange): the connection is active from now on, whatever it was. */
  set(key: string, tokens: TokenSet): Promise<void>;
  /** Waits for a refresh of this key in flight (in any process) to finish, then deletes: it stays deleted. */
  delete(key: string): Promise<void>;
  /**
   * Takes the connection for one caller and reads it: while held, no other `hold` or `delete` of this key runs
   * (in this process, and for the SQL stores in any process: a lease in the row, renewed while held, lapsing if
   * its holder dies; no transaction is held meanwhile). Waits for another holder (the SQL stores give up with
   * `busy` after `lockTimeoutMs`). Undefined, and nothing held, when nothing is stored under `key`. Every hold
   * ends with exactly one `write` or `release`. The store calls nothing of the caller's meanwhile: what happens
   * while the connection is held (a refresh's API call) is the caller's (`tokens/refresh.ts`).
   */
  hold(key: string): Promise<ConnectionHold | undefined>;
  /**
   * Stores `write` if the connection is still the version `hold` read, and lets it go; a connection replaced or
   * deleted meanwhile is a `TokenStoreError` `conflict`. Resolves only once the write is stored (the SQL stores
   * retry on fresh connections until `writeDeadlineMs`).
   */
  write(hold: ConnectionHold, write: ConnectionWrite): Promise<void>;
  /** Lets the connection go unchanged. Never rejects: a lease it fails to clear lapses on its own. */
  release(hold: ConnectionHold): Promise<void>;
  savePendingFlow(flow: PendingFlow): Promise<void>;
  /**
   * Takes the flow if it is this owner's, with this state, unexpired, not held by another claim, and either
   * unused or exchanged but not finished; else says why not. Atomic: of racing claims at most one wins.
   */
  claimPendingFlow(claim: FlowClaim): Promise<ClaimResult>;
  /**
   * Records a claimed flow's progress; `released` and `unused` only free the flow if `lease` still holds it.
   * `tokens` goes with `exchanged`: held with the flow until it is finished.
   */
  advancePendingFlow(flowId: string, lease: string, step: FlowStep, tokens?: TokenSet): Promise<void>;
  close(): Promise<void>;
}

let memoryStores = 0;
const DAY = 24 * 60 * 60 * 1000;

/** Process memory only: lost on restart and not shared between instances. For tests and throwaway demos. */
export class MemoryTokenStore implements TokenStore {
  readonly scope = `memory:${++memoryStores}`;
  readonly encrypted = false;
  readonly #connections = new Map<string, Connection>();
  /** The in-process lock of each hold, by lease. */
  readonly #held = new Map<string, () => void>();
  readonly #flows = new Map<string, PendingFlow & FlowProgress & { stored: boolean; tokens?: TokenSet | undefined }>();

  async get(key: string): Promise<Connection | undefined> {
    const connection = this.#connections.get(key);
    return connection && copy(connection); // a copy, so callers cannot change what is stored
  }

  set(key: string, tokens: TokenSet): Promise<void> {
    return withKeyLock(`${this.scope}\0${key}`, async () => {
      const version = (this.#connections.get(key)?.version ?? 0) + 1;
      this.#connections.set(key, { key, tokens: { ...tokens }, status: 'active', version });
    });
  }

  /** Waits for a refresh in flight to store its answer, then deletes: the connection stays deleted. */
  delete(key: string): Promise<void> {
    return withKeyLock(`${this.scope}\0${key}`, async () => {
      this.#connections.delete(key);
    });
  }

  async hold(key: string): Promise<ConnectionHold | undefined> {
    const unlock = await lockKey(`${this.scope}\0${key}`);
    const current = this.#connections.get(key);
    if (!current) {
      unlock();
      return undefined;
    }
    const lease = crypto.randomUUID();
    this.#held.set(lease, unlock);
    return { connection: copy(current), lease };
  }

  async write(hold: ConnectionHold, write: ConnectionWrite): Promise<void> {
    try {
      const current = this.#connections.get(hold.connection.key);
      if (!this.#held.has(hold.lease) || current?.version !== hold.connection.version) {
        throw new TokenStoreError('conflict', 'The connection was replaced or deleted while it was held.');
      }
      this.#connections.set(current.key, applyWrite(current, write));
    } finally {
      await this.release(hold);
    }
  }

  async release(hold: ConnectionHold): Promise<void> {
    this.#held.get(hold.lease)?.();
    this.#held.delete(hold.lease);
  }

  async savePendingFlow(flow: PendingFlow): Promise<void> {
    // Like the SQL store: flows a day past their expiry are forgotten, so abandoned ones do not pile up.
    for (const [id, old] of this.#flows) if (old.expiresAt < flow.createdAt - DAY) this.#flows.delete(id);
    this.#flows.set(flow.flowId, { ...flow, used: false, exchanged: false, stored: false, finished: false });
  }

  async claimPendingFlow(claim: FlowClaim): Promise<ClaimResult> {
    const flow = this.#flows.get(claim.flowId);
    if (!flow) return { ok: false, reason: 'unknown_flow' };
    const failure = claimFailure({ ...flow, stateMatches: flow.state === claim.state }, claim);
    if (failure) return { ok: false, reason: failure };
    const lease = crypto.randomUUID();
    Object.assign(flow, { used: true, lease, leaseUntil: claim.now + FLOW_LEASE_MS });
    const { flowId, state, owner, redirectUri, kind, createdAt, expiresAt } = flow;
    const pending = { flowId, state, owner, redirectUri, kind, createdAt, expiresAt };
    const held = flow.tokens ? { tokens: { ...flow.tokens } } : {};
    return { ok: true, flow: pending, exchanged: flow.exchanged, stored: flow.stored, ...held, lease };
  }

  async advancePendingFlow(flowId: string, lease: string, step: FlowStep, tokens?: TokenSet): Promise<void> {
    const flow = this.#flows.get(flowId);
    if (!flow) return;
    if (step === 'exchanged')
      Object.assign(flow, { exchanged: true, stored: !tokens, tokens: tokens && { ...tokens } });
    if (step === 'stored') flow.stored = true;
    if (step === 'finished') Object.assign(flow, { finished: true, tokens: undefined });
    const holder = flow.lease === lease;
    if (step === 'unused' && holder && !flow.exchanged) flow.used = false;
    // Like the SQL store: only the holder lets go (a lapsed claim must not free a newer one's); finished frees it.
    if (step === 'finished' || ((step === 'released' || step === 'unused') && holder)) delete flow.leaseUntil;
  }

  async close(): Promise<void> {}
}

/** Where a pending flow is: claimed (`used`), its tokens stored (`exchanged`), `finished`, held until `leaseUntil`. */
interface FlowProgress {
  used: boolean;
  exchanged: boolean;
  finished: boolean;
  lease?: string;
  leaseUntil?: number;
}

/**
 * Why a claim fails, checked in this order: a foreign session learns nothing about the flow's state. A used
 * flow can be claimed again only once its code was exchanged (the tokens are stored), while it is unfinished
 * and nobody holds it: that is a retry of a finish that failed.
 */
export function claimFailure(
  flow: FlowProgress & { owner: string; stateMatches: boolean; expiresAt: number },
  claim: FlowClaim,
): ClaimFailure | undefined {
  const held = flow.leaseUntil !== undefined && claim.now < flow.leaseUntil;
  if (flow.owner !== claim.owner) return 'session_mismatch';
  if (!flow.stateMatches) return 'state_mismatch';
  if (flow.finished || (flow.used && !flow.exchanged && !held)) return 'already_used';
  if (claim.now >= flow.expiresAt) return 'expired';
  if (held) return 'finishing';
  return undefined;
}

/** The connection after a write: new tokens make it active again, a rejection marks it. */
function applyWrite(current: Connection, write: ConnectionWrite): Connection {
  const version = current.version + 1;
  if ('tokens' in write) return { key: current.key, tokens: { ...write.tokens }, status: 'active', version };
  return { ...current, status: 'needs_reauthorization', reason: write.needsReauthorization, version };
}

function copy(connection: Connection): Connection {
  return { ...connection, tokens: { ...connection.tokens } };
}
