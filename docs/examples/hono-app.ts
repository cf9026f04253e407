// Hono, for the one-time flow, on any runtime Hono runs on (Node, Bun, Deno, Workers).
//   POST /api/widget-link  <nrich-connect endpoint="/api/widget-link">: answers { location, id }
//   POST /api/exchange     the page posts the `success` event's detail, { code, state, flow_id }, unchanged;
//                          accepted once, within the hour, from the browser session that started the flow
//   GET  /api/bank-data    what the exchange fetched for this session
// Env: NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, REDIRECT_URI (the page that shows the element),
//      SESSION_SECRET (openssl rand -base64 32).
import { Hono } from 'hono';
import { env } from 'hono/adapter';
import {
  createConnectHandlers,
  createNrichClient,
  createSessions,
  errorResponse,
  fetchOneTimeData,
  isNrichApiError,
  jsonResponse,
  MemoryTokenStore,
  NrichConfigError,
  type OneTimeData,
  type RequestHandler,
  type Sessions,
} from 'nrich-connect/server';

// The settings, from the runtime's environment (process.env, Deno.env, a Worker's bindings) through env(c).
type Settings = Partial<
  Record<'NRICH_API_URL' | 'NRICH_CLIENT_ID' | 'NRICH_CLIENT_SECRET' | 'REDIRECT_URI' | 'SESSION_SECRET', string>
>;
// What each session's exchange fetched: keep it in your database.
const bankData = new Map<string, OneTimeData>();

let handlers: { widgetLink: RequestHandler; exchange: RequestHandler; sessions: Sessions } | undefined;

// Made on the first request, not at import: a build imports this file without the secrets.
function connect(settings: Settings): { widgetLink: RequestHandler; exchange: RequestHandler; sessions: Sessions } {
  if (handlers) return handlers;
  const client = createNrichClient({
    baseUrl: settings.NRICH_API_URL as string,
    clientId: settings.NRICH_CLIENT_ID as string,
    clientSecret: settings.NRICH_CLIENT_SECRET as string,
  });
  const redirectUri = settings.REDIRECT_URI;
  if (!redirectUri) throw new NrichConfigError('REDIRECT_URI', 'must be the URL of the page that shows the element.');
  // The browser session: an id only this server issues (signed) in an HttpOnly, SameSite=Lax cookie (`__Host-` on
  // https), started by a link request and moved to a new id when a bank is connected, so an id planted in the
  // browser beforehand sees nothing. With your own sign-in, pass `sessionKey` (your user id) instead.
  const sessions = createSessions({
    secret: settings.SESSION_SECRET as string,
    secure: redirectUri.startsWith('https:'), // behind a proxy that ends TLS, the URL seen here is http
  });
  const { widgetLink, exchange } = createConnectHandlers({
    client,
    // Pending flows and tokens in this process's memory: with several instances or serverless functions,
    // use createPostgresStore (see "Ongoing access with a store").
    store: new MemoryTokenStore(),
    redirectUris: [redirectUri],
    sessions,
    // A one-time flow's data is deleted an hour after the user connected: fetch ALL of it now (every page).
    async onConnected({ key, tokens }) {
      const data = await fetchOneTimeData(client, tokens.accessToken);
      bankData.set(key, data);
      return { accounts: data.accounts.length, transactions: data.transactions.length };
    },
    onError: logFailure,
  });
  handlers = { widgetLink, exchange, sessions };
  return handlers;
}

export const app = new Hono();

app.post('/api/widget-link', (c) => connect(env<Settings>(c)).widgetLink(c.req.raw));
app.post('/api/exchange', (c) => connect(env<Settings>(c)).exchange(c.req.raw));
app.get('/api/bank-data', async (c) => {
  const session = await connect(env<Settings>(c)).sessions.read(c.req.raw);
  const data = session === undefined ? undefined : bankData.get(session);
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
