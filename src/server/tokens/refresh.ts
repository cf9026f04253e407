/**
 * tokens/: what keeps a connection usable. This file orchestrates the refresh (take the store's lease on the
 * connection, ask the API, write the answer checked against the version read, or let the lease go); the
 * `TokenStore` contract (`token-store.ts`), the cipher tokens are sealed with (`token-cipher.ts`, `aes-gcm.ts`),
 * the store's error (`store-error.ts`) and re-authorization live beside it; `stores/` holds the SQL stores, which
 * only store: no store code calls the API or a callback that does. Imports run one way: stores/ → tokens/ →
 * client/ → the shared top level.
 *
 * Keeps a stored connection usable: hands out the access token while it is fresh and refreshes it, storing
 * the rotated refresh token, when it is not.
 *
 * Every refresh rotates the refresh token and the API rejects a used one, so two refreshes racing with one
 * token would log the user out. The refresh therefore holds the connection (`store.hold`): one caller at a time
 * per connection (across processes for the SQL stores, on a lease in the row, with no database transaction or
 * pool connection held during the API call), and each caller reads the row once it holds it, so the ones that
 * waited find the new access token and make no call of their own. The new refresh token is stored before
 * any caller sees success. Reads of a fresh token take no claim, so refreshes never hold them up.
 *
 * A refresh the API refuses (400/401 `invalid_grant`) marks the connection `needs_reauthorization`; from then
 * on the connection throws `ReauthorizationRequiredError` without calling the API, until the user connects again.
 */
import type { NrichClient } from '../client/client.js';
import { checkOptions, NrichConfigError } from '../errors.js';
import { isTokenStoreError } from './store-error.js';
import { isRejectedGrant, ReauthorizationRequiredError, type ReauthorizationReason } from './reauthorization.js';
import type { Connection, ConnectionWrite, TokenSet, TokenStore } from './token-store.js';
import type { TokenResponse } from '../types.js';

/** Refresh this long before the stated expiry, so a token does not expire on its way to the API. */
const DEFAULT_SKEW_MS = 60_000;
/** A refresh token's lifetime (the docs: 90 days); access also lapses after 90 days without user activity. */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

interface TokenOptions {
  store: TokenStore;
  key: string;
  client: Pick<NrichClient, 'refreshToken'>;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
}

/** What a host may ask about a connection, e.g. to show "connected" or a "reconnect" button. */
export type ConnectionState =
  | { status: 'not_connected' }
  | { status: 'active'; expiresAt: number; refreshExpiresAt?: number }
  | { status: 'needs_reauthorization'; reason: ReauthorizationReason }
  /**
   * The row is there but this instance cannot open it: sealed under a key it does not have (`unknown_key`: a
   * rolling key rotation not finished everywhere) or damaged (`undecryptable`). Not the user's doing.
   */
  | { status: 'unreadable'; reason: 'unknown_key' | 'undecryptable' };

/**
 * Turns a `/auth/token` answer into what the store keeps. A refresh passes the tokens it replaces: the consent's
 * end belongs to the connection, so an answer that does not state it again keeps the one known.
 */
export function tokenSetFrom(response: TokenResponse, now: number, previous?: TokenSet): TokenSet {
  const consentExpiresAt = consentTime(response.consent_expires_at) ?? previous?.consentExpiresAt;
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: now + response.expires_in * 1000,
    refreshExpiresAt: now + REFRESH_TOKEN_LIFETIME_MS,
    ...(response.scope === undefined ? {} : { scope: response.scope }),
    ...(response.token_type === undefined ? {} : { tokenType: response.token_type }),
    ...(consentExpiresAt === undefined ? {} : { consentExpiresAt }),
  };
}

/**
 * `consent_expires_at` as ms, or undefined unless it is an ISO 8601 date-time with a zone. The field is not in
 * the API's docs: a value the kit cannot read is left out (the keeper then counts the usual 180 days) rather
 * than failing an exchange whose code is already spent.
 */
function consentTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : undefined;
}

/** Stores a code exchange's answer under `key` (the connection is active from now on) and returns it. */
export async function saveTokenResponse(
  store: TokenStore,
  key: string,
  response: TokenResponse,
  now: () => number = Date.now,
): Promise<TokenSet> {
  const tokens = tokenSetFrom(response, now());
  await store.set(key, tokens);
  return tokens;
}

/**
 * A valid access token for `key`, refreshed (and the new refresh token stored) when it expires within
 * `skewMs`; undefined when nothing is stored. Throws `ReauthorizationRequiredError` when the user has to
 * connect again, and the client's `NrichApiError` when the API could not be asked (nothing is changed then).
 */
export async function getValidAccessToken(options: TokenOptions & { skewMs?: number }): Promise<string | undefined> {
  checkTokenOptions(options, 'getValidAccessToken');
  if (options.skewMs !== undefined && (typeof options.skewMs !== 'number' || !(options.skewMs >= 0))) {
    throw new NrichConfigError('skewMs', 'must be a number of ms, 0 or more.');
  }
  const now = options.now ?? Date.now;
  const skew = options.skewMs ?? DEFAULT_SKEW_MS;
  const due = (tokens: TokenSet): boolean => tokens.expiresAt - skew <= now();
  // Most calls find a fresh token: read without the lock, and take it only to refresh.
  const connection = await options.store.get(options.key);
  if (!connection) return undefined;
  usable(connection, now());
  if (!due(connection.tokens)) return connection.tokens.accessToken;
  return (await refreshWhen(options, due))?.accessToken;
}

/**
 * Refreshes now, whatever the expiry; undefined when nothing is stored. Pass the access token the API just
 * rejected as `rejectedAccessToken`: when another caller has replaced it meanwhile, its successor is returned
 * without a second refresh.
 */
export async function refreshTokens(
  options: TokenOptions & { rejectedAccessToken?: string },
): Promise<TokenSet | undefined> {
  checkTokenOptions(options, 'refreshTokens');
  const { rejectedAccessToken } = options;
  return refreshWhen(
    options,
    (tokens) => rejectedAccessToken === undefined || tokens.accessToken === rejectedAccessToken,
  );
}

/** Where the connection stands, without calling the API. */
export async function getConnectionState(
  options: Pick<TokenOptions, 'store' | 'key' | 'now'>,
): Promise<ConnectionState> {
  checkTokenOptions(options, 'getConnectionState', false);
  let connection: Connection | undefined;
  try {
    connection = await options.store.get(options.key);
  } catch (error) {
    if (isTokenStoreError(error) && (error.code === 'unknown_key' || error.code === 'undecryptable')) {
      return { status: 'unreadable', reason: error.code };
    }
    throw error;
  }
  if (!connection) return { status: 'not_connected' };
  const reason = lapse(connection, (options.now ?? Date.now)());
  if (reason) return { status: 'needs_reauthorization', reason };
  const { expiresAt, refreshExpiresAt } = connection.tokens;
  return { status: 'active', expiresAt, ...(refreshExpiresAt === undefined ? {} : { refreshExpiresAt }) };
}

type Refreshed = { tokens: TokenSet | undefined } | { reauthorize: ReauthorizationReason };

/**
 * The refresh, in one place: hold the connection (the store's lease), refresh if `needed` (still) says so, write
 * the answer checked against the version held, then answer. The store is asked to store and nothing else; the
 * API call happens here, between `hold` and `write`, and every hold ends in one `write` or `release`.
 */
async function refreshWhen(
  options: TokenOptions,
  needed: (tokens: TokenSet) => boolean,
): Promise<TokenSet | undefined> {
  const { store } = options;
  const held = await store.hold(options.key);
  if (!held) return undefined;
  let outcome: { value: Refreshed; write?: ConnectionWrite };
  try {
    outcome = await refreshHeld(options, held.connection, needed);
  } catch (error) {
    await store.release(held); // nothing known about the token: leave the connection as it is
    throw error;
  }
  if (outcome.write) await store.write(held, outcome.write);
  else await store.release(held);
  if ('reauthorize' in outcome.value) throw new ReauthorizationRequiredError(options.key, outcome.value.reauthorize);
  return outcome.value.tokens;
}

/** What to answer and what to store, for the connection as held. */
async function refreshHeld(
  options: TokenOptions,
  current: Connection,
  needed: (tokens: TokenSet) => boolean,
): Promise<{ value: Refreshed; write?: ConnectionWrite }> {
  const now = options.now ?? Date.now;
  const reason = lapse(current, now());
  if (reason) {
    const mark = current.status === 'active' ? { write: { needsReauthorization: reason } } : {};
    return { value: { reauthorize: reason }, ...mark };
  }
  if (!needed(current.tokens)) return { value: { tokens: current.tokens } }; // another caller refreshed it
  let response: TokenResponse;
  try {
    response = await options.client.refreshToken(current.tokens.refreshToken);
  } catch (error) {
    if (!isRejectedGrant(error)) throw error;
    return { value: { reauthorize: 'invalid_grant' }, write: { needsReauthorization: 'invalid_grant' } };
  }
  const tokens = tokenSetFrom(response, now(), current.tokens);
  return { value: { tokens }, write: { tokens } };
}

/** The parts a token call uses, checked before any is: a wrong one is a typed error, not a TypeError later. */
function checkTokenOptions(options: Partial<TokenOptions>, call: string, callsApi = true): void {
  checkOptions(options, call);
  const { store, key, client, now } = options as Partial<Record<keyof TokenOptions, unknown>>;
  const isStore = typeof store === 'object' && store !== null;
  if (!isStore || !['get', 'hold', 'write', 'release'].every((name) => typeof (store as never)[name] === 'function')) {
    throw new NrichConfigError('store', 'must be a token store (createPostgresStore, createEmbeddedStore, …).');
  }
  if (typeof key !== 'string' || key === '') throw new NrichConfigError('key', 'must be a non-empty string.');
  if (callsApi && typeof (client as { refreshToken?: unknown } | null)?.refreshToken !== 'function') {
    throw new NrichConfigError('client', 'must be a client made by createNrichClient.');
  }
  if (now !== undefined && typeof now !== 'function') throw new NrichConfigError('now', 'must be a function.');
}

/** Throws when the connection can no longer be used. */
function usable(connection: Connection, now: number): void {
  const reason = lapse(connection, now);
  if (reason) throw new ReauthorizationRequiredError(connection.key, reason);
}

/** Why the connection cannot be refreshed any more, if it cannot. */
function lapse(connection: Connection, now: number): ReauthorizationReason | undefined {
  if (connection.status === 'needs_reauthorization') return connection.reason ?? 'invalid_grant';
  const lapsesAt = connection.tokens.refreshExpiresAt;
  return lapsesAt !== undefined && lapsesAt <= now ? 'expired' : undefined;
}
