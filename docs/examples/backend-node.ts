// A complete host backend for <nrich-connect> on node:http, for the one-time flow.
//   POST /api/widget-link  the element's `endpoint`: answers { location, id }
//   POST /api/exchange     the page posts { code, state, flow_id } from the `success` event; the code is
//                          exchanged and the accounts and ALL transactions are fetched at once (a one-time
//                          flow's data is deleted an hour after the user connected)
//   GET  /api/bank-data    what was fetched for this browser session
// Run: NRICH_API_URL=... NRICH_CLIENT_ID=... NRICH_CLIENT_SECRET=... REDIRECT_URI=https://app.example/connect \
//      node --import tsx backend-node.ts
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import {
  createNrichClient,
  createWidgetLinkHandler,
  errorResponse,
  exchangeAndFetch,
  isNrichApiError,
  jsonResponse,
  readJsonBody,
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

// Per browser session: the flows it started (state -> flow id) and the data fetched. Use your own
// session store and database in production; this keeps everything in memory.
interface Session {
  flows: Map<string, string>;
  data?: OneTimeData;
}
const sessions = new Map<string, Session>();

function sessionOf(request: Request): { session: Session; cookie?: string } {
  const id = /(?:^|;\s*)sid=([0-9a-f]{32})(?:;|$)/.exec(request.headers.get('cookie') ?? '')?.[1];
  const known = id === undefined ? undefined : sessions.get(id);
  if (known) return { session: known };
  const fresh = randomBytes(16).toString('hex');
  const session: Session = { flows: new Map() };
  sessions.set(fresh, session);
  // SameSite=Lax: a cross-site POST arrives without the cookie, so no other site can post a code here.
  const secure = redirectUri.startsWith('https:') ? '; Secure' : '';
  return { session, cookie: `sid=${fresh}; Path=/api; HttpOnly; SameSite=Lax${secure}` };
}

const sessionOfRequest = new WeakMap<Request, Session>();
const widgetLink = createWidgetLinkHandler({
  client,
  redirectUris: [redirectUri],
  // Remember which flow this session started, to check the widget's answer against it.
  onLink(link, sent, request) {
    sessionOfRequest.get(request)?.flows.set(sent.state ?? '', link.id);
  },
  onError: logFailure,
});

async function exchange(request: Request, session: Session): Promise<Response> {
  const body = await readJsonBody(request, 16 * 1024);
  const input = body.ok && body.value && typeof body.value === 'object' ? body.value : {};
  const { code, state, flow_id: flowId } = input as Record<string, unknown>;
  if (typeof code !== 'string' || code === '' || code.length > 8192) {
    return errorResponse(400, 'invalid_code', 'code must be the string from the success event.');
  }
  // The answer must belong to a flow this session started: same state, same flow id.
  if (typeof state !== 'string' || typeof flowId !== 'string' || session.flows.get(state) !== flowId) {
    return errorResponse(400, 'unknown_flow', 'state and flow_id match no flow started in this session.');
  }
  try {
    // No request signal here: a user closing the tab must not lose the data their code already unlocked.
    session.data = await exchangeAndFetch(client, { code, redirectUri });
  } catch (error) {
    logFailure(error);
    // A used, expired or foreign code is the user's: 400 `reauthorize`. The API down: 503/504, else 502.
    return upstreamErrorResponse(error);
  }
  session.flows.delete(state);
  return jsonResponse({ accounts: session.data.accounts.length, transactions: session.data.transactions.length });
}

const routes: Record<string, (request: Request, session: Session) => Promise<Response>> = {
  'POST /api/widget-link': (request, session) => {
    sessionOfRequest.set(request, session);
    return widgetLink(request);
  },
  'POST /api/exchange': exchange,
  'GET /api/bank-data': async (_request, session) =>
    session.data ? jsonResponse(session.data) : errorResponse(404, 'not_connected', 'No bank data in this session.'),
};

async function handle(request: Request): Promise<Response> {
  const { session, cookie } = sessionOf(request);
  const route = routes[`${request.method} ${new URL(request.url).pathname}`];
  let response: Response;
  try {
    response = route ? await route(request, session) : errorResponse(404, 'not_found', 'No such route.');
  } catch (error) {
    logFailure(error);
    response = upstreamErrorResponse(error); // JSON, never a stack trace
  }
  if (cookie) response.headers.append('set-cookie', cookie);
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
