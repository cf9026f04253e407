// A complete host backend for <nrich-connect> on node:http, for ongoing access (90 days, refreshed when due).
//   POST /api/widget-link  the element's `endpoint`: starts /ongoing/access for the signed-in user and records
//                          the pending flow (state, flow id, user, one hour)
//   POST /api/exchange     the page posts the `success` event's detail, { code, state, flow_id }, unchanged
//   GET  /api/connection   { status: 'not_connected' | 'active' | 'needs_reauthorization', reason? }
//   GET  /api/accounts     the user's accounts, with an access token refreshed (and rotated) when due
// Tokens are sealed with AES-256-GCM under NRICH_TOKEN_KEYS and kept in PostgreSQL (DATABASE_URL) or, without
// it, in the embedded store (a directory: NRICH_DATA_DIR, default ./nrich-data).
// Run: NRICH_API_URL=... NRICH_CLIENT_ID=... NRICH_CLIENT_SECRET=... REDIRECT_URI=https://app.example/connect \
//      NRICH_TOKEN_KEYS=k1:$(openssl rand -base64 32) [DATABASE_URL=postgres://...] node --import tsx backend-ongoing.ts
import { createServer } from 'node:http';
import {
  createConnectHandlers,
  createEmbeddedStore,
  createNrichClient,
  createPostgresStore,
  errorResponse,
  getConnectionState,
  getValidAccessToken,
  isNrichApiError,
  isReauthorizationRequired,
  jsonResponse,
  toNodeHandler,
  upstreamErrorResponse,
} from 'nrich-connect/server';

const client = createNrichClient({
  baseUrl: process.env.NRICH_API_URL as string,
  clientId: process.env.NRICH_CLIENT_ID as string,
  clientSecret: process.env.NRICH_CLIENT_SECRET as string,
});
const redirectUri = process.env.REDIRECT_URI ?? 'http://localhost:3000/connect';
// Schema created or migrated on start. Without NRICH_TOKEN_KEYS this throws TokenStoreError `missing_key`,
// whatever NODE_ENV says: a store never starts unencrypted unless told to by name (docs/stores.md).
const store = process.env.DATABASE_URL
  ? await createPostgresStore({ connectionString: process.env.DATABASE_URL })
  : await createEmbeddedStore({ directory: process.env.NRICH_DATA_DIR ?? 'nrich-data' });

// Who is signed in: your own authentication goes here. This example reads a header, which anyone can send:
// never do that in production, use your session.
async function userOf(request: Request): Promise<string | undefined> {
  return request.headers.get('x-user-id') ?? undefined;
}

const { widgetLink, exchange } = createConnectHandlers({
  client,
  store,
  redirectUris: [redirectUri],
  flow: 'ongoing/access',
  // The tokens are kept under the user, and the API's `user_id` is the same id.
  sessionKey: userOf,
  onError: logFailure,
});

async function accounts(request: Request): Promise<Response> {
  const user = await userOf(request);
  if (user === undefined) return errorResponse(401, 'not_signed_in', 'Sign in first.');
  try {
    const accessToken = await getValidAccessToken({ store, key: user, client });
    if (accessToken === undefined) return errorResponse(404, 'not_connected', 'Connect a bank account first.');
    return jsonResponse(await client.listAccounts(accessToken));
  } catch (error) {
    // The reconnect path: the refresh token was refused or its 90 days are over. Show <nrich-connect> again;
    // its exchange makes the connection active again.
    if (isReauthorizationRequired(error)) {
      return errorResponse(401, 'reconnect', 'The bank connection has lapsed: connect again.');
    }
    logFailure(error);
    return upstreamErrorResponse(error); // JSON, never a stack trace
  }
}

async function connection(request: Request): Promise<Response> {
  const user = await userOf(request);
  if (user === undefined) return errorResponse(401, 'not_signed_in', 'Sign in first.');
  return jsonResponse(await getConnectionState({ store, key: user }));
}

const routes: Record<string, (request: Request) => Promise<Response>> = {
  'POST /api/widget-link': widgetLink,
  'POST /api/exchange': exchange,
  'GET /api/connection': connection,
  'GET /api/accounts': accounts,
};

async function handle(request: Request): Promise<Response> {
  const route = routes[`${request.method} ${new URL(request.url).pathname}`];
  try {
    return route ? await route(request) : errorResponse(404, 'not_found', 'No such route.');
  } catch (error) {
    logFailure(error);
    return upstreamErrorResponse(error);
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
// Let a restart (deploy, Ctrl-C) close the store cleanly; a crash is recovered on the next start all the same.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => void store.close().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}
