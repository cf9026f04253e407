/**
 * `nrich-connect/server/store`: for whoever implements or operates a token store beyond what a host calls: the
 * `TokenStore` contract in full (connections held and written, pending flows claimed and advanced), the SQL store
 * and its database seam, the stores' options, and the token cipher. Hosts need none of it to connect an account
 * (`nrich-connect/server` has the stores' factories and the types a route uses).
 */
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
export type { ReauthorizationReason } from './tokens/reauthorization.js';
export { TokenStoreError } from './tokens/store-error.js';
export type { TokenStoreErrorCode } from './tokens/store-error.js';
export { SqlTokenStore } from './tokens/stores/sql-store.js';
export type { ResealReport, SqlTokenStoreOptions } from './tokens/stores/sql-store.js';
export type { SqlDatabase, SqlQueryable } from './tokens/stores/sql-database.js';
export type { EmbeddedStoreOptions } from './tokens/stores/embedded.js';
export type { PgPool, PgPoolClient, PostgresStoreOptions } from './tokens/stores/postgres.js';
export { createTokenCipher, INSECURE_PLAINTEXT_VARIABLE } from './tokens/token-cipher.js';
export type { TokenCipher, TokenCipherOptions } from './tokens/token-cipher.js';
