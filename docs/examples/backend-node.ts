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
//      node --import tsx backend-node.ts
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import {
  createConnectHandlers,
  createNrichClient,
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

// The browser session: a random id in an HttpOnly cookie, started by a link request; with your own sessions or
// sign-in, use their id. SameSite=Lax: a cross-site POST arrives without it, so no other site can post a code here.
const sessionOf = new WeakMap<Request, string>();
// What each session's exchange fetched. Keep it in your database.
const bankData = new Map<string, OneTimeData>();

const { widgetLink, exchange } = createConnectHandlers({
  client,
  // Pending flows and tokens in memory, lost on a restart: createPostgresStore keeps them (see "Ongoing access").
  store: new MemoryTokenStore(),
  redirectUris: [redirectUri],
  sessionKey: (request) => sessionOf.get(request),
  // Fetched without the request's signal: a user closing the tab must not lose the data their code unlocked.
  async onConnected({ key, tokens }) {
    const data = await fetchOneTimeData(client, tokens.accessToken);
    bankData.set(key, data);
    return { accounts: data.accounts.length, transactions: data.transactions.length };
  },
  onError: logFailure,
});

const routes: Record<string, (request: Request, session: string | undefined) => Promise<Response>> = {
  'POST /api/widget-link': widgetLink,
  'POST /api/exchange': exchange,
  'GET /api/bank-data': async (_request, session) => {
    const data = session === undefined ? undefined : bankData.get(session);
    return data ? jsonResponse(data) : errorResponse(404, 'not_connected', 'No bank data in this session.');
  },
};

async function handle(request: Request): Promise<Response> {
  const route = `${request.method} ${new URL(request.url).pathname}`;
  const known = /(?:^|;\s*)sid=([0-9a-f-]{36})(?:;|$)/.exec(request.headers.get('cookie') ?? '')?.[1];
  // A link request starts a session if there is none; an exchange never does (it could match no flow).
  const session = known ?? (route === 'POST /api/widget-link' ? randomUUID() : undefined);
  if (session) sessionOf.set(request, session);
  let response: Response;
  try {
    const handler = routes[route];
    response = handler ? await handler(request, session) : errorResponse(404, 'not_found', 'No such route.');
  } catch (error) {
    logFailure(error);
    response = upstreamErrorResponse(error); // JSON, never a stack trace
  }
  if (session && !known) {
    const secure = redirectUri.startsWith('https:') ? '; Secure' : '';
    response.headers.append('set-cookie', `sid=${session}; Path=/api; HttpOnly; SameSite=Lax${secure}`);
  }
  return response;
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
