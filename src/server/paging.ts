/**
 * Walks `count`/`offset` pages to the end. The end is an empty page, or an offset at the total when the
 * answer gives one, never "fewer than I asked for": servers cap pages below `count`, and stopping on a
 * short page loses the rest without a word. A transaction seen twice (the list shifted under the walk)
 * is handed out once; a page of nothing new (a server ignoring `offset`) or an end before the stated
 * total is an error, not a quiet stop.
 */
import { invalidResponse } from './api-call.js';
import type { Transaction, TransactionsResponse } from './types.js';

export type FetchPage = (offset: number) => Promise<TransactionsResponse>;

export async function* walkPages(fetchPage: FetchPage, endpoint: string): AsyncGenerator<Transaction, void, undefined> {
  const seen = new Set<string>();
  for (let offset = 0; ;) {
    const page = await fetchPage(offset);
    const total = page.paging?.total;
    if (page.transactions.length === 0) {
      if (typeof total === 'number' && offset < total) {
        throw invalidResponse(endpoint, 200, `no more transactions after ${offset} of ${total}`);
      }
      return;
    }
    // Without an id there is nothing to compare: such a transaction is always new.
    const fresh = page.transactions.filter(
      (tx) => typeof tx.transaction_id !== 'string' || !seen.has(tx.transaction_id),
    );
    if (fresh.length === 0) throw invalidResponse(endpoint, 200, `the same page again at offset ${offset}`);
    for (const tx of fresh) seen.add(tx.transaction_id);
    yield* fresh;
    offset += page.transactions.length;
    if (typeof total === 'number' && offset >= total) return;
  }
}
