/**
 * `nrich-connect/server`: the host backend half. Server-only: it handles the client secret, so no
 * browser entry of the package may import it.
 */
export { createNrichClient, DEFAULT_TIMEOUT_MS } from './client.js';
export type {
  CallOptions,
  FetchFunction,
  FlowOptions,
  NrichClient,
  NrichClientOptions,
  TransactionWalk,
} from './client.js';
export { DEFAULT_RETRY } from './retry.js';
export type { RetryOptions } from './retry.js';
export { NrichApiError, NrichConfigError, isNrichApiError } from './errors.js';
export type { NrichClientErrorCode, NrichErrorKind } from './errors.js';
export { exchangeAndFetch, fetchOneTimeData } from './one-time-data.js';
export { syncTransactions, SyncCursorError } from './client/sync-transactions.js';
export type { SyncTransactionsOptions, SyncTransactionsResult } from './client/sync-transactions.js';
export type { OneTimeData } from './one-time-data.js';
export { createWidgetLinkHandler } from './widget-link-handler.js';
export type { HostFlowFields, RequestHandler, WidgetLinkHandlerOptions } from './widget-link-handler.js';
export {
  validateWidgetLinkRequest,
  isAllowedRedirectUri,
  WIDGET_LANGUAGES,
  DEFAULT_MAX_SYNC_PERIOD,
} from './widget-link-request.js';
export type { RedirectUriPolicy, ValidationResult, WidgetLinkRules } from './widget-link-request.js';
export { upstreamErrorResponse } from './upstream-error.js';
export { jsonResponse, errorResponse } from './json-response.js';
export { readJsonBody, readJsonErrorResponse } from './read-json.js';
export type { ReadJsonFailure, ReadJsonOptions, ReadJsonResult } from './read-json.js';
export { toNodeHandler } from './node-adapter.js';
export type { NodeHandler, NodeNext, WebHandler } from './node-adapter.js';
export { FLOW_LEASE_MS, MemoryTokenStore } from './token-store.js';
export type {
  ClaimFailure,
  ClaimResult,
  Connection,
  ConnectionStatus,
  ConnectionWrite,
  FlowClaim,
  FlowStep,
  PendingFlow,
  TokenSet,
  TokenStore,
} from './token-store.js';
export {
  getConnectionState,
  getValidAccessToken,
  refreshTokens,
  saveTokenResponse,
  tokenSetFrom,
  DEFAULT_SKEW_MS,
  REFRESH_TOKEN_LIFETIME_MS,
} from './tokens.js';
export type { ConnectionState, TokenOptions } from './tokens.js';
export { ReauthorizationRequiredError, isReauthorizationRequired } from './reauthorization.js';
export type { ReauthorizationReason } from './reauthorization.js';
export {
  createTokenCipher,
  generateTokenKey,
  INSECURE_PLAINTEXT_VARIABLE,
  TOKEN_KEYS_VARIABLE,
} from './token-cipher.js';
export type { TokenCipher, TokenCipherOptions } from './token-cipher.js';
export { TokenStoreError, isTokenStoreError } from './stores/store-error.js';
export type { TokenStoreErrorCode } from './stores/store-error.js';
export { SqlTokenStore } from './stores/sql-store.js';
export type { ResealReport, SqlTokenStoreOptions } from './stores/sql-store.js';
export type { SqlDatabase, SqlQueryable } from './stores/sql-database.js';
export { createEmbeddedStore } from './stores/embedded.js';
export type { EmbeddedStoreOptions } from './stores/embedded.js';
export { createPostgresStore } from './stores/postgres.js';
export type { PgPool, PgPoolClient, PostgresStoreOptions } from './stores/postgres.js';
export { createExchangeHandler } from './exchange-handler.js';
export type { ConnectedInfo, ExchangeHandlerOptions, SessionKey } from './exchange-handler.js';
export { createConnectHandlers, PENDING_FLOW_TTL_MS } from './connect-handlers.js';
export type { ConnectHandlersOptions } from './connect-handlers.js';
export { createSessions } from './sessions.js';
export type { SessionOptions, Sessions } from './sessions.js';
export { FLOW_KINDS } from './types.js';
export type * from './types.js';
