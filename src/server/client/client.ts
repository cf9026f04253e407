/**
 * client/: everything that talks to the nrich API and nothing else: the typed client (this file), one HTTP call
 * with its timeout and credential scrubbing (`api-call.ts`), the API's errors (`api-error.ts`, `error-body.ts`),
 * retries of safe calls (`retry.ts`), page walks (`paging.ts`) and the one-time data fetch (`one-time-data.ts`).
 * It imports only the kit's shared top level (errors, types); nothing here knows about stores or HTTP routes.
 *
 * Typed client for the nrich calls: flow starts, code exchange and refresh, accounts and transactions.
 * Web `fetch` only, so the same code runs on Node ≥ 20 and edge runtimes. Options are checked at
 * construction; every failure is an `NrichApiError` with a `kind` and scrubbed texts; reads and flow starts
 * are retried on passing failures, token calls never; every method takes an `AbortSignal`.
 */
import { createApiCall, invalidResponse, type CallSpec } from './api-call.js';
import { checkClientOptions, type NrichClientOptions } from './client-config.js';
import { NrichConfigError } from '../errors.js';
import { isRecord } from '../json-value.js';
import { walkPages } from './paging.js';
import { withRetries } from './retry.js';
import {
  FLOW_KINDS,
  type Account,
  type AccountsResponse,
  type FlowKind,
  type FlowRequests,
  type TokenRequest,
  type TokenResponse,
  type Transaction,
  type TransactionFilter,
  type TransactionsQuery,
  type TransactionsResponse,
  type WidgetLink,
} from '../types.js';

export type { FetchFunction, NrichClientOptions } from './client-config.js';

export interface CallOptions {
  /** Ends the call (and any wait before a retry) with an `aborted` error. */
  signal?: AbortSignal;
}

interface FlowOptions extends CallOptions {
  /** Appended to the flow endpoint's URL (the sandbox reads its switches from it). */
  query?: Record<string, string>;
}

/** How {@link NrichClient.allTransactions} walks: the API's filters plus paging and scope. */
export interface TransactionWalk extends TransactionFilter, CallOptions {
  /** `count` asked for per page; default 1000. The server may answer fewer: the walk goes on regardless. */
  pageSize?: number;
  /** Walk `/rest/accounts/{accountId}/transactions` instead of `/rest/transactions`. */
  accountId?: string;
  /** The walk fails (`too_many_pages`) rather than read more pages than this; default 10 000. */
  maxPages?: number;
}

export interface NrichClient {
  /** `POST /{flow}`: any flow endpoint that answers `{ location, id }`. Retried on passing failures. */
  createFlow<K extends FlowKind>(flow: K, body: FlowRequests[K], options?: FlowOptions): Promise<WidgetLink>;
  /**
   * `POST /auth/token` with `grant_type=authorization_code`. `redirectUri` is optional at the API; when
   * given it must equal the flow's. Never retried: a code is single use.
   */
  exchangeCode(params: { code: string; redirectUri?: string }, options?: CallOptions): Promise<TokenResponse>;
  /**
   * `POST /auth/token` with `grant_type=refresh_token`. Store the returned refresh token: the old one is
   * now dead. Never retried: a repeated rotation can burn the token just issued.
   */
  refreshToken(refreshToken: string, options?: CallOptions): Promise<TokenResponse>;
  /** `GET /rest/accounts`. */
  listAccounts(accessToken: string, options?: CallOptions): Promise<AccountsResponse>;
  /** `GET /rest/accounts/{id}`. */
  getAccount(accessToken: string, accountId: string, options?: CallOptions): Promise<Account>;
  /** One page of `GET /rest/transactions`. A page shorter than `count` is not necessarily the last. */
  listTransactions(
    accessToken: string,
    query?: TransactionsQuery,
    options?: CallOptions,
  ): Promise<TransactionsResponse>;
  /** One page of `GET /rest/accounts/{id}/transactions`. */
  listAccountTransactions(
    accessToken: string,
    accountId: string,
    query?: TransactionsQuery,
    options?: CallOptions,
  ): Promise<TransactionsResponse>;
  /** Every transaction matching the filters, page after page until the API has no more. */
  allTransactions(accessToken: string, walk?: TransactionWalk): AsyncGenerator<Transaction, void, undefined>;
  /** {@link allTransactions}, collected into one array. */
  collectTransactions(accessToken: string, walk?: TransactionWalk): Promise<Transaction[]>;
}

const DEFAULT_PAGE_SIZE = 1000;

export function createNrichClient(options: NrichClientOptions): NrichClient {
  const config = checkClientOptions(options);
  const call = createApiCall(config);
  const retried = (spec: CallSpec): Promise<unknown> => withRetries(() => call(spec), config.retry, spec.signal);

  async function token(request: TokenRequest, secret: string, signal: AbortSignal | undefined) {
    const body = await call({ method: 'POST', path: '/auth/token', json: request, sensitive: [secret], signal });
    if (!isRecord(body) || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
      throw invalidResponse('POST /auth/token', 200, 'no access_token and refresh_token');
    }
    const expiresIn = Number(body.expires_in);
    return {
      ...(body as unknown as TokenResponse),
      // The docs promise 3600; fall back to it rather than store a token that never expires.
      expires_in: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
    };
  }

  async function createFlow<K extends FlowKind>(
    flow: K,
    request: FlowRequests[K],
    { query, signal }: FlowOptions = {},
  ) {
    if (!FLOW_KINDS.includes(flow)) throw new NrichConfigError('flow', `must be one of ${FLOW_KINDS.join(', ')}.`);
    const body = await retried({ method: 'POST', path: `/${flow}`, query, json: request, signal });
    if (!isRecord(body) || typeof body.location !== 'string' || typeof body.id !== 'string') {
      throw invalidResponse(`POST /${flow}`, 201, 'no location and id');
    }
    return { location: body.location, id: body.id };
  }

  async function transactionsPage(
    accessToken: string,
    path: string,
    query: TransactionsQuery,
    signal: AbortSignal | undefined,
  ): Promise<TransactionsResponse> {
    const body = await retried({ method: 'GET', path, bearer: accessToken, query: wireQuery(query), signal });
    if (!isRecord(body) || !Array.isArray(body.transactions)) {
      throw invalidResponse(`GET ${path}`, 200, 'no transactions');
    }
    return body as unknown as TransactionsResponse;
  }

  function allTransactions(accessToken: string, walk: TransactionWalk = {}) {
    if (typeof walk !== 'object' || walk === null)
      throw new NrichConfigError('walk', 'must be an object of filters and paging options.');
    const { pageSize = DEFAULT_PAGE_SIZE, accountId, signal, maxPages, ...filter } = walk;
    const path = accountId === undefined ? '/rest/transactions' : accountPath(accountId, '/transactions');
    return walkPages(
      (offset) => transactionsPage(accessToken, path, { ...filter, count: pageSize, offset }, signal),
      `GET ${path}`,
      maxPages,
    );
  }

  return {
    createFlow,

    exchangeCode(params, { signal } = {}) {
      if (!isRecord(params)) throw new NrichConfigError('exchangeCode', 'takes { code, redirectUri? }.');
      const { code, redirectUri } = params as { code: string; redirectUri?: string };
      const request: TokenRequest = { grant_type: 'authorization_code', code };
      if (redirectUri !== undefined) request.redirect_uri = redirectUri;
      return token(request, code, signal);
    },

    refreshToken(refreshToken, { signal } = {}) {
      return token({ grant_type: 'refresh_token', refresh_token: refreshToken }, refreshToken, signal);
    },

    async listAccounts(accessToken, { signal } = {}) {
      const body = await retried({ method: 'GET', path: '/rest/accounts', bearer: accessToken, signal });
      if (!isRecord(body) || !Array.isArray(body.accounts))
        throw invalidResponse('GET /rest/accounts', 200, 'no accounts');
      return body as unknown as AccountsResponse;
    },

    async getAccount(accessToken, accountId, { signal } = {}) {
      const body = await retried({ method: 'GET', path: accountPath(accountId), bearer: accessToken, signal });
      if (!isRecord(body) || typeof body.account_id !== 'string') {
        throw invalidResponse('GET /rest/accounts/{id}', 200, 'no account_id');
      }
      return body as unknown as Account;
    },

    listTransactions: (accessToken, query = {}, { signal } = {}) =>
      transactionsPage(accessToken, '/rest/transactions', query, signal),

    listAccountTransactions: (accessToken, accountId, query = {}, { signal } = {}) =>
      transactionsPage(accessToken, accountPath(accountId, '/transactions'), query, signal),

    allTransactions,

    async collectTransactions(accessToken, walk) {
      const all: Transaction[] = [];
      for await (const tx of allTransactions(accessToken, walk)) all.push(tx);
      return all;
    },
  };
}

function accountPath(accountId: string, rest = ''): string {
  if (typeof accountId !== 'string' || accountId === '')
    throw new NrichConfigError('accountId', 'must be a non-empty string.');
  return `/rest/accounts/${encodeURIComponent(accountId)}${rest}`;
}

/** The query as the API spells it: days as `YYYY-MM-DD`, account ids comma-separated, booleans as text. */
function wireQuery(query: TransactionsQuery): Record<string, string | undefined> {
  if (typeof query !== 'object' || query === null) throw new NrichConfigError('query', 'must be an object of filters.');
  const day = (value: string | Date | undefined) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);
  return {
    count: query.count?.toString(),
    offset: query.offset?.toString(),
    since: day(query.since),
    until: day(query.until),
    since_type: query.since_type,
    accounts: query.accounts?.join(','),
    sort: query.sort,
    include_pending: query.include_pending?.toString(),
  };
}
