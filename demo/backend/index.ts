/**
 * The demo's host backend: what a host writes around `nrich-connect/server`, using only its public entry.
 * Routes are Web handlers; `toNodeHandler` mounts them on Vite's dev server (or any Connect app).
 *
 *   POST /api/widget-link   the element's endpoint: `{ location, id }`; records the pending flow for the session
 *   POST /api/exchange      the element's `success` detail `{ code, state, flow_id }`, unchanged → `{ connected }`
 *   GET  /api/connection    `{ status, reason? }`: `not_connected`, `active` or `needs_reauthorization`
 *   GET  /api/accounts      `{ accounts }`
 *   GET  /api/transactions  `?count=` (1-100, default 20) → the newest `{ transactions }`
 *   POST /api/refresh       forces a refresh; answers fingerprints of the old and new refresh token
 *   GET  /api/sync          with a keeper: `?count=` (1-500, default 100) → `{ status, lastSyncedAt, nextSyncAt, now,
 *                           timeLapse, transactions }`: the keeper's last and next sync (API clock, ISO) and the
 *                           newest transactions of the host's copy the keeper writes (`keeper.ts`)
 *
 * The flow is ongoing access (`/ongoing/access`): tokens kept for the 90 days and refreshed when due. They live
 * in the store (the embedded one when `npm start` runs, so connections survive a restart), keyed by the session
 * id; a lapsed connection answers 401 `reconnect`, and the page offers the element again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createConnectHandlers,
  createNrichClient,
  errorResponse,
  getConnectionState,
  getValidAccessToken,
  isReauthorizationRequired,
  jsonResponse,
  NrichApiError,
  refreshTokens,
  toNodeHandler,
  upstreamErrorResponse,
  type NodeNext,
  type RedirectUriPolicy,
  type Sessions,
  type TokenStore,
} from '../../src/server/index.js';
import { fingerprint } from './fingerprint.js';
import type { DemoKeeper } from './keeper.js';
import type { TimeLapse } from './time-lapse.js';

export interface DemoBackendOptions {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUris: RedirectUriPolicy;
  /** Where connections and pending flows are kept. */
  store: TokenStore;
  /** The kit's sessions (`createSessions`): signed ids in a cookie, moved to a new id when a bank is connected. */
  sessions: Sessions;
  /** Clock in ms shared with the sandbox in tests. */
  now?: () => number;
  /** Talking to the embedded sandbox: forward its switches (`message_shape`, `coop`) from the page's query. */
  sandbox?: boolean;
  /** Upstream timeout in ms. */
  timeout?: number;
  /** Keeps connections synced into the host's copy; `/api/sync` reads it. Without it there is no `/api/sync`. */
  keeper?: DemoKeeper;
  /** The embedded sandbox's fast clock: held while a widget link is open, told when a page watches. */
  timeLapse?: TimeLapse;
}

/** How long `/api/sync` waits for a connection's first sync before answering without it. */
const FIRST_SYNC_WAIT_MS = 5_000;

export type DemoMiddleware = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => void;

const SANDBOX_SWITCHES: Record<string, RegExp> = {
  message_shape: /^(current|legacy)$/,
  coop: /^[01]$/,
  autopilot: /^(authorize|cancel|fail)$/,
  autopilot_delay: /^\d{1,5}$/,
};

export function createDemoBackend(options: DemoBackendOptions): DemoMiddleware {
  const { store, sessions, keeper, timeLapse } = options;
  const now = options.now ?? Date.now;
  const client = createNrichClient({
    baseUrl: options.apiUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
  });
  const tokenOptions = (key: string) => ({ store, key, client, now });

  const connect = createConnectHandlers({
    client,
    store,
    redirectUris: options.redirectUris,
    // Ongoing access: tokens kept for the 90 days, refreshed when due. The demo has no user accounts, so the
    // session is the user; the API gets a keyed label of it (the kit's default), never the session id itself.
    // A link request starts a session; connecting a bank moves it to a new id (no session fixation).
    flow: 'ongoing/access',
    sessions,
    now,
    linkQuery: options.sandbox ? sandboxSwitches : undefined,
    onError: logUpstream,
    // The keeper syncs the new connection at once, then every 6 hours; a throw here answers `finish_failed`
    // with the tokens kept, and the same post again tracks it.
    onConnected: keeper && (({ key }) => keeper.track(key)),
  });

  const held = (response: Response, event: 'linkOpened' | 'exchanged'): Response => {
    if (response.ok) timeLapse?.[event]();
    return response;
  };

  const routes: Record<string, { method: string; handle: (request: Request) => Promise<Response> }> = {
    '/api/widget-link': {
      method: 'POST',
      handle: async (request) => held(await connect.widgetLink(request), 'linkOpened'),
    },

    '/api/exchange': { method: 'POST', handle: async (request) => held(await connect.exchange(request), 'exchanged') },

    '/api/connection': {
      method: 'GET',
      async handle(request) {
        const id = await sessions.read(request);
        if (id === undefined) return jsonResponse({ status: 'not_connected' });
        const state = await getConnectionState(tokenOptions(id));
        return jsonResponse(state.status === 'active' ? { status: 'active' } : state);
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
        const id = await sessions.read(request);
        const before = id === undefined ? undefined : await store.get(id);
        if (id === undefined || !before) return notConnected();
        try {
          const after = await refreshTokens(tokenOptions(id));
          if (!after) return notConnected();
          const previousFingerprint = await fingerprint(before.tokens.refreshToken);
          const refreshTokenFingerprint = await fingerprint(after.refreshToken);
          return jsonResponse({
            rotated: refreshTokenFingerprint !== previousFingerprint,
            refreshTokenFingerprint,
            previousFingerprint,
          });
        } catch (error) {
          return dataFailure(error);
        }
      },
    },
  };

  if (keeper) {
    routes['/api/sync'] = {
      method: 'GET',
      async handle(request) {
        const raw = new URL(request.url).searchParams.get('count');
        const count = raw === null ? 100 : Number(raw);
        if (!Number.isInteger(count) || count < 1 || count > 500) {
          return errorResponse(400, 'invalid_count', 'count must be a whole number from 1 to 500.');
        }
        const id = await sessions.read(request);
        const stored = id === undefined ? undefined : await store.get(id);
        if (id === undefined || !stored) return notConnected();
        if (stored.status === 'needs_reauthorization') {
          return errorResponse(401, 'reconnect', `The bank connection has lapsed (${stored.reason}): connect again.`);
        }
        // A connection stored before the keeper knew it (an older demo's data) is kept from now on.
        await keeper.adopt(id);
        let view = await keeper.view(id, count);
        // Right after connecting, the first sync is on its way: wait for it (bounded) rather than show nothing.
        for (const deadline = Date.now() + FIRST_SYNC_WAIT_MS; view.connection?.lastSyncedAt === undefined;) {
          if (Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
          view = await keeper.view(id, count);
        }
        const kept = view.connection;
        if (kept?.waiting !== undefined) {
          return errorResponse(401, 'reconnect', `The bank connection needs you (${kept.waiting}): connect again.`);
        }
        timeLapse?.watched();
        const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
        return jsonResponse({
          status: kept?.lastSyncedAt === undefined ? 'syncing' : 'synced',
          lastSyncedAt: iso(kept?.lastSyncedAt),
          nextSyncAt: iso(kept?.syncAt),
          now: iso(now()),
          timeLapse: timeLapse?.state() ?? null,
          transactions: view.transactions,
        });
      },
    };
  }

  async function withAccessToken(request: Request, use: (accessToken: string) => Promise<Response>): Promise<Response> {
    const id = await sessions.read(request);
    if (id === undefined) return notConnected();
    try {
      const accessToken = await getValidAccessToken(tokenOptions(id));
      if (accessToken === undefined) return notConnected();
      try {
        return await use(accessToken);
      } catch (error) {
        // Refused on the way (the sandbox's time-lapse ages it an hour per step, its whole life; a real API may
        // end a token early): renewed once through the store, then the request again.
        if (!(error instanceof NrichApiError && error.status === 401)) throw error;
        const renewed = await refreshTokens({ ...tokenOptions(id), rejectedAccessToken: accessToken });
        return renewed ? await use(renewed.accessToken) : notConnected();
      }
    } catch (error) {
      return dataFailure(error);
    }
  }

  /** A lapsed connection (refused refresh, 90 days over) asks the user to connect again. */
  function dataFailure(error: unknown): Response {
    if (isReauthorizationRequired(error)) {
      return errorResponse(401, 'reconnect', `The bank connection has lapsed (${error.reason}): connect again.`);
    }
    logUpstream(error);
    if (error instanceof NrichApiError && error.status === 401) {
      return errorResponse(401, 'reconnect', 'The API no longer accepts this connection: connect again.');
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

function notConnected(): Response {
  return errorResponse(401, 'not_connected', 'No bank connection in this session.');
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
