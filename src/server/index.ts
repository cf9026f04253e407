/**
 * `nrich-connect/server`: the host backend half. Server-only: it handles the client secret, so no browser entry
 * of the package may import it. What every host needs, and no more (at most 45 names, test/package/
 * server-surface.test.ts): the client, the two routes and their sessions, the token calls, the stores, the error
 * family and the JSON helpers for a host's own routes. What a store implementer needs is in
 * `nrich-connect/server/store` (./store.ts).
 *
 * The folders: client/ talks to the API, tokens/ keeps connections usable (stores under tokens/stores/), http/
 * serves the routes, keeper/ keeps connections fresh in the background (its own entry,
 * `nrich-connect/server/keeper`); errors.ts and types.ts are shared by all of them.
 */
export { createNrichClient } from './client/client.js';
export type { NrichClient, NrichClientOptions } from './client/client.js';
export { exchangeAndFetch, fetchOneTimeData } from './client/one-time-data.js';
export type { OneTimeData } from './client/one-time-data.js';
export { syncTransactions } from './client/sync-transactions.js';
export type { Account, Transaction, WidgetLink } from './types.js';

export { NrichError, NrichConfigError } from './errors.js';
export { NrichApiError, isNrichApiError } from './client/api-error.js';
export { TokenStoreError, isTokenStoreError } from './tokens/store-error.js';
export { ReauthorizationRequiredError, isReauthorizationRequired } from './tokens/reauthorization.js';

export { createWidgetLinkHandler } from './http/widget-link-handler.js';
export type { RequestHandler } from './http/widget-link-handler.js';
export type { RedirectUriPolicy } from './http/widget-link-request.js';
export { createConnectHandlers } from './http/connect-handlers.js';
export type { ConnectedInfo, SessionKey } from './http/exchange-handler.js';
export { createSessions } from './http/sessions.js';
export type { Sessions } from './http/sessions.js';
export { toNodeHandler } from './http/node-adapter.js';
export type { NodeNext } from './http/node-adapter.js';
export { jsonResponse, errorResponse } from './http/json-response.js';
export { readJsonBody, readJsonErrorResponse } from './http/read-json.js';
export { upstreamErrorResponse } from './http/upstream-error.js';

export { getConnectionState, getValidAccessToken, refreshTokens, saveTokenResponse } from './tokens/refresh.js';
export type { ConnectionState } from './tokens/refresh.js';
export { MemoryTokenStore } from './tokens/token-store.js';
export type { TokenSet, TokenStore } from './tokens/token-store.js';
export { generateTokenKey, TOKEN_KEYS_VARIABLE } from './tokens/token-cipher.js';
export { createEmbeddedStore } from './tokens/stores/embedded.js';
export { createPostgresStore } from './tokens/stores/postgres.js';
