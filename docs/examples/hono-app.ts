// Hono, for the one-time flow, on any runtime Hono runs on (Node, Bun, Deno, Workers).
//   POST /api/widget-link  <nrich-connect endpoint="/api/widget-link">: answers { location, id }
//   POST /api/exchange     the page posts the `success` event's detail, { code, state, flow_id }, unchanged;
//                          accepted once, within the hour, from the browser session that started the flow
//   GET  /api/bank-data    what the exchange fetched for this session
// Env: NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, REDIRECT_URI (the page that shows the element).
import { Hono } from 'hono';
import { env } from 'hono/adapter';
import { getCookie, setCookie } from 'hono/cookie';
import {
  createConnectHandlers,
  createNrichClient,
  errorResponse,
  fetchOneTimeData,
  isNrichApiError,
  jsonResponse,
  MemoryTokenStore,
  NrichConfigError,
  type OneTimeData,
  type RequestHandler,
} from 'nrich-connect/server';

// The settings, from the runtime's environment (process.env, Deno.env, a Worker's bindings) through env(c).
type Settings = Partial<Record<'NRICH_API_URL' | 'NRICH_CLIENT_ID' | 'NRICH_CLIENT_SECRET' | 'REDIRECT_URI', string>>;
// The session each request belongs to. What each session's exchange fetched: keep it in your database.
const sessionOf = new WeakMap<Request, string>();
const bankData = new Map<string, OneTimeData>();

let handlers: { widgetLink: RequestHandler; exchange: RequestHandler } | undefined;

// Made on the first request, not at import: a build imports this file without the secrets.
function connect(settings: Settings): { widgetLink: RequestHandler; exchange: RequestHandler } {
  if (handlers) return handlers;
  const client = createNrichClient({
    baseUrl: settings.NRICH_API_URL as string,
    clientId: settings.NRICH_CLIENT_ID as string,
    clientSecret: settings.NRICH_CLIENT_SECRET as string,
  });
  const redirectUri = settings.REDIRECT_URI;
  if (!redirectUri) throw new NrichConfigError('REDIRECT_URI', 'must be the URL of the page that shows the element.');
  handlers = createConnectHandlers({
    client,
    // Pending flows and tokens in this process's memory: with several instances or serverless functions,
    // use createPostgresStore (see "Ongoing access with a store").
    store: new MemoryTokenStore(),
    redirectUris: [redirectUri],
    sessionKey: (request) => sessionOf.get(request),
    // A one-time flow's data is deleted an hour after the user connected: fetch ALL of it now (every page).
    async onConnected({ key, tokens }) {
      const data = await fetchOneTimeData(client, tokens.accessToken);
      bankData.set(key, data);
      return { accounts: data.accounts.length, transactions: data.transactions.length };
    },
    onError: logFailure,
  });
  return handlers;
}

export const app = new Hono();

// The browser session: a random id in an HttpOnly cookie, started by a link request. With your own sign-in, use
// its user id instead. SameSite=Lax: a cross-site POST arrives without it, so no other site can post a code here.
app.use('/api/*', async (c, next) => {
  const known = getCookie(c, 'nrich_session');
  // A link request starts a session if there is none; an exchange never does (it could match no flow).
  const session = known ?? (c.req.path === '/api/widget-link' ? crypto.randomUUID() : undefined);
  if (session) sessionOf.set(c.req.raw, session);
  await next();
  if (session && !known) {
    const secure = env<Settings>(c).REDIRECT_URI?.startsWith('https:');
    setCookie(c, 'nrich_session', session, { path: '/api', httpOnly: true, sameSite: 'Lax', secure });
  }
});

app.post('/api/widget-link', (c) => connect(env<Settings>(c)).widgetLink(c.req.raw));
app.post('/api/exchange', (c) => connect(env<Settings>(c)).exchange(c.req.raw));
app.get('/api/bank-data', (c) => {
  const data = bankData.get(sessionOf.get(c.req.raw) ?? '');
  return data ? jsonResponse(data) : errorResponse(404, 'not_connected', 'No bank data in this session.');
});

// Errors Hono catches itself are JSON too, never a stack trace: a missing setting, or a bug in a route.
app.onError((error) => {
  logFailure(error); // a NrichConfigError names the missing or malformed setting
  if (error instanceof NrichConfigError) {
    return errorResponse(500, 'not_configured', 'The bank connection is not configured on this server.');
  }
  return errorResponse(500, 'internal', 'The server failed to handle the request.');
});
app.notFound(() => errorResponse(404, 'not_found', 'No such route.'));

// Endpoint, status and error code only: no code, token or secret reaches the log.
function logFailure(error: unknown): void {
  if (isNrichApiError(error)) console.warn(`[nrich] ${error.endpoint}: ${error.status} ${error.code} (${error.kind})`);
  else console.error('[nrich] failure', error);
}
