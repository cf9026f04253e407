// A complete host backend for <nrich-connect> on node:http, for the one-time flow.
//   POST /api/widget-link  the element's `endpoint`: answers { location, id }, records the flow for this session
//   POST /api/exchange     the page posts the `success` event's detail, { code, state, flow_id }, unchanged;
//                          accepted once, within the hour, from the browser session that started the flow. The
//                          code is exchanged and the accounts and ALL transactions are fetched at once (a
//                          one-time flow's data is deleted an hour after the user connected). If that fetch
//                          fails, the answer is `finish_failed` with `connected: true` and `retryable`: post the
//                          same detail again to fetch again (the code is not exchanged twice)
//   GET  /api/bank-data    what was fetched for this browser session
// Run: NRICH_API_URL=... NRICH_CLIENT_ID=... NRICH_CLIENT_SECRET=... REDIRECT_URI=https://app.example/connect \
//      SESSION_SECRET=$(openssl rand -base64 32) node --import tsx backend-node.ts
import { createServer } from 'node:http';
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
  upstreamErrorResponse,
  type OneTimeData,
} from 'nrich-connect/server';

// Checked here: a missing or malformed setting stops the start with an error naming it.
const client = createNrichClient({
  baseUrl: process.env.NRICH_API_URL as string,
  clientId: process.env.NRICH_CLIENT_ID as string,
  clientSecret: process.env.NRICH_CLIENT_SECRET as string,
});
// The page that loads the element (it receives the widget's answer); the only one the endpoint allows.
const redirectUri = process.env.REDIRECT_URI ?? 'http://localhost:3000/connect';

// The browser session: an id only this server issues (signed with SESSION_SECRET) in an HttpOnly, SameSite=Lax
// cookie (`__Host-` on https), started by a link request and moved to a new id when a bank is connected, so an id
// planted in the browser beforehand sees nothing. With your own sign-in, pass `sessionKey` (your user id) instead.
const sessions = createSessions({
  secret: process.env.SESSION_SECRET as string,
  secure: redirectUri.startsWith('https:'), // behind a proxy that ends TLS, the URL seen here is http
});
// What each session's exchange fetched. Keep it in your database.
const bankData = new Map<string, OneTimeData>();

const { widgetLink, exchange } = createConnectHandlers({
  client,
  // Pending flows and tokens in memory, lost on a restart: createPostgresStore keeps them (see "Ongoing access").
  store: new MemoryTokenStore(),
  redirectUris: [redirectUri],
  sessions,
  // Fetched without the request's signal: a user closing the tab must not lose the data their code unlocked.
  async onConnected({ key, tokens }) {
    const data = await fetchOneTimeData(client, tokens.accessToken);
    bankData.set(key, data);
    return { accounts: data.accounts.length, transactions: data.transactions.length };
  },
  onError: logFailure,
});

const routes: Record<string, (request: Request) => Promise<Response>> = {
  'POST /api/widget-link': widgetLink,
  'POST /api/exchange': exchange,
  'GET /api/bank-data': async (request) => {
    const session = await sessions.read(request);
    const data = session === undefined ? undefined : bankData.get(session);
    return data ? jsonResponse(data) : errorResponse(404, 'not_connected', 'No bank data in this session.');
  },
};

async function handle(request: Request): Promise<Response> {
  const handler = routes[`${request.method} ${new URL(request.url).pathname}`];
  try {
    return handler ? await handler(request) : errorResponse(404, 'not_found', 'No such route.');
  } catch (error) {
    logFailure(error);
    return upstreamErrorResponse(error); // JSON, never a stack trace
  }
}

// Endpoint, status and error code only: no code, token or secret reaches the log.
function logFailure(error: unknown): void {
  if (isNrichApiError(error)) console.warn(`[nrich] ${error.endpoint}: ${error.status} ${error.code} (${error.kind})`);
  else console.error('[nrich] unexpected failure', error);
}

const server = createServer(toNodeHandler(handle));
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : process.env.PORT;
  console.log(`nrich backend listening on http://${process.env.HOST ?? '127.0.0.1'}:${port}`);
});
