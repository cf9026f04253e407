/**
 * Typed client for the three nrich calls (flow initiation, code exchange/refresh, data).
 * Web `fetch` only, so the same code runs on Node ≥ 20 and edge runtimes. Every failure becomes an
 * `NrichApiError` whose text has been scrubbed of the secret and of the tokens used in that call.
 */
import { basicAuthorization } from './basic-auth.js';
import { NrichApiError } from './errors.js';
import { redact } from './redact.js';
import type {
  AccountsResponse,
  ApiErrorBody,
  OnetimeAccessRequest,
  TokenRequest,
  TokenResponse,
  Transaction,
  TransactionsQuery,
  TransactionsResponse,
  WidgetLink,
} from './types.js';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface NrichClientOptions {
  /** e.g. `https://api.finx-s.qwist.cloud`; a path prefix is kept. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to the global `fetch`; pass one to add tracing or a proxy. */
  fetch?: FetchFunction;
  /** Per call, including reading the body. Default 15 000 ms. */
  timeout?: number;
}

export interface NrichClient {
  /** `POST /onetime/access`. `query` is appended to the URL (the sandbox reads switches from it). */
  createWidgetLink(body: OnetimeAccessRequest, options?: { query?: Record<string, string> }): Promise<WidgetLink>;
  /** `POST /auth/token` with `grant_type=authorization_code`; `redirectUri` must equal the flow's. */
  exchangeCode(params: { code: string; redirectUri: string }): Promise<TokenResponse>;
  /** `POST /auth/token` with `grant_type=refresh_token`. Store the returned refresh token: the old one is now dead. */
  refreshToken(refreshToken: string): Promise<TokenResponse>;
  listAccounts(accessToken: string): Promise<AccountsResponse>;
  /** One page of `GET /rest/transactions`. */
  listTransactions(accessToken: string, query?: TransactionsQuery): Promise<TransactionsResponse>;
  /** Every transaction, fetching page after page (`count`/`offset`) as the loop asks for more. */
  allTransactions(
    accessToken: string,
    options?: { pageSize?: number; since?: string | Date },
  ): AsyncGenerator<Transaction, void, undefined>;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_PAGE_SIZE = 1000;

interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Bearer token for data calls; Basic auth with the client credentials otherwise. */
  bearer?: string;
  /** Credentials sent in this call, to be scrubbed from any text that comes back. */
  sensitive: (string | undefined)[];
}

export function createNrichClient(options: NrichClientOptions): NrichClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  // Wrapped rather than stored: some runtimes throw "Illegal invocation" for an unbound global fetch.
  const doFetch: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));
  const basic = basicAuthorization(options.clientId, options.clientSecret);

  async function call(spec: CallSpec): Promise<unknown> {
    const endpoint = `${spec.method} ${spec.path}`;
    const sensitive = [options.clientSecret, ...spec.sensitive];
    const url = new URL(base + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: spec.bearer === undefined ? basic : `Bearer ${spec.bearer}`,
    };
    if (spec.json !== undefined) headers['content-type'] = 'application/json';

    // One signal for the whole call: a server that sends headers and then stalls the body also times out.
    const signal = AbortSignal.timeout(timeout);
    const fail = (error: unknown): never => {
      if (error instanceof NrichApiError) throw error;
      if (signal.aborted) {
        throw new NrichApiError({
          status: 0,
          code: 'timeout',
          endpoint,
          message: `${endpoint} got no answer within ${timeout} ms`,
        });
      }
      // The cause (e.g. ECONNREFUSED) helps debugging and carries no request headers.
      throw new NrichApiError({
        status: 0,
        code: 'network',
        endpoint,
        message: `${endpoint} could not reach the nrich API`,
        cause: error,
      });
    };

    let response: Response;
    let text: string;
    try {
      response = await doFetch(url.href, {
        method: spec.method,
        headers,
        body: spec.json === undefined ? undefined : JSON.stringify(spec.json),
        signal,
        // Following a redirect would resend the credentials somewhere we did not choose; a 3xx ends up as an error.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      return fail(error);
    }

    const parsed = parseJson(text);
    if (!response.ok) throw apiError(response.status, parsed, endpoint, sensitive);
    if (parsed === undefined) {
      throw new NrichApiError({
        status: response.status,
        code: 'invalid_response',
        endpoint,
        message: `${endpoint} answered with no JSON`,
      });
    }
    return parsed;
  }

  function invalid(endpoint: string, status: number, what: string): NrichApiError {
    return new NrichApiError({
      status,
      code: 'invalid_response',
      endpoint,
      message: `${endpoint} answered without ${what}`,
    });
  }

  async function token(request: TokenRequest, sensitive: string[]): Promise<TokenResponse> {
    const body = await call({ method: 'POST', path: '/auth/token', json: request, sensitive });
    if (!isRecord(body) || typeof body.access_token !== 'string' || typeof body.refresh_token !== 'string') {
      throw invalid('POST /auth/token', 200, 'access_token and refresh_token');
    }
    const expiresIn = Number(body.expires_in);
    return {
      ...(body as unknown as TokenResponse),
      // The docs promise 3600; fall back to it rather than store a token that never expires.
      expires_in: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600,
    };
  }

  async function listTransactions(accessToken: string, query: TransactionsQuery = {}): Promise<TransactionsResponse> {
    const body = await call({
      method: 'GET',
      path: '/rest/transactions',
      bearer: accessToken,
      sensitive: [accessToken],
      query: {
        count: query.count?.toString(),
        offset: query.offset?.toString(),
        since: query.since instanceof Date ? query.since.toISOString().slice(0, 10) : query.since,
      },
    });
    if (!isRecord(body) || !Array.isArray(body.transactions))
      throw invalid('GET /rest/transactions', 200, 'transactions');
    return body as unknown as TransactionsResponse;
  }

  return {
    async createWidgetLink(request, { query } = {}) {
      const body = await call({ method: 'POST', path: '/onetime/access', query, json: request, sensitive: [] });
      if (!isRecord(body) || typeof body.location !== 'string' || typeof body.id !== 'string') {
        throw invalid('POST /onetime/access', 200, 'location and id');
      }
      return { location: body.location, id: body.id };
    },

    exchangeCode({ code, redirectUri }) {
      return token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, [code]);
    },

    refreshToken(refreshToken) {
      return token({ grant_type: 'refresh_token', refresh_token: refreshToken }, [refreshToken]);
    },

    async listAccounts(accessToken) {
      const body = await call({ method: 'GET', path: '/rest/accounts', bearer: accessToken, sensitive: [accessToken] });
      if (!isRecord(body) || !Array.isArray(body.accounts)) throw invalid('GET /rest/accounts', 200, 'accounts');
      return body as unknown as AccountsResponse;
    },

    listTransactions,

    async *allTransactions(accessToken, { pageSize = DEFAULT_PAGE_SIZE, since } = {}) {
      // No total in the answer: a page shorter than asked for is the last one.
      for (let offset = 0; ;) {
        const { transactions } = await listTransactions(accessToken, { count: pageSize, offset, since });
        yield* transactions;
        if (transactions.length < pageSize || transactions.length === 0) return;
        offset += transactions.length;
      }
    },
  };
}

function apiError(status: number, body: unknown, endpoint: string, sensitive: (string | undefined)[]): NrichApiError {
  const { error, message, error_description } = (isRecord(body) ? body : {}) as ApiErrorBody;
  // The code is used for branching: keep it to an identifier so nothing odd rides along in it.
  const code = typeof error === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(error) ? error : 'http_error';
  const text =
    typeof message === 'string'
      ? message
      : typeof error_description === 'string'
        ? error_description
        : `HTTP ${status}`;
  return new NrichApiError({ status, code, endpoint, message: redact(text, sensitive) });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
