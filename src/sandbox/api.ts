/**
 * The emulated nrich API proper: flow initiation, code/refresh exchange and the REST data.
 * Host backends call these server-side, so there is no CORS here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Flow, FlowInput, Language, Outcome } from './store.js';
import type { Route, Routes, SandboxContext } from './router.js';
import { consentExpiresAt, LANGUAGES } from './store.js';
import type { FlowScript } from './script.js';
import { HttpError, readBody, requireBasicAuth, requireBearer, sendJson } from './http.js';
import { isValidIban, normalizeIban } from './iban.js';
import { seedAccounts, TRANSACTION_COUNT } from './data.js';
import { isListed, ledgerOf } from './ledger.js';

/** Documented flow endpoints; they share one shape (`{ location, id }`), so they share one handler. */
const FLOW_PATHS = ['/onetime/access', '/ongoing/access', '/onetime/income-report', '/onetime/account-verification'];

const DATA_PATHS = ['/rest/accounts', '/rest/accounts/{id}', '/rest/accounts/{id}/transactions', '/rest/transactions'];
const SCOPE = 'accounts=ro balance=ro transactions=ro offline';
const MAX_COUNT = 1000;

const invalid = (message: string): HttpError => new HttpError(400, 'invalid_request', message);

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${key} must be a string.`);
  return value;
}

function parseRedirectUri(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw invalid('redirect_uri is required.');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('redirect_uri must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('redirect_uri must be an absolute http(s) URL.');
  return value;
}

function parseLanguage(value: unknown): Language {
  if (value === undefined || value === null) return 'de'; // the widget's documented default
  const language = LANGUAGES.find((candidate) => candidate === value);
  if (!language) throw invalid(`language must be one of ${LANGUAGES.join(', ')}.`);
  return language;
}

function parseAccounts(value: unknown): { id: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('accounts must be an array of { id }.');
  return value.map((entry: unknown) => {
    const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || id.trim() === '') throw invalid('Each accounts entry needs a string id.');
    return { id };
  });
}

function parseAccountTypes(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw invalid('account_types must be an array of strings.');
  }
  return value as string[];
}

function parseSyncPeriod(value: unknown): number {
  if (value === undefined || value === null) return 90;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 3650) {
    throw invalid('sync_period must be a whole number of days between 1 and 3650.');
  }
  return value;
}

function requiredString(body: Record<string, unknown>, key: string, flow: string): string {
  const value = optionalString(body, key);
  if (!value) throw invalid(`${key} is required for ${flow}.`);
  return value;
}

/** The fields only some flow endpoints take, checked as the docs describe them. */
function parseFlowFields(
  kind: string,
  body: Record<string, unknown>,
): Pick<FlowInput, 'userId' | 'name' | 'reportingPeriod' | 'syncPeriod'> {
  const fields = {
    userId: undefined,
    name: undefined,
    reportingPeriod: undefined,
    syncPeriod: parseSyncPeriod(body['sync_period']),
  };
  if (kind === 'ongoing/access') return { ...fields, userId: requiredString(body, 'user_id', '/ongoing/access') };
  if (kind === 'onetime/account-verification') {
    return { ...fields, name: requiredString(body, 'name', '/onetime/account-verification') };
  }
  if (kind !== 'onetime/income-report') return fields;
  if (body['sync_period'] !== undefined) throw invalid('sync_period cannot be combined with the income report.');
  const months = body['reporting_period'] ?? 12;
  if (typeof months !== 'number' || !Number.isInteger(months) || months < 4 || months > 24) {
    throw invalid('reporting_period must be a whole number of months from 4 to 24 (default 12).');
  }
  // The report looks back over its months: seed that much history.
  return { ...fields, reportingPeriod: months, syncPeriod: months * 31 };
}

const OUTCOMES: readonly Outcome[] = ['authorize', 'cancel', 'fail'];

/** Sandbox-only switches ride on the query string so the documented body stays untouched. */
function parseSwitches(
  url: URL,
  script: FlowScript,
): Pick<
  FlowInput,
  | 'messageShape'
  | 'coop'
  | 'autopilot'
  | 'autopilotDelay'
  | 'pageCap'
  | 'transactionCount'
  | 'omitPaging'
  | 'expiredCode'
> {
  const shape = url.searchParams.get('message_shape');
  if (shape !== null && shape !== 'legacy' && shape !== 'current')
    throw invalid('message_shape must be legacy or current.');
  const coop = url.searchParams.get('coop');
  const pilot = url.searchParams.get('autopilot');
  const autopilot = OUTCOMES.find((outcome) => outcome === pilot);
  if (pilot !== null && !autopilot) throw invalid('autopilot must be authorize, cancel or fail.');
  // How long the autopilot waits before pressing (ms): lets a test watch the flow in the middle.
  const delay = Number(url.searchParams.get('autopilot_delay') ?? script.delay ?? 0);
  if (!Number.isInteger(delay) || delay < 0 || delay > 30000) throw invalid('autopilot_delay must be 0 to 30000 ms.');
  // Data switches: a server that caps pages below `count`, more history, and answers without a total.
  const pageCap = url.searchParams.get('page_cap');
  const transactionCount = url.searchParams.get('transaction_count');
  const paging = url.searchParams.get('paging');
  if (paging !== null && paging !== 'none') throw invalid('paging must be none.');
  // A query switch wins over the script (sandbox.script / scriptNextFlow), which wins over the defaults.
  return {
    messageShape: shape === null ? (script.messageShape ?? 'current') : shape === 'legacy' ? 'legacy' : 'current',
    coop: coop === null ? (script.coop ?? false) : coop === '1' || coop === 'true',
    autopilot: pilot === null ? script.outcome : autopilot,
    autopilotDelay: delay,
    pageCap: pageCap === null ? script.pageCap : wholeSwitch(pageCap, 'page_cap', 1, MAX_COUNT),
    transactionCount:
      transactionCount === null
        ? (script.transactionCount ?? TRANSACTION_COUNT)
        : wholeSwitch(transactionCount, 'transaction_count', 0, 5000),
    omitPaging: paging === 'none',
    expiredCode: script.expiredCode ?? false,
  };
}

function wholeSwitch(raw: string, name: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || value < min || value > max) throw invalid(`${name} must be ${min} to ${max}.`);
  return value;
}

export function apiRoutes(ctx: SandboxContext): Routes {
  const startFlow = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    requireBasicAuth(req, ctx.clientId, ctx.clientSecret);
    const body = await readBody(req);
    const accounts = parseAccounts(body['accounts']);
    // The first valid IBAN lets the widget skip bank selection (the documented conversion lever).
    const iban = accounts.map((account) => normalizeIban(account.id)).find(isValidIban);
    const allowMulti = body['allow_multi_selection'];
    if (allowMulti !== undefined && typeof allowMulti !== 'boolean')
      throw invalid('allow_multi_selection must be a boolean.');
    const kind = url.pathname.slice(1);
    const flow = ctx.store.createFlow({
      kind,
      redirectUri: parseRedirectUri(body['redirect_uri']),
      state: optionalString(body, 'state'),
      language: parseLanguage(body['language']),
      accounts,
      iban,
      accountTypes: parseAccountTypes(body['account_types']),
      allowMultiSelection: allowMulti ?? true,
      ...parseFlowFields(kind, body),
      ...parseSwitches(url, ctx.scripts.forNextFlow()),
      seed: ctx.seed,
      addedAccount: ctx.accounts.forIban(iban),
      consentDays: ctx.consentDays,
    });
    // Consumed only by a flow that started: a refused request leaves a next-flow script for the next one.
    ctx.scripts.flowStarted();
    sendJson(res, 201, { location: `${ctx.baseUrl()}/widget?token=${flow.token}`, id: flow.id });
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requireBasicAuth(req, ctx.clientId, ctx.clientSecret);
    const body = await readBody(req);
    const grantType = optionalString(body, 'grant_type');
    let result;
    if (grantType === 'authorization_code') {
      const code = optionalString(body, 'code');
      if (!code) throw invalid('code is required.');
      // Optional here (the docs' token call has none); when sent it must equal the flow's.
      result = ctx.store.redeemCode(code, optionalString(body, 'redirect_uri'));
    } else if (grantType === 'refresh_token') {
      const refreshToken = optionalString(body, 'refresh_token');
      if (!refreshToken) throw invalid('refresh_token is required.');
      result = ctx.store.refresh(refreshToken);
    } else {
      throw new HttpError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
    }
    if (!result.ok) throw new HttpError(400, 'invalid_grant', result.reason);
    if (grantType === 'refresh_token') ctx.counters.connectionCall(result.value.flowId);
    sendJson(res, 200, tokenResponse(ctx, result.value));
  };

  /** The flow behind the access token, refused when the token is unknown or its one-time data is gone. */
  const flowFromBearer = (req: IncomingMessage): Flow => {
    const flow = ctx.store.flowForAccessToken(requireBearer(req));
    if (!flow) {
      throw new HttpError(401, 'invalid_token', 'The access token is unknown or has expired.', {
        'WWW-Authenticate': 'Bearer realm="nrich sandbox", error="invalid_token"',
      });
    }
    ctx.counters.connectionCall(flow.id);
    const consentEnds = consentExpiresAt(flow);
    if (consentEnds !== undefined && ctx.now() >= consentEnds) {
      throw new HttpError(
        403,
        'consent_expired',
        'The bank consent of this connection has expired.',
        {},
        'The user must renew the consent with strong customer authentication: start a new /ongoing/access flow.',
      );
    }
    if (ctx.store.dataDeleted(flow)) {
      throw new HttpError(
        410,
        'data_deleted',
        'The data of this one-time flow has been deleted.',
        {},
        'One-time flows keep their data for one hour after the user connected; fetch it right after the code exchange.',
      );
    }
    return flow;
  };

  const accountOf = (flow: Flow, id: string) => {
    const account = seedAccounts(flow).find((candidate) => candidate.account_id === id);
    if (!account) throw new HttpError(404, 'not_found', 'No account with this id in this connection.');
    return account;
  };

  const accounts: Route = (req, res) => {
    sendJson(res, 200, { accounts: seedAccounts(flowFromBearer(req)) });
  };

  const account: Route = (req, res, _url, params) => {
    sendJson(res, 200, accountOf(flowFromBearer(req), params['id'] ?? ''));
  };

  const transactions: Route = (req, res, url, params) => {
    const flow = flowFromBearer(req);
    const only = params['id'] === undefined ? undefined : accountOf(flow, params['id']).account_id;
    const query = parseTransactionsQuery(url);
    const sinceDate = query.since?.type === 'date' ? query.since.value : undefined;
    const ledger = ledgerOf(flow, ctx.now(), ctx.autosync, sinceDate);
    let after = -1;
    if (query.since?.type === 'transaction_id') {
      const sinceId = query.since.value;
      const known = ledger.find((entry) => entry.tx.transaction_id === sinceId);
      if (!known) throw invalid('since names no transaction of this connection.');
      after = known.seq;
    }
    // The API's order: newest booking day first, and within a day the latest to arrive first.
    const all = ledger
      .filter(
        (entry) =>
          entry.seq > after &&
          isListed(entry, query.includePending) &&
          (only === undefined || entry.tx.account_id === only) &&
          (query.accounts === undefined || query.accounts.includes(entry.tx.account_id)) &&
          (sinceDate === undefined || entry.tx.booking_date >= sinceDate) &&
          (query.until === undefined || entry.tx.booking_date <= query.until),
      )
      .sort((a, b) =>
        a.tx.booking_date === b.tx.booking_date ? b.seq - a.seq : a.tx.booking_date < b.tx.booking_date ? 1 : -1,
      )
      .map((entry) => entry.tx);
    if (query.sort === 'asc') all.reverse();
    // A capped server answers fewer than asked for, on every page: a short page is not the last one.
    const size = Math.min(query.count, flow.pageCap ?? query.count);
    const page = all.slice(query.offset, query.offset + size);
    const paging = { offset: query.offset, count: page.length, total: all.length };
    sendJson(res, 200, flow.omitPaging ? { transactions: page } : { transactions: page, paging });
  };

  const routes: Routes = {
    '/': {
      GET: (_req, res) =>
        sendJson(res, 200, {
          name: 'nrich sandbox',
          endpoints: [...FLOW_PATHS, '/auth/token', ...DATA_PATHS],
        }),
    },
    '/auth/token': { POST: token },
    '/rest/accounts': { GET: accounts },
    '/rest/accounts/:id': { GET: account },
    '/rest/accounts/:id/transactions': { GET: transactions },
    '/rest/transactions': { GET: transactions },
  };
  for (const path of FLOW_PATHS) routes[path] = { POST: startFlow };
  return routes;
}

/** What `/auth/token` answers; an ongoing connection's also says when its bank consent ends (sandbox only). */
export function tokenResponse(
  ctx: SandboxContext,
  tokens: { accessToken: string; refreshToken: string; flowId: string },
): Record<string, string | number> {
  const flow = ctx.store.flowById(tokens.flowId);
  const consentEnds = flow && consentExpiresAt(flow);
  return {
    access_token: tokens.accessToken,
    expires_in: 3600,
    scope: SCOPE,
    token_type: 'Bearer',
    refresh_token: tokens.refreshToken,
    ...(consentEnds === undefined ? {} : { consent_expires_at: new Date(consentEnds).toISOString() }),
  };
}

function parseWhole(url: URL, key: string, fallback: number): number {
  const raw = url.searchParams.get(key);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw invalid(`${key} must be a non-negative whole number.`);
  return Number(raw);
}

interface TransactionsQuery {
  count: number;
  offset: number;
  since: { type: 'date' | 'transaction_id'; value: string } | undefined;
  until: string | undefined;
  accounts: string[] | undefined;
  sort: 'asc' | 'desc';
  includePending: boolean;
}

/** The documented transaction filters: `count`, `offset`, `since`, `until`, `accounts`, `sort`, `include_pending`. */
function parseTransactionsQuery(url: URL): TransactionsQuery {
  const count = parseWhole(url, 'count', MAX_COUNT);
  if (count < 1 || count > MAX_COUNT) throw invalid(`count must be between 1 and ${MAX_COUNT}.`);
  const sort = url.searchParams.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') throw invalid('sort must be asc or desc.');
  const pending = url.searchParams.get('include_pending') ?? 'false';
  if (pending !== 'true' && pending !== 'false') throw invalid('include_pending must be true or false.');
  const accounts = url.searchParams.get('accounts');
  return {
    count,
    offset: parseWhole(url, 'offset', 0),
    since: parseSince(url),
    until: parseDate(url, 'until'),
    accounts: accounts === null || accounts === '' ? undefined : accounts.split(','),
    sort,
    includePending: pending === 'true',
  };
}

/**
 * `since` is a day (`YYYY-MM-DD`: booked on or after it) or a transaction id (every transaction the API listed
 * after that one arrived); `since_type` (`date` or `transaction_id`) says which, else the shape decides.
 */
function parseSince(url: URL): TransactionsQuery['since'] {
  const raw = url.searchParams.get('since');
  const type = url.searchParams.get('since_type');
  if (type !== null && type !== 'date' && type !== 'transaction_id') {
    throw invalid('since_type must be date or transaction_id.');
  }
  if (raw === null || raw === '') {
    if (type !== null) throw invalid('since_type needs since.');
    return undefined;
  }
  if (type === 'transaction_id' || (type === null && !/^\d{4}-\d{2}-\d{2}$/.test(raw))) {
    if (!/^[\w-]{1,128}$/.test(raw)) throw invalid('since must be a date as YYYY-MM-DD or a transaction id.');
    return { type: 'transaction_id', value: raw };
  }
  return { type: 'date', value: parseDate(url, 'since') as string };
}

function parseDate(url: URL, key: string): string | undefined {
  const raw = url.searchParams.get(key);
  if (raw === null || raw === '') return undefined;
  // Round-trip through Date so 2025-02-30 is refused instead of silently compared as text.
  const date = new Date(`${raw}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw);
  if (!valid) throw invalid(`${key} must be a date as YYYY-MM-DD.`);
  return raw;
}
