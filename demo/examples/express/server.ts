// Express 5 with nrich-connect/server: the widget link and the code exchange, bound to the browser session.
//   POST /api/widget-link  the element's `endpoint`; starts a session (a signed HttpOnly cookie) if there is none
//   POST /api/exchange     the page posts the `success` event's detail unchanged (JSON); accepted once, from the
//                          session that started the flow; the accounts and transactions are fetched right then
//   GET  /api/bank-data    what the exchange fetched for this session
// Settings: NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, SESSION_SECRET (openssl rand -base64 32);
// APP_ORIGIN (where this site is served), PORT.
import { fileURLToPath } from 'node:url';
import express from 'express';
import {
  createConnectHandlers,
  createNrichClient,
  createSessions,
  errorResponse,
  fetchOneTimeData,
  isNrichApiError,
  jsonResponse,
  MemoryTokenStore,
  toNodeHandler,
  type OneTimeData,
} from 'nrich-connect/server';

const port = Number(process.env.PORT ?? 3000);
const appOrigin = process.env.APP_ORIGIN ?? `http://localhost:${port}`;

const client = createNrichClient({
  baseUrl: setting('NRICH_API_URL'),
  clientId: setting('NRICH_CLIENT_ID'),
  clientSecret: setting('NRICH_CLIENT_SECRET'),
});

// The browser session: an id only this server issues (signed) in an HttpOnly, SameSite=Lax cookie (`__Host-` on
// https), started by a link request and moved to a new id when a bank is connected, so an id planted in the
// browser beforehand sees nothing. With your own sign-in, pass `sessionKey` (your user id) instead.
const sessions = createSessions({ secret: setting('SESSION_SECRET'), secure: appOrigin.startsWith('https:') });
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
  sessions,
  async onConnected({ key, tokens }) {
    const data = await fetchOneTimeData(client, tokens.accessToken);
    bankData.set(key, data);
    return { accounts: data.accounts.length, transactions: data.transactions.length };
  },
  onError: logFailure,
});

const app = express();
app.post('/api/widget-link', toNodeHandler(widgetLink));
app.post('/api/exchange', toNodeHandler(exchange));
app.get(
  '/api/bank-data',
  toNodeHandler(async (request) => {
    const session = await sessions.read(request);
    const data = session === undefined ? undefined : bankData.get(session);
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
