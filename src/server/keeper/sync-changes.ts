/** The kit's `syncTransactions` as the keeper's `fetchChanges`. */
import type { NrichClient } from '../client/client.js';
import { syncTransactions, type SyncTransactionsOptions } from '../client/sync-transactions.js';
import type { Transaction } from '../types.js';
import type { FetchChanges } from './types.js';

/**
 * Pages of `syncTransactions` (a pending transaction that books under a new id arrives as `removed` + `added`).
 * Pass the same rate-limited client the keeper refreshes with.
 */
export function transactionChanges(
  client: Pick<NrichClient, 'listTransactions'>,
  options: Omit<SyncTransactionsOptions, 'cursor'> = {},
): FetchChanges<Transaction | { transaction_id: string; account_id: string }> {
  return ({ accessToken }, cursor) =>
    syncTransactions(client, accessToken, { ...options, ...(cursor === undefined ? {} : { cursor }) });
}
