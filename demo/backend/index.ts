/**
 * The demo's host backend: what a host writes around `nrich-connect/server`, using only its public
 * entry. Routes are Web handlers; `toNodeHandler` mounts them on Vite's dev server (or any Connect app).
 *
 *   POST /api/widget-link   the element's endpoint: `{ location, id }`
 *   POST /api/exchange      `{ code }` → tokens kept server-side under the session cookie → `{ ok: true }`
 *   GET  /api/accounts      `{ accounts }`
 *   GET  /api/transactions  `?count=` (1-100, default 20) → the newest `{ transactions }`
 *   POST /api/refresh       forces a refresh; answers fingerprints of the old and new refresh token
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createNrichClient,
  createWidgetLinkHandler,
  errorResponse,
  getValidAccessToken,
  isAllowedRedirectUri,
  jsonResponse,
  MemoryTokenStore,
  NrichApiError,
  readJsonBody,
  refreshTokens,
  saveTokenResponse,
  toNodeHandler,
  upstreamErrorResponse,
  type NodeNext,
  type RedirectUriPolicy,
} from '../../src/server/index.js';
import { fingerprint } from './fingerprint.js';
import { newSessionId, sessionCookie, sessionIdFrom } from './session.js';

export interface DemoBackendOptions {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUris: RedirectUriPolicy;
  /** Clock in ms shared with the sandbox in tests. */
  now?: () => number;
  /** Talking to the embedded sandbox: forward its switches (`message_shape`, `coop`) from the page's query. */
  sandbox?: boolean;
  /** Upstream timeout in ms. */
  timeout?: number;
}

export type DemoMiddleware = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => void;

interface Session {
  /** The redirect_uri of the session's latest flow: the exchange must repeat it. */
  redirectUri?: string;
}

/** Sessions live in memory; the oldest go first past this many, so a crawler cannot fill memory. */
const MAX_SESSIONS = 1000;
const MAX_CODE_LENGTH = 8192;
const SANDBOX_SWITCHES: Record<string, RegExp> = {
  message_shape: /^(current|legacy)$/,
  coop: /^[01]$/,
  autopilot: /^(authorize|cancel|fail)$/,
  autopilot_delay: /^\d{1,5}$/,
};

export function createDemoBackend(options: DemoBackendOptions): DemoMiddleware {
  const now = options.now ?? Date.now;
  const client = createNrichClient({
    baseUrl: options.apiUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  const store = new MemoryTokenStore();
  const sessions = new Map<string, Session>();
  const tokenOptions = (key: string) => ({ store, key, client, now });

  function openSession(request: Request): { id: string; session: Session; cookie?: string } {
    const existing = sessionIdFrom(request);
    const session = existing === undefined ? undefined : sessions.get(existing);
    if (existing !== undefined && session) return { id: existing, session };
    const id = newSessionId(); // never adopt an id the client made up
    sessions.set(id, {});
    for (const old of sessions.keys()) {
      if (sessions.size <= MAX_SESSIONS) break;
      sessions.delete(old);
      void store.delete(old);
    }
    return { id, session: sessions.get(id) ?? {}, cookie: sessionCookie(id, request) };
  }

  function connectedSession(request: Request): string | undefined {
    const id = sessionIdFrom(request);
    return id !== undefined && sessions.has(id) ? id : undefined;
  }

  // The cookie a widget-link request has to set, found out inside `onLink`.
  const newCookies = new WeakMap<Request, string>();
  const widgetLink = createWidgetLinkHandler({
    client,
    redirectUris: options.redirectUris,
    linkQuery: options.sandbox ? sandboxSwitches : undefined,
    onLink(_link, sent, request) {
      const { session, cookie } = openSession(request);
      session.redirectUri = sent.redirect_uri;
      if (cookie) newCookies.set(request, cookie);
    },
    onError: logUpstream,
  });

  const routes: Record<string, { method: string; handle: (request: Request) => Promise<Response> }> = {
    '/api/widget-link': {
      method: 'POST',
      async handle(request) {
        const response = await widgetLink(request);
        const cookie = newCookies.get(request);
        return cookie ? withCookie(response, cookie) : response;
      },
    },

    '/api/exchange': {
      method: 'POST',
      async handle(request) {
        const body = await readJsonBody(request, 16 * 1024);
        const input = body.ok && isRecord(body.value) ? body.value : undefined;
        const code = input?.code;
        if (typeof code !== 'string' || code.length === 0 || code.length > MAX_CODE_LENGTH) {
          return errorResponse(400, 'invalid_code', `code must be a string of 1 to ${MAX_CODE_LENGTH} characters.`);
        }
        const { id, session, cookie } = openSession(request);
        const redirectUri = pickRedirectUri(input?.redirect_uri, session, options.redirectUris);
        if (!redirectUri.ok) return errorResponse(400, redirectUri.error, redirectUri.message);
        try {
          const tokens = await client.exchangeCode({ code, redirectUri: redirectUri.uri });
          await saveTokenResponse(store, id, tokens, now);
        } catch (error) {
          logUpstream(error);
          // 400 from /auth/token is the code's fault (used, expired, other flow), not an outage.
          if (error instanceof NrichApiError && error.status === 400) {
            return errorResponse(
              400,
              'code_rejected',
              'The code was rejected: unknown, already used, expired, or from another flow.',
            );
          }
          return upstreamErrorResponse(error);
        }
        const response = jsonResponse({ ok: true });
        return cookie ? withCookie(response, cookie) : response;
      },
    },

    '/api/accounts': {
      method: 'GET',
      handle: (request) =>
        withAccessToken(request, async (accessToken) =>
          jsonResponse({ accounts: (await client.listAccounts(accessToken)).accounts }),
        ),
    },

    '/api/transactions': {
      method: 'GET',
      handle(request) {
        const raw = new URL(request.url).searchParams.get('count');
        const count = raw === null ? 20 : Number(raw);
        if (!Number.isInteger(count) || count < 1 || count > 100) {
          return Promise.resolve(errorResponse(400, 'invalid_count', 'count must be a whole number from 1 to 100.'));
        }
        // The API lists newest first, so the first page is the latest.
        return withAccessToken(request, async (accessToken) =>
          jsonResponse({ transactions: (await client.listTransactions(accessToken, { count })).transactions }),
        );
      },
    },

    '/api/refresh': {
      method: 'POST',
      async handle(request) {
        const id = connectedSession(request);
        const before = id === undefined ? undefined : await store.get(id);
        if (id === undefined || !before) return notConnected();
        try {
          const after = await refreshTokens(tokenOptions(id));
          if (!after) return notConnected();
          const previousFingerprint = await fingerprint(before.refreshToken);
          const refreshTokenFingerprint = await fingerprint(after.refreshToken);
          return jsonResponse({
            rotated: refreshTokenFingerprint !== previousFingerprint,
            refreshTokenFingerprint,
            previousFingerprint,
          });
        } catch (error) {
          return dataFailure(error, id);
        }
      },
    },
  };

  async function withAccessToken(request: Request, use: (accessToken: string) => Promise<Response>): Promise<Response> {
    const id = connectedSession(request);
    if (id === undefined) return notConnected();
    try {
      const accessToken = await getValidAccessToken(tokenOptions(id));
      return accessToken === undefined ? notConnected() : await use(accessToken);
    } catch (error) {
      return dataFailure(error, id);
    }
  }

  /** A refused refresh (400) or token (401) means the connection is gone: forget it and ask to reconnect. */
  async function dataFailure(error: unknown, id: string): Promise<Response> {
    logUpstream(error);
    if (error instanceof NrichApiError && (error.status === 400 || error.status === 401)) {
      await store.delete(id);
      return errorResponse(401, 'reconnect', 'The bank connection has expired; connect again.');
    }
    return upstreamErrorResponse(error);
  }

  const node = toNodeHandler(async (request) => {
    const route = routes[new URL(request.url).pathname];
    if (!route) return errorResponse(404, 'not_found', 'No such route.');
    if (request.method !== route.method) {
      return errorResponse(405, 'method_not_allowed', `Use ${route.method}.`, { allow: route.method });
    }
    return route.handle(request);
  });

  return (req, res, next) => {
    // Anything that is not ours (the page, Vite's modules) goes on to the next middleware.
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!Object.hasOwn(routes, path)) {
      if (next) return next();
      res.statusCode = 404;
      return res.end();
    }
    node(req, res, next);
  };
}

/** The sandbox's switches, passed on only with values it knows. */
function sandboxSwitches(request: Request): Record<string, string> | undefined {
  const query = new URL(request.url).searchParams;
  const picked: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(SANDBOX_SWITCHES)) {
    const value = query.get(name);
    if (value !== null && allowed.test(value)) picked[name] = value;
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/**
 * The exchange must repeat the flow's redirect_uri: the one remembered for this session, or one from
 * the body if it is allowed (a page reloaded on the callback URL may have lost its session).
 */
function pickRedirectUri(
  fromBody: unknown,
  session: Session,
  policy: RedirectUriPolicy,
): { ok: true; uri: string } | { ok: false; error: string; message: string } {
  if (fromBody !== undefined) {
    if (typeof fromBody === 'string' && isAllowedRedirectUri(fromBody, policy)) return { ok: true, uri: fromBody };
    return {
      ok: false,
      error: 'redirect_uri_not_allowed',
      message: "redirect_uri is not on this server's allow-list.",
    };
  }
  if (session.redirectUri) return { ok: true, uri: session.redirectUri };
  if (Array.isArray(policy) && policy.length === 1 && policy[0] !== undefined) return { ok: true, uri: policy[0] };
  return { ok: false, error: 'missing_redirect_uri', message: 'No flow started in this session: send redirect_uri.' };
}

function notConnected(): Response {
  return errorResponse(401, 'not_connected', 'No bank connection in this session.');
}

function withCookie(response: Response, cookie: string): Response {
  const headers = new Headers(response.headers);
  headers.append('set-cookie', cookie);
  return new Response(response.body, { status: response.status, headers });
}

/** Status, code and endpoint only: the API's text stays out of the log as well. */
function logUpstream(error: unknown): void {
  if (error instanceof NrichApiError) {
    console.warn(`[demo backend] ${error.endpoint} failed: status ${error.status}, ${error.code}`);
  } else {
    // Our own bug, not the API's answer: the stack is what a developer needs.
    console.error('[demo backend] unexpected failure', error instanceof Error ? error.stack : typeof error);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
