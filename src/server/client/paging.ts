/**
 * Walks `count`/`offset` pages to the end. The end is an empty page, or an offset at the total when the
 * answer gives one, never "fewer than I asked for": servers cap pages below `count`, and stopping on a
 * short page loses the rest without a word. A transaction seen twice (the list shifted under the walk)
 * is handed out once; a page of nothing new (a server ignoring `offset`: the same ids, or without ids the
 * same page word for word), more than `maxPages` pages, or an end before the stated total is an error, not a
 * quiet stop or an endless walk.
 */
import { invalidResponse } from './api-call.js';
import { NrichApiError } from './api-error.js';
import type { Transaction, TransactionsResponse } from '../types.js';

type FetchPage = (offset: number) => Promise<TransactionsResponse>;

/** 10 000 pages: ten million transactions at the default page size, far beyond any account's history. */
const DEFAULT_MAX_PAGES = 10_000;

export async function* walkPages(
  fetchPage: FetchPage,
  endpoint: string,
  maxPages = DEFAULT_MAX_PAGES,
): AsyncGenerator<Transaction, void, undefined> {
  const seen = new Set<string>();
  const pagesSeen = new Set<string>();
  for (let offset = 0, pages = 0; ; pages += 1) {
    if (pages >= maxPages) {
      throw new NrichApiError({
        status: 200,
        code: 'too_many_pages',
        endpoint,
        kind: 'invalid_response',
        message: `${endpoint} had more than ${maxPages} pages`,
      });
    }
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
    // Transactions without ids cannot be told apart one by one (two may be equal); a whole page can.
    const fingerprint = fresh.every((tx) => typeof tx.transaction_id === 'string') ? '' : digest(fresh);
    if (fresh.length === 0 || pagesSeen.has(fingerprint)) {
      throw invalidResponse(endpoint, 200, `the same page again at offset ${offset}`);
    }
    if (fingerprint) pagesSeen.add(fingerprint);
    for (const tx of fresh) seen.add(tx.transaction_id);
    yield* fresh;
    offset += page.transactions.length;
    if (typeof total === 'number' && offset >= total) return;
  }
}

/** A short fingerprint of a page (FNV-1a, 2 × 32 bits): kept per page, not the page itself. */
function digest(transactions: readonly Transaction[]): string {
  const text = JSON.stringify(transactions);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}`;
}
