/**
 * In-memory state of the emulated API: flows (by widget token and id), authorization codes,
 * access and refresh tokens. Every expiry reads the injected clock, so tests can jump an hour
 * ahead instead of waiting. Expired entries are dropped lazily on lookup: no timers, so a test
 * process never hangs on the sandbox.
 */
import { createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddedAccount } from './added-accounts.js';
import type { Counters } from './counters.js';

export const LANGUAGES = ['de', 'en', 'es', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export type MessageShape = 'current' | 'legacy';
export type Outcome = 'authorize' | 'cancel' | 'fail';

const HOUR = 60 * 60 * 1000;
/** Documented lifetimes (nrich-api.md). */
const CODE_TTL_MS = HOUR;
const ACCESS_TOKEN_TTL_MS = HOUR;
const REFRESH_TOKEN_TTL_MS = 90 * 24 * HOUR;
/** Not documented; an hour keeps an abandoned widget link from living forever. */
const WIDGET_TOKEN_TTL_MS = HOUR;
/** One-time flows keep their data about an hour after the user connected, then it is deleted. */
const ONE_TIME_DATA_TTL_MS = HOUR;
/** The bank consent behind an ongoing connection: "usually 180 days" (qwist's ongoing-access docs). */
export const CONSENT_DAYS = 180;

export interface FlowInput {
  /** The flow endpoint without its slash, e.g. `onetime/access`. */
  kind: string;
  redirectUri: string;
  state: string | undefined;
  language: Language;
  accounts: { id: string }[];
  iban: string | undefined;
  accountTypes: string[] | undefined;
  allowMultiSelection: boolean;
  syncPeriod: number;
  /** Flow-specific fields: `user_id` (ongoing), `name` (account verification), `reporting_period` (months). */
  userId: string | undefined;
  name: string | undefined;
  reportingPeriod: number | undefined;
  messageShape: MessageShape;
  coop: boolean;
  /** Browser tests: the widget presses this button by itself once loaded. */
  autopilot: Outcome | undefined;
  autopilotDelay: number;
  /** Data switches: answer at most this many transactions per page; seed this many; leave out `paging`. */
  pageCap: number | undefined;
  transactionCount: number;
  omitPaging: boolean;
  /** Scripted: the code is minted already expired, so its exchange fails with `invalid_grant`. */
  expiredCode: boolean;
  /** The seed of the generated bank data (the sandbox's `seed` option). */
  seed: string;
  /** An account a test added for this flow's IBAN: the connection has exactly this account. */
  addedAccount: AddedAccount | undefined;
  /** Days the bank consent lasts after the user connected (ongoing flows; the sandbox's `consentDays`). */
  consentDays?: number;
}

export interface Flow extends FlowInput {
  id: string;
  token: string;
  createdAt: number;
  expiresAt: number;
  /** Set once the widget reported an outcome: the token is spent from then on. */
  completed: { outcome: Outcome; bankId: string | undefined; at: number } | undefined;
}

/** One-time flows (`onetime/...`) lose their data an hour after the user connected; ongoing flows keep it. */
export function isOneTime(flow: Flow): boolean {
  return flow.kind.startsWith('onetime/');
}

/** When an ongoing connection's bank consent ends (ms); undefined for one-time flows and unconnected ones. */
export function consentExpiresAt(flow: Flow): number | undefined {
  if (isOneTime(flow) || flow.completed?.outcome !== 'authorize') return undefined;
  return flow.completed.at + (flow.consentDays ?? CONSENT_DAYS) * 24 * HOUR;
}

interface Expiring {
  flowId: string;
  expiresAt: number;
}
interface CodeEntry extends Expiring {
  redirectUri: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  flowId: string;
}

export type Lookup<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * JWT-shaped opaque strings of varying length: real codes and tokens start with `eyJ`, contain
 * dots and vary in size, and clients must survive all three (never assume a fixed length).
 */
function mintToken(kind: string, minBytes: number): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: `sandbox-${kind}` })).toString('base64url');
  const payload = randomBytes(minBytes + randomInt(0, 64)).toString('base64url');
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

/**
 * A refresh token names its connection and its place in the rotation (signed, so only the sandbox mints one):
 * a token that is no longer live but signed and older than the connection's current one is a reuse of an
 * already-rotated token, a "double refresh", counted without remembering every token ever issued.
 */
function mintRefreshToken(secret: Buffer, flowId: string, generation: number): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'sandbox-refresh' })).toString(
    'base64url',
  );
  const jti = randomBytes(60 + randomInt(0, 64)).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: flowId, gen: generation, jti })).toString('base64url');
  return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
}

/** The connection and generation a refresh token was minted for, if the sandbox signed it. */
function readRefreshToken(secret: Buffer, token: string): { flowId: string; generation: number } | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (!header || !payload || !signature || rest.length > 0) return undefined;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; gen?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.gen !== 'number') return undefined;
    return { flowId: claims.sub, generation: claims.gen };
  } catch {
    return undefined;
  }
}

/** All of the store's state as plain data (for `state-file.ts`: the demo's sandbox survives a restart). */
export interface SandboxSnapshot {
  flows: Flow[];
  codes: [string, CodeEntry][];
  accessTokens: [string, Expiring][];
  refreshTokens: [string, Expiring][];
  /** Refresh generation per connection and the signing key (older state files have neither). */
  generations?: [string, number][];
  refreshKey?: string;
}

export class SandboxStore {
  private readonly flowsByToken = new Map<string, Flow>();
  private readonly flowsById = new Map<string, Flow>();
  private readonly codes = new Map<string, CodeEntry>();
  private readonly accessTokens = new Map<string, Expiring>();
  private readonly refreshTokens = new Map<string, Expiring>();
  /** Per connection: the generation of its live refresh token, and its access tokens (pruned as they expire). */
  private readonly generations = new Map<string, number>();
  private readonly accessByFlow = new Map<string, string[]>();
  private refreshKey = randomBytes(32);

  constructor(
    private readonly now: () => number,
    private readonly counters?: Counters,
  ) {}

  createFlow(input: FlowInput): Flow {
    const createdAt = this.now();
    const flow: Flow = {
      ...input,
      id: randomUUID(),
      token: randomBytes(32).toString('base64url'),
      createdAt,
      expiresAt: createdAt + WIDGET_TOKEN_TTL_MS,
      completed: undefined,
    };
    this.flowsByToken.set(flow.token, flow);
    this.flowsById.set(flow.id, flow);
    return flow;
  }

  /** The flow behind a widget token, still usable or already completed; unknown and expired look alike. */
  flowByToken(token: string): Flow | undefined {
    const flow = this.flowsByToken.get(token);
    if (!flow) return undefined;
    if (this.now() >= flow.expiresAt && !flow.completed) {
      this.flowsByToken.delete(token);
      return undefined;
    }
    return flow;
  }

  flowById(id: string): Flow | undefined {
    return this.flowsById.get(id);
  }

  /** Marks the flow done; returns a fresh single-use code only for a successful authorization. */
  completeFlow(flow: Flow, outcome: Outcome, bankId: string | undefined): string | undefined {
    flow.completed = { outcome, bankId, at: this.now() };
    if (outcome !== 'authorize') return undefined;
    const code = mintToken('code', 96);
    const expiresAt = flow.expiredCode ? this.now() : this.now() + CODE_TTL_MS;
    this.codes.set(code, { flowId: flow.id, redirectUri: flow.redirectUri, expiresAt });
    return code;
  }

  /**
   * Single use: the code is deleted on the first attempt, even a failing one (as OAuth servers do).
   * `redirect_uri` is optional at the token endpoint; when sent it must be the flow's.
   */
  redeemCode(code: string, redirectUri: string | undefined): Lookup<TokenPair> {
    const entry = this.codes.get(code);
    if (!entry) return { ok: false, reason: 'The authorization code is unknown or was already used.' };
    this.codes.delete(code);
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'The authorization code has expired.' };
    if (redirectUri !== undefined && entry.redirectUri !== redirectUri) {
      return { ok: false, reason: 'redirect_uri does not match the one used to start the flow.' };
    }
    return { ok: true, value: this.issueTokens(entry.flowId) };
  }

  /** Rotation: the old refresh token dies the moment a new one is issued; using it again is counted. */
  refresh(refreshToken: string): Lookup<TokenPair> {
    const entry = this.refreshTokens.get(refreshToken);
    if (!entry) {
      const claims = readRefreshToken(this.refreshKey, refreshToken);
      const current = claims && this.generations.get(claims.flowId);
      if (claims && current !== undefined && claims.generation < current) {
        this.counters?.doubleRefresh(claims.flowId);
        return { ok: false, reason: 'The refresh token was already used (rotated); use the newest one.' };
      }
      return { ok: false, reason: 'The refresh token is unknown or was already used.' };
    }
    this.refreshTokens.delete(refreshToken);
    if (this.now() >= entry.expiresAt) return { ok: false, reason: 'The refresh token has expired.' };
    const flow = this.flowsById.get(entry.flowId);
    if (flow && this.dataDeleted(flow)) {
      return { ok: false, reason: 'The data of this one-time flow has been deleted; start a new flow.' };
    }
    this.counters?.refreshed(entry.flowId);
    return { ok: true, value: this.issueTokens(entry.flowId) };
  }

  /** True once a one-time flow's data is gone (an hour after the user connected, on the injected clock). */
  dataDeleted(flow: Flow): boolean {
    return isOneTime(flow) && flow.completed !== undefined && this.now() >= flow.completed.at + ONE_TIME_DATA_TTL_MS;
  }

  flowForAccessToken(accessToken: string): Flow | undefined {
    const entry = this.accessTokens.get(accessToken);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.accessTokens.delete(accessToken);
      return undefined;
    }
    return this.flowsById.get(entry.flowId);
  }

  /** A connection made without a widget (`populate`): the flow is authorized now and its tokens issued. */
  /**
   * A connection made without a widget (`populate`): authorized at `connectedAt` (default now; consent, autosync
   * and the seeded history count from it) and last refreshed then (its refresh token dies 90 days after), with an
   * access token valid from now.
   */
  connectDirectly(input: FlowInput, connectedAt = this.now()): { flow: Flow; tokens: TokenPair } {
    const flow = this.createFlow(input);
    flow.createdAt = connectedAt;
    flow.completed = { outcome: 'authorize', bankId: undefined, at: connectedAt };
    this.flowsByToken.delete(flow.token);
    return { flow, tokens: this.issueTokens(flow.id, connectedAt) };
  }

  snapshot(): SandboxSnapshot {
    return {
      flows: [...this.flowsById.values()],
      codes: [...this.codes],
      accessTokens: [...this.accessTokens],
      refreshTokens: [...this.refreshTokens],
      generations: [...this.generations],
      refreshKey: this.refreshKey.toString('base64url'),
    };
  }

  restore(snapshot: SandboxSnapshot): void {
    for (const flow of snapshot.flows) {
      this.flowsById.set(flow.id, flow);
      this.flowsByToken.set(flow.token, flow);
    }
    for (const [code, entry] of snapshot.codes) this.codes.set(code, entry);
    for (const [token, entry] of snapshot.accessTokens) this.accessTokens.set(token, entry);
    for (const [token, entry] of snapshot.refreshTokens) this.refreshTokens.set(token, entry);
    for (const [flowId, generation] of snapshot.generations ?? []) this.generations.set(flowId, generation);
    if (snapshot.refreshKey) this.refreshKey = Buffer.from(snapshot.refreshKey, 'base64url');
  }

  private issueTokens(flowId: string, refreshedAt = this.now()): TokenPair {
    const now = this.now();
    // 240+ random bytes: ~320+ base64url chars before the header, longer than naive column sizes.
    const accessToken = mintToken('access', 240);
    const generation = (this.generations.get(flowId) ?? -1) + 1;
    this.generations.set(flowId, generation);
    const refreshToken = mintRefreshToken(this.refreshKey, flowId, generation);
    this.accessTokens.set(accessToken, { flowId, expiresAt: now + ACCESS_TOKEN_TTL_MS });
    this.refreshTokens.set(refreshToken, { flowId, expiresAt: refreshedAt + REFRESH_TOKEN_TTL_MS });
    // A keeper refreshes thousands of connections for months: expired access tokens are dropped as new ones come.
    const live = (this.accessByFlow.get(flowId) ?? []).filter((token) => {
      const alive = (this.accessTokens.get(token)?.expiresAt ?? 0) > now;
      if (!alive) this.accessTokens.delete(token);
      return alive;
    });
    live.push(accessToken);
    this.accessByFlow.set(flowId, live);
    return { accessToken, refreshToken, flowId };
  }
}
