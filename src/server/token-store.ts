/**
 * Where a host keeps each connection's tokens and each pending flow. The kit ships three: `MemoryTokenStore`
 * (tests, throwaway demos), the embedded store (PGlite on a local directory, one process) and the PostgreSQL
 * store (many processes and machines); the last two are one SQL implementation (`stores/sql-store.ts`).
 * Tokens are kept whole: the docs give no length and ask for at least 2048 bytes each.
 */
import { withKeyLock } from './keyed-lock.js';
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

/** What `update` may write: new tokens (the connection is active again) or the re-authorization mark. */
export type ConnectionWrite = { tokens: TokenSet } | { needsReauthorization: ReauthorizationReason };

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

export type ClaimFailure = 'unknown_flow' | 'session_mismatch' | 'state_mismatch' | 'already_used' | 'expired';
export type ClaimResult = { ok: true; flow: PendingFlow } | { ok: false; reason: ClaimFailure };

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
  /** False when tokens are stored unsealed (no key outside production). */
  readonly encrypted: boolean;
  get(key: string): Promise<Connection | undefined>;
  /** Stores a new token set (a code exchange): the connection is active from now on, whatever it was. */
  set(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Reads the connection and runs `task` while no other `update` or `set` for this key runs: in this process,
   * and for the PostgreSQL store in any process (a row lock held by the database). What `task` returns in
   * `write` is stored before the promise resolves; if storing fails, the promise rejects.
   */
  update<T>(
    key: string,
    task: (current: Connection | undefined) => Promise<{ value: T; write?: ConnectionWrite }>,
  ): Promise<T>;
  savePendingFlow(flow: PendingFlow): Promise<void>;
  /** Marks the flow used if it is this owner's, with this state, unused and unexpired; else says why not. */
  claimPendingFlow(claim: FlowClaim): Promise<ClaimResult>;
  close(): Promise<void>;
}

let memoryStores = 0;
const DAY = 24 * 60 * 60 * 1000;

/** Process memory only: lost on restart and not shared between instances. For tests and throwaway demos. */
export class MemoryTokenStore implements TokenStore {
  readonly scope = `memory:${++memoryStores}`;
  readonly encrypted = false;
  readonly #connections = new Map<string, Connection>();
  readonly #flows = new Map<string, PendingFlow & { used: boolean }>();

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

  async delete(key: string): Promise<void> {
    this.#connections.delete(key);
  }

  update<T>(
    key: string,
    task: (current: Connection | undefined) => Promise<{ value: T; write?: ConnectionWrite }>,
  ): Promise<T> {
    return withKeyLock(`${this.scope}\0${key}`, async () => {
      const current = this.#connections.get(key);
      const { value, write } = await task(current && copy(current));
      if (write && current) this.#connections.set(key, applyWrite(current, write));
      return value;
    });
  }

  async savePendingFlow(flow: PendingFlow): Promise<void> {
    // Like the SQL store: flows a day past their expiry are forgotten, so abandoned ones do not pile up.
    for (const [id, old] of this.#flows) if (old.expiresAt < flow.createdAt - DAY) this.#flows.delete(id);
    this.#flows.set(flow.flowId, { ...flow, used: false });
  }

  async claimPendingFlow(claim: FlowClaim): Promise<ClaimResult> {
    const flow = this.#flows.get(claim.flowId);
    if (!flow) return { ok: false, reason: 'unknown_flow' };
    const failure = claimFailure({ ...flow, stateMatches: flow.state === claim.state }, claim);
    if (failure) return { ok: false, reason: failure };
    flow.used = true;
    const { used: _used, ...pending } = flow;
    return { ok: true, flow: pending };
  }

  async close(): Promise<void> {}
}

/** Why a claim fails, checked in this order: a foreign session learns nothing about the flow's state. */
export function claimFailure(
  flow: { owner: string; stateMatches: boolean; used: boolean; expiresAt: number },
  claim: FlowClaim,
): ClaimFailure | undefined {
  if (flow.owner !== claim.owner) return 'session_mismatch';
  if (!flow.stateMatches) return 'state_mismatch';
  if (flow.used) return 'already_used';
  if (claim.now >= flow.expiresAt) return 'expired';
  return undefined;
}

/** The connection after a write: new tokens make it active again, a rejection marks it. */
export function applyWrite(current: Connection, write: ConnectionWrite): Connection {
  const version = current.version + 1;
  if ('tokens' in write) return { key: current.key, tokens: { ...write.tokens }, status: 'active', version };
  return { ...current, status: 'needs_reauthorization', reason: write.needsReauthorization, version };
}

function copy(connection: Connection): Connection {
  return { ...connection, tokens: { ...connection.tokens } };
}
