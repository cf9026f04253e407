// Next.js (App Router): app/api/nrich/[route]/route.ts, for the one-time flow.
//   POST /api/nrich/widget-link  <nrich-connect endpoint="/api/nrich/widget-link">: answers { location, id }
//   POST /api/nrich/exchange     the page posts the `success` event's detail, { code, state, flow_id }, unchanged;
//                                accepted once, within the hour, from the browser session that started the flow
//   GET  /api/nrich/bank-data    what the exchange fetched for this session
// Env: NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, REDIRECT_URI (the page that shows the element),
//      SESSION_SECRET (openssl rand -base64 32).
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

// What each session's exchange fetched. Keep it in your database.
const bankData = new Map<string, OneTimeData>();

let handlers: { widgetLink: RequestHandler; exchange: RequestHandler; sessions: Sessions } | undefined;

// Made on the first request, not at import: `next build` imports this file without the secrets.
function connectHandlers(): { widgetLink: RequestHandler; exchange: RequestHandler; sessions: Sessions } {
  const client = createNrichClient({
    baseUrl: process.env.NRICH_API_URL as string,
    clientId: process.env.NRICH_CLIENT_ID as string,
    clientSecret: process.env.NRICH_CLIENT_SECRET as string,
  });
  const redirectUri = process.env.REDIRECT_URI;
  if (!redirectUri) throw new NrichConfigError('REDIRECT_URI', 'must be the URL of the page that shows the element.');
  // The browser session: an id only this server issues (signed) in an HttpOnly, SameSite=Lax cookie (`__Host-` on
  // https), started by a link request and moved to a new id when a bank is connected, so an id planted in the
  // browser beforehand sees nothing. With your own sign-in (Auth.js, Clerk, ...), pass `sessionKey` instead.
  const sessions = createSessions({
    secret: process.env.SESSION_SECRET as string,
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
  return { widgetLink, exchange, sessions };
}

export async function POST(request: Request, context: { params: Promise<{ route: string }> }): Promise<Response> {
  const { route } = await context.params;
  if (route !== 'widget-link' && route !== 'exchange') return errorResponse(404, 'not_found', 'No such route.');
  try {
    handlers ??= connectHandlers();
  } catch (error) {
    logFailure(error); // NrichConfigError, naming the missing or malformed setting
    return errorResponse(500, 'not_configured', 'The bank connection is not configured on this server.');
  }
  return (route === 'widget-link' ? handlers.widgetLink : handlers.exchange)(request);
}

export async function GET(request: Request, context: { params: Promise<{ route: string }> }): Promise<Response> {
  const { route } = await context.params;
  if (route !== 'bank-data') return errorResponse(404, 'not_found', 'No such route.');
  const session = handlers && (await handlers.sessions.read(request));
  const data = session === undefined ? undefined : bankData.get(session);
  return data ? jsonResponse(data) : errorResponse(404, 'not_connected', 'No bank data in this session.');
}

// Endpoint, status and error code only: no code, token or secret reaches the log.
function logFailure(error: unknown): void {
  if (isNrichApiError(error)) console.warn(`[nrich] ${error.endpoint}: ${error.status} ${error.code} (${error.kind})`);
  else console.error('[nrich] failure', error);
}
