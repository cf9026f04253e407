// Express 5 with nrich-connect/server: the widget link and the code exchange, bound to the browser session.
//   POST /api/widget-link  the element's `endpoint`; starts a session (an HttpOnly cookie) if there is none
//   POST /api/exchange     the page posts the `success` event's detail unchanged (JSON); accepted once, from the
//                          session that started the flow; the accounts and transactions are fetched right then
//   GET  /api/bank-data    what the exchange fetched for this session
// Settings: NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET; APP_ORIGIN (where this site is served), PORT.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler as Middleware } from 'express';
import {
  createConnectHandlers,
  createNrichClient,
  errorResponse,
  fetchOneTimeData,
  isNrichApiError,
  jsonResponse,
  MemoryTokenStore,
  toNodeHandler,
  type OneTimeData,
  type RequestHandler,
} from 'nrich-connect/server';

const port = Number(process.env.PORT ?? 3000);
const appOrigin = process.env.APP_ORIGIN ?? `http://localhost:${port}`;

const client = createNrichClient({
  baseUrl: setting('NRICH_API_URL'),
  clientId: setting('NRICH_CLIENT_ID'),
  clientSecret: setting('NRICH_CLIENT_SECRET'),
});

// The session of each request the kit sees (its Web Request, made from Express's by toNodeHandler).
const sessionOf = new WeakMap<Request, string>();
// What each session's exchange fetched. Keep it in your database.
const bankData = new Map<string, OneTimeData>();

const { widgetLink, exchange } = createConnectHandlers({
  client,
  // Pending flows and tokens in memory, lost on a restart: createPostgresStore keeps them.
  store: new MemoryTokenStore(),
  // The element sends its page's URL as redirect_uri: this site has one page with it.
  redirectUris: [`${appOrigin}/`],
  // Only this site's pages may ask for links; a POST from any other origin gets 403.
  allowedOrigins: [appOrigin],
  sessionKey: (request) => sessionOf.get(request),
  async onConnected({ key, tokens }) {
    const data = await fetchOneTimeData(client, tokens.accessToken);
    bankData.set(key, data);
    return { accounts: data.accounts.length, transactions: data.transactions.length };
  },
  onError: logFailure,
});

/**
 * The browser session: a random id in an HttpOnly cookie, started by a link request (with your own sessions or
 * sign-in, use their id). SameSite=Lax: a cross-site POST arrives without it, so no other site can post a code here.
 */
function session({ start }: { start: boolean }): Middleware {
  return (req, res, next) => {
    let id = /(?:^|;\s*)sid=([0-9a-f-]{36})(?:;|$)/.exec(req.headers.cookie ?? '')?.[1];
    if (!id && start) {
      id = randomUUID();
      const secure = appOrigin.startsWith('https:') ? '; Secure' : '';
      res.append('set-cookie', `sid=${id}; Path=/api; HttpOnly; SameSite=Lax${secure}`);
    }
    res.locals.session = id;
    next();
  };
}

/** A kit handler as Express middleware, its Web Request tied to the session `session()` found. */
function withSession(handler: RequestHandler): Middleware {
  return (req, res, next) => {
    const run = toNodeHandler((request) => {
      if (typeof res.locals.session === 'string') sessionOf.set(request, res.locals.session);
      return handler(request);
    });
    run(req, res, next);
  };
}

const app = express();
app.post('/api/widget-link', session({ start: true }), withSession(widgetLink));
// An exchange never starts a session: it could match no flow.
app.post('/api/exchange', session({ start: false }), withSession(exchange));
app.get(
  '/api/bank-data',
  session({ start: false }),
  withSession(async (request) => {
    const data = bankData.get(sessionOf.get(request) ?? '');
    return data ? jsonResponse(data) : errorResponse(404, 'not_connected', 'No bank data in this session.');
  }),
);
// The page, and the element's browser bundle from the installed package (or load it from a CDN).
app.use(
  '/nrich-connect',
  express.static(fileURLToPath(new URL('.', import.meta.resolve('nrich-connect/cdn/nrich-connect.js')))),
);
app.use(express.static(fileURLToPath(new URL('../public/', import.meta.url))));

app.listen(port, () => console.log(`express example: ${appOrigin}`));

// Endpoint, status and error code only: no code, token or secret reaches the log.
function logFailure(error: unknown): void {
  if (isNrichApiError(error)) console.warn(`[nrich] ${error.endpoint}: ${error.status} ${error.code} (${error.kind})`);
  else console.error('[nrich] unexpected failure', error);
}

/** A setting from the environment; missing, the server says which instead of failing on the first request. */
function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
