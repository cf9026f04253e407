/**
 * The one-time pattern: a one-time flow (`/onetime/access`, the widget-link handler's default) keeps the
 * user's data for about an hour after they connected, then the API deletes it. So the data is fetched
 * right at the code exchange, completely (every account, every page of transactions), and handed to the
 * host to keep. Refreshing and fetching later is the ongoing flow's pattern (`/ongoing/access`).
 */
import type { CallOptions, NrichClient, TransactionWalk } from './client.js';
import type { Account, Transaction } from '../types.js';

export interface OneTimeData {
  accounts: Account[];
  /** Every transaction matching the filters, all pages. */
  transactions: Transaction[];
}

/** What to fetch: the transaction filters (`since`, `until`, `accounts`, `include_pending`, `sort`) and a signal. */
type OneTimeFetchOptions = Omit<TransactionWalk, 'accountId'> & CallOptions;

/** Accounts and all transactions behind an access token; fails as a whole, never with part of the data. */
export async function fetchOneTimeData(
  client: Pick<NrichClient, 'listAccounts' | 'collectTransactions'>,
  accessToken: string,
  options: OneTimeFetchOptions = {},
): Promise<OneTimeData> {
  const { accounts } = await client.listAccounts(accessToken, { signal: options.signal });
  const transactions = await client.collectTransactions(accessToken, options);
  return { accounts, transactions };
}

/**
 * Exchanges the code and fetches everything at once: the whole one-time pattern in one call. Any failure
 * throws an `NrichApiError` (a used or expired code is `kind: 'reauthorize'`); the tokens stay inside.
 * Do not tie `signal` to the browser's request: once the code is spent, a closed tab must not cost the data.
 */
export async function exchangeAndFetch(
  client: Pick<NrichClient, 'exchangeCode' | 'listAccounts' | 'collectTransactions'>,
  params: { code: string; redirectUri?: string },
  options: OneTimeFetchOptions = {},
): Promise<OneTimeData> {
  const tokens = await client.exchangeCode(params, { signal: options.signal });
  return fetchOneTimeData(client, tokens.access_token, options);
}
