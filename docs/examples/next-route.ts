// Next.js (App Router): app/api/nrich/[route]/route.ts, for the one-time flow.
//   POST /api/nrich/widget-link  <nrich-connect endpoint="/api/nrich/widget-link">: answers { location, id }
//   POST /api/nrich/exchange     the page posts the `success` event's detail, { code, state, flow_id }, unchanged;
//                                accepted once, within the hour, from the browser session that started the flow
//   GET  /api/nrich/bank-data    what the exchange fetched for this session
// Env: NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, REDIRECT_URI (the page that shows the element).
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

// The browser session: a random id in an HttpOnly cookie. With your own sign-in (Auth.js, Clerk, ...), use its
// user id instead. SameSite=Lax: a cross-site POST arrives without it, so no other site can post a code here.
const COOKIE = 'nrich_session';
const sessionOf = new WeakMap<Request, string>();
// What each session's exchange fetched. Keep it in your database.
const bankData = new Map<string, OneTimeData>();

let handlers: { widgetLink: RequestHandler; exchange: RequestHandler } | undefined;

// Made on the first request, not at import: `next build` imports this file without the secrets.
function connectHandlers(): { widgetLink: RequestHandler; exchange: RequestHandler } {
  const client = createNrichClient({
    baseUrl: process.env.NRICH_API_URL as string,
    clientId: process.env.NRICH_CLIENT_ID as string,
    clientSecret: process.env.NRICH_CLIENT_SECRET as string,
  });
  const redirectUri = process.env.REDIRECT_URI;
  if (!redirectUri) throw new NrichConfigError('REDIRECT_URI', 'must be the URL of the page that shows the element.');
  return createConnectHandlers({
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
  const known = sessionFromCookie(request);
  // A link request starts a session if there is none; an exchange never does (it could match no flow).
  const session = known ?? (route === 'widget-link' ? crypto.randomUUID() : undefined);
  if (session) sessionOf.set(request, session);
  const response = await (route === 'widget-link' ? handlers.widgetLink : handlers.exchange)(request);
  if (session && !known) {
    const secure = process.env.REDIRECT_URI?.startsWith('https:') ? '; Secure' : '';
    response.headers.append('set-cookie', `${COOKIE}=${session}; Path=/api/nrich; HttpOnly; SameSite=Lax${secure}`);
  }
  return response;
}

export async function GET(request: Request, context: { params: Promise<{ route: string }> }): Promise<Response> {
  const { route } = await context.params;
  if (route !== 'bank-data') return errorResponse(404, 'not_found', 'No such route.');
  const data = bankData.get(sessionFromCookie(request) ?? '');
  return data ? jsonResponse(data) : errorResponse(404, 'not_connected', 'No bank data in this session.');
}

function sessionFromCookie(request: Request): string | undefined {
  return new RegExp(`(?:^|;\\s*)${COOKIE}=([0-9a-f-]{36})(?:;|$)`).exec(request.headers.get('cookie') ?? '')?.[1];
}

// Endpoint, status and error code only: no code, token or secret reaches the log.
function logFailure(error: unknown): void {
  if (isNrichApiError(error)) console.warn(`[nrich] ${error.endpoint}: ${error.status} ${error.code} (${error.kind})`);
  else console.error('[nrich] failure', error);
}
