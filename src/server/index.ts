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
export { MemoryTokenStore } from './token-store.js';
export type { TokenSet, TokenStore } from './token-store.js';
export { getValidAccessToken, refreshTokens, saveTokenResponse, DEFAULT_SKEW_MS } from './tokens.js';
export type { TokenOptions } from './tokens.js';
export { FLOW_KINDS } from './types.js';
export type * from './types.js';
