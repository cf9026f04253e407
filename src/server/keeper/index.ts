/**
 * `nrich-connect/server/keeper`: keeps ongoing connections alive and synced, in one process or across many
 * workers on one PostgreSQL (docs/keeper.md). Server-only. `pg-boss` is an optional peer dependency, loaded
 * only by the `pg-boss` queue.
 */
export { createKeeper, KEEPER_DEAD_LETTER, KEEPER_QUEUE } from './keeper.js';
export type { Keeper, KeeperOptions, LocalQueueOptions, PgBossQueueOptions } from './keeper.js';
export { databaseFromPGlite, databaseFromPgPool } from './database.js';
export { memoryRateLimit, rateLimitedFetch, retryAfterSeconds, sqlRateLimit } from './rate-limit.js';
export type { RateLimit, RateLimitOptions } from './rate-limit.js';
export { migrateKeeper } from './state.js';
export { transactionChanges } from './sync-changes.js';
export { transactionsTable } from './transactions-table.js';
export type { TransactionsTableOptions } from './transactions-table.js';
export type { KeptConnection } from './state.js';
export type * from './types.js';
