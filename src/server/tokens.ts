/**
 * Keeps a stored token set usable: hands out the access token while it is fresh and refreshes it,
 * storing the rotated refresh token, when it is not.
 *
 * Every refresh rotates the refresh token and the API rejects a used one, so two refreshes racing with
 * the same token would log the user out. Calls for one store and key therefore run one after another:
 * the second caller finds the token the first one stored and needs no refresh of its own. This holds
 * within one process; hosts running several instances need a store-side lock.
 */
import type { NrichClient } from './client.js';
import type { TokenSet, TokenStore } from './token-store.js';
import type { TokenResponse } from './types.js';

/** Refresh this long before the stated expiry, so a token does not expire on its way to the API. */
export const DEFAULT_SKEW_MS = 60_000;

export interface TokenOptions {
  store: TokenStore;
  key: string;
  client: Pick<NrichClient, 'refreshToken'>;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
}

/** Turns a `/auth/token` answer into what the store keeps, and stores it. */
export async function saveTokenResponse(
  store: TokenStore,
  key: string,
  response: TokenResponse,
  now: () => number = Date.now,
): Promise<TokenSet> {
  const tokens: TokenSet = {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: now() + response.expires_in * 1000,
    ...(response.scope === undefined ? {} : { scope: response.scope }),
    ...(response.token_type === undefined ? {} : { tokenType: response.token_type }),
  };
  await store.set(key, tokens);
  return tokens;
}

/**
 * A valid access token for `key`, refreshed (and the new refresh token stored) when it expires within
 * `skewMs`; undefined when nothing is stored. A rejected refresh throws the client's `NrichApiError`.
 */
export function getValidAccessToken(options: TokenOptions & { skewMs?: number }): Promise<string | undefined> {
  const now = options.now ?? Date.now;
  const skew = options.skewMs ?? DEFAULT_SKEW_MS;
  return serialize(options.store, options.key, async () => {
    const tokens = await options.store.get(options.key);
    if (!tokens) return undefined;
    if (tokens.expiresAt - skew > now()) return tokens.accessToken;
    return (await refresh(options, tokens)).accessToken;
  });
}

/** Refreshes now, whatever the expiry (e.g. after the API rejected an access token); undefined when nothing is stored. */
export function refreshTokens(options: TokenOptions): Promise<TokenSet | undefined> {
  return serialize(options.store, options.key, async () => {
    const tokens = await options.store.get(options.key);
    return tokens && refresh(options, tokens);
  });
}

async function refresh(options: TokenOptions, tokens: TokenSet): Promise<TokenSet> {
  const response = await options.client.refreshToken(tokens.refreshToken);
  return saveTokenResponse(options.store, options.key, response, options.now);
}

// Per store, per key: the tail of the queue of calls. Weak on the store, so dropping a store frees it.
const queues = new WeakMap<TokenStore, Map<string, Promise<unknown>>>();

function serialize<T>(store: TokenStore, key: string, task: () => Promise<T>): Promise<T> {
  let byKey = queues.get(store);
  if (!byKey) queues.set(store, (byKey = new Map()));
  const previous = byKey.get(key) ?? Promise.resolve();
  const result = previous.then(task, task); // a failed predecessor must not block the queue
  const tail = result.then(
    () => {},
    () => {},
  );
  byKey.set(key, tail);
  void tail.then(() => {
    if (byKey.get(key) === tail) byKey.delete(key); // nothing queued behind us: forget the key
  });
  return result;
}
