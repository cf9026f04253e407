// The example app's backend: what an integrator writes around `nrich-connect/server`. It serves the page, is the
// element's `endpoint` (POST /api/widget-link) and exchanges the code the page posts (POST /api/exchange), fetching
// the bank data right away (one-time access: the API deletes it about an hour after the flow). Plain Node, no build:
//   NRICH_API_URL=http://127.0.0.1:8787 NRICH_CLIENT_ID=sandbox-client NRICH_CLIENT_SECRET=sandbox-secret node server.js
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createConnectHandlers,
  createNrichClient,
  createSessions,
  fetchOneTimeData,
  MemoryTokenStore,
  toNodeHandler,
} from 'nrich-connect/server';

const pagePath = fileURLToPath(new URL('public/index.html', import.meta.url));
// The element as one self-registering script (and the chunks it loads on first use), from the installed package.
const elementDir = dirname(fileURLToPath(import.meta.resolve('nrich-connect/cdn/nrich-connect.js')));

/**
 * @param {{ apiUrl: string, clientId: string, clientSecret: string, sessionSecret?: string, port?: number }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startApp({ apiUrl, clientId, clientSecret, sessionSecret, port = 0 }) {
  const client = createNrichClient({ baseUrl: apiUrl, clientId, clientSecret });
  let url = '';
  // The element sends this page's URL as redirect_uri; it is the only one this backend allows.
  const redirectUri = () => `${url}/`;

  // Each flow is recorded with the browser session that started it, and its code exchanged only for that session,
  // once, within the hour. The kit's sessions: ids only this server issues (signed) in an HttpOnly, SameSite=Lax
  // cookie, moved to a new id when a bank is connected. A real app keeps SESSION_SECRET in its configuration (or
  // passes `sessionKey` with its signed-in user's id) and uses createPostgresStore.
  const sessions = createSessions({ secret: sessionSecret ?? randomBytes(32).toString('base64') });
  const { widgetLink, exchange } = createConnectHandlers({
    client,
    store: new MemoryTokenStore(),
    redirectUris: (uri) => uri === redirectUri(),
    sessions,
    // One-time access: the API deletes the data about an hour after the flow, so everything is fetched now.
    async onConnected({ tokens }) {
      const { accounts, transactions } = await fetchOneTimeData(client, tokens.accessToken);
      // A real app stores these for the user; the tokens never leave the server, nor reach the page.
      return {
        accounts: accounts.map(({ iban, name, balance }) => ({ iban, name, balance: balance?.balance })),
        transactions: transactions.map(({ booking_date, name, purpose, amount }) => ({
          booking_date,
          name,
          purpose,
          amount,
        })),
      };
    },
  });

  /** @type {Record<string, ReturnType<typeof toNodeHandler>>} */
  const api = {
    '/api/widget-link': toNodeHandler(widgetLink),
    '/api/exchange': toNodeHandler(exchange),
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://app.invalid').pathname;
    const handler = api[path];
    if (handler && req.method === 'POST') return void handler(req, res);
    if (req.method !== 'GET') return void res.writeHead(405).end();
    if (path === '/') return void sendFile(res, pagePath, 'text/html; charset=utf-8');
    const script = /^\/nrich-connect\/((?:chunks\/)?[\w-]+\.js)$/.exec(path)?.[1];
    if (script) return void sendFile(res, join(elementDir, script), 'text/javascript; charset=utf-8');
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {string} path
 * @param {string} type
 */
async function sendFile(res, path, type) {
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}

// `node server.js`: the app against the API (or a sandbox) named by the environment, on PORT (default 3000).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, SESSION_SECRET, PORT } = process.env;
  if (!NRICH_API_URL || !NRICH_CLIENT_ID || !NRICH_CLIENT_SECRET) {
    console.error(
      'Set NRICH_API_URL, NRICH_CLIENT_ID and NRICH_CLIENT_SECRET (npx nrich-connect sandbox prints them).',
    );
    process.exit(1);
  }
  const app = await startApp({
    apiUrl: NRICH_API_URL,
    clientId: NRICH_CLIENT_ID,
    clientSecret: NRICH_CLIENT_SECRET,
    ...(SESSION_SECRET ? { sessionSecret: SESSION_SECRET } : {}),
    port: Number(PORT ?? 3000),
  });
  console.log(`Example app on ${app.url}`);
  process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
}
