/**
 * The emulated nrich API proper: flow initiation, code/refresh exchange and the REST data.
 * Host backends call these server-side, so there is no CORS here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Language, MessageShape, Outcome } from './store.js';
import type { Routes, SandboxContext } from './router.js';
import { LANGUAGES } from './store.js';
import { HttpError, readBody, requireBasicAuth, requireBearer, sendJson } from './http.js';
import { isValidIban, normalizeIban } from './iban.js';
import { seedAccounts, seedTransactions } from './data.js';

/** Documented flow endpoints; they share one shape (`{ location, id }`), so they share one handler. */
export const FLOW_PATHS = [
  '/onetime/access',
  '/ongoing/access',
  '/onetime/income-report',
  '/onetime/account-verification',
];

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

const OUTCOMES: readonly Outcome[] = ['authorize', 'cancel', 'fail'];

/** Sandbox-only switches ride on the query string so the documented body stays untouched. */
function parseSwitches(url: URL): {
  messageShape: MessageShape;
  coop: boolean;
  autopilot: Outcome | undefined;
  autopilotDelay: number;
} {
  const shape = url.searchParams.get('message_shape');
  if (shape !== null && shape !== 'legacy' && shape !== 'current')
    throw invalid('message_shape must be legacy or current.');
  const coop = url.searchParams.get('coop');
  const pilot = url.searchParams.get('autopilot');
  const autopilot = OUTCOMES.find((outcome) => outcome === pilot);
  if (pilot !== null && !autopilot) throw invalid('autopilot must be authorize, cancel or fail.');
  // How long the autopilot waits before pressing (ms): lets a test watch the flow in the middle.
  const delay = Number(url.searchParams.get('autopilot_delay') ?? 0);
  if (!Number.isInteger(delay) || delay < 0 || delay > 30000) throw invalid('autopilot_delay must be 0 to 30000 ms.');
  return {
    messageShape: shape === 'legacy' ? 'legacy' : 'current',
    coop: coop === '1' || coop === 'true',
    autopilot,
    autopilotDelay: delay,
  };
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
    const flow = ctx.store.createFlow({
      kind: url.pathname.slice(1),
      redirectUri: parseRedirectUri(body['redirect_uri']),
      state: optionalString(body, 'state'),
      language: parseLanguage(body['language']),
      accounts,
      iban,
      accountTypes: parseAccountTypes(body['account_types']),
      allowMultiSelection: allowMulti ?? true,
      syncPeriod: parseSyncPeriod(body['sync_period']),
      ...parseSwitches(url),
    });
    sendJson(res, 200, { location: `${ctx.baseUrl()}/widget?token=${flow.token}`, id: flow.id });
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requireBasicAuth(req, ctx.clientId, ctx.clientSecret);
    const body = await readBody(req);
    const grantType = optionalString(body, 'grant_type');
    let result;
    if (grantType === 'authorization_code') {
      const code = optionalString(body, 'code');
      const redirectUri = optionalString(body, 'redirect_uri');
      if (!code || !redirectUri) throw invalid('code and redirect_uri are required.');
      result = ctx.store.redeemCode(code, redirectUri);
    } else if (grantType === 'refresh_token') {
      const refreshToken = optionalString(body, 'refresh_token');
      if (!refreshToken) throw invalid('refresh_token is required.');
      result = ctx.store.refresh(refreshToken);
    } else {
      throw new HttpError(400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
    }
    if (!result.ok) throw new HttpError(400, 'invalid_grant', result.reason);
    sendJson(res, 200, {
      access_token: result.value.accessToken,
      expires_in: 3600,
      scope: SCOPE,
      token_type: 'Bearer',
      refresh_token: result.value.refreshToken,
    });
  };

  const flowFromBearer = (req: IncomingMessage) => {
    const flow = ctx.store.flowForAccessToken(requireBearer(req));
    if (!flow) {
      throw new HttpError(401, 'invalid_token', 'The access token is unknown or has expired.', {
        'WWW-Authenticate': 'Bearer realm="nrich sandbox", error="invalid_token"',
      });
    }
    return flow;
  };

  const accounts = (req: IncomingMessage, res: ServerResponse): void => {
    sendJson(res, 200, { accounts: seedAccounts(flowFromBearer(req)) });
  };

  const transactions = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const flow = flowFromBearer(req);
    const count = parseWhole(url, 'count', 1000);
    const offset = parseWhole(url, 'offset', 0);
    if (count < 1 || count > MAX_COUNT) throw invalid(`count must be between 1 and ${MAX_COUNT}.`);
    const since = parseSince(url);
    const all = seedTransactions(flow, seedAccounts(flow)).filter(
      (tx) => since === undefined || tx.booking_date >= since,
    );
    const page = all.slice(offset, offset + count);
    sendJson(res, 200, { transactions: page, paging: { offset, count: page.length, total: all.length } });
  };

  const routes: Routes = {
    '/': {
      GET: (_req, res) =>
        sendJson(res, 200, {
          name: 'nrich sandbox',
          endpoints: [...FLOW_PATHS, '/auth/token', '/rest/accounts', '/rest/transactions'],
        }),
    },
    '/auth/token': { POST: token },
    '/rest/accounts': { GET: accounts },
    '/rest/transactions': { GET: transactions },
  };
  for (const path of FLOW_PATHS) routes[path] = { POST: startFlow };
  return routes;
}

function parseWhole(url: URL, key: string, fallback: number): number {
  const raw = url.searchParams.get(key);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) throw invalid(`${key} must be a non-negative whole number.`);
  return Number(raw);
}

function parseSince(url: URL): string | undefined {
  const raw = url.searchParams.get('since');
  if (raw === null || raw === '') return undefined;
  // Round-trip through Date so 2025-02-30 is refused instead of silently compared as text.
  const date = new Date(`${raw}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw);
  if (!valid) throw invalid('since must be a date as YYYY-MM-DD.');
  return raw;
}
