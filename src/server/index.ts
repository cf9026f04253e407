/**
 * `nrich-connect/server`: the host backend half. Server-only: it handles the client secret, so no
 * browser entry of the package may import it.
 */
export { createNrichClient, DEFAULT_TIMEOUT_MS } from './client/client.js';
export type {
  CallOptions,
  FetchFunction,
  FlowOptions,
  NrichClient,
  NrichClientOptions,
  TransactionWalk,
} from './client/client.js';
export { DEFAULT_RETRY } from './client/retry.js';
export type { RetryOptions } from './client/retry.js';
export { NrichError, NrichConfigError, isNrichError } from './errors.js';
export { NrichApiError, isNrichApiError } from './client/api-error.js';
export type { NrichClientErrorCode, NrichErrorKind } from './client/api-error.js';
export { exchangeAndFetch, fetchOneTimeData } from './client/one-time-data.js';
export type { OneTimeData } from './client/one-time-data.js';
export { createWidgetLinkHandler } from './http/widget-link-handler.js';
export type { HostFlowFields, RequestHandler, WidgetLinkHandlerOptions } from './http/widget-link-handler.js';
export {
  validateWidgetLinkRequest,
  isAllowedRedirectUri,
  WIDGET_LANGUAGES,
  DEFAULT_MAX_SYNC_PERIOD,
} from './http/widget-link-request.js';
export type { RedirectUriPolicy, ValidationResult, WidgetLinkRules } from './http/widget-link-request.js';
export { upstreamErrorResponse } from './http/upstream-error.js';
export { jsonResponse, errorResponse } from './http/json-response.js';
export { readJsonBody, readJsonErrorResponse } from './http/read-json.js';
export type { ReadJsonFailure, ReadJsonOptions, ReadJsonResult } from './http/read-json.js';
export { toNodeHandler } from './http/node-adapter.js';
export type { NodeHandler, NodeNext, WebHandler } from './http/node-adapter.js';
export { FLOW_LEASE_MS, MemoryTokenStore } from './tokens/token-store.js';
export type {
  ClaimFailure,
  ClaimResult,
  Connection,
  ConnectionHold,
  ConnectionStatus,
  ConnectionWrite,
  FlowClaim,
  FlowStep,
  PendingFlow,
  TokenSet,
  TokenStore,
} from './tokens/token-store.js';
export {
  getConnectionState,
  getValidAccessToken,
  refreshTokens,
  saveTokenResponse,
  tokenSetFrom,
  DEFAULT_SKEW_MS,
  REFRESH_TOKEN_LIFETIME_MS,
} from './tokens/refresh.js';
export type { ConnectionState, TokenOptions } from './tokens/refresh.js';
export { ReauthorizationRequiredError, isReauthorizationRequired } from './tokens/reauthorization.js';
export type { ReauthorizationReason } from './tokens/reauthorization.js';
export {
  createTokenCipher,
  generateTokenKey,
  INSECURE_PLAINTEXT_VARIABLE,
  TOKEN_KEYS_VARIABLE,
} from './tokens/token-cipher.js';
export type { TokenCipher, TokenCipherOptions } from './tokens/token-cipher.js';
export { TokenStoreError, isTokenStoreError } from './tokens/store-error.js';
export type { TokenStoreErrorCode } from './tokens/store-error.js';
export { SqlTokenStore } from './tokens/stores/sql-store.js';
export type { ResealReport, SqlTokenStoreOptions } from './tokens/stores/sql-store.js';
export type { SqlDatabase, SqlQueryable } from './tokens/stores/sql-database.js';
export { createEmbeddedStore } from './tokens/stores/embedded.js';
export type { EmbeddedStoreOptions } from './tokens/stores/embedded.js';
export { createPostgresStore } from './tokens/stores/postgres.js';
export type { PgPool, PgPoolClient, PostgresStoreOptions } from './tokens/stores/postgres.js';
export type { ConnectedInfo, SessionKey } from './http/exchange-handler.js';
export { createConnectHandlers, PENDING_FLOW_TTL_MS } from './http/connect-handlers.js';
export type { ConnectHandlersOptions } from './http/connect-handlers.js';
export { createSessions } from './http/sessions.js';
export type { SessionOptions, Sessions } from './http/sessions.js';
export { FLOW_KINDS } from './types.js';
export type * from './types.js';
