// The example app's backend: what an integrator writes around `nrich-connect/server`. It serves the page, is the
// element's `endpoint` (POST /api/widget-link) and exchanges the code the page posts (POST /api/exchange), fetching
// the bank data right away (one-time access: the API deletes it about an hour after the flow). Plain Node, no build:
//   NRICH_API_URL=http://127.0.0.1:8787 NRICH_CLIENT_ID=sandbox-client NRICH_CLIENT_SECRET=sandbox-secret node server.js
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createNrichClient,
  createWidgetLinkHandler,
  errorResponse,
  exchangeAndFetch,
  jsonResponse,
  readJsonBody,
  toNodeHandler,
  upstreamErrorResponse,
} from 'nrich-connect/server';

const pagePath = fileURLToPath(new URL('public/index.html', import.meta.url));
// The element as one self-registering script (and the chunks it loads on first use), from the installed package.
const elementDir = dirname(fileURLToPath(import.meta.resolve('nrich-connect/cdn/nrich-connect.js')));

/**
 * @param {{ apiUrl: string, clientId: string, clientSecret: string, port?: number }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startApp({ apiUrl, clientId, clientSecret, port = 0 }) {
  const client = createNrichClient({ baseUrl: apiUrl, clientId, clientSecret });
  let url = '';
  // The element sends this page's URL as redirect_uri; it is the only one this backend allows.
  const redirectUri = () => `${url}/`;

  // The states of the flows this app started (the element sends a fresh one per flow): an exchange must name one,
  // once. A real app keeps them with the user's session.
  const started = new Set();
  const widgetLink = createWidgetLinkHandler({
    client,
    redirectUris: (uri) => uri === redirectUri(),
    onLink: (_link, sent) => void started.add(sent.state),
  });

  /** @param {Request} request */
  async function exchange(request) {
    const body = await readJsonBody(request, 16 * 1024);
    const { code, state } = /** @type {{ code?: unknown, state?: unknown }} */ (body.ok ? (body.value ?? {}) : {});
    if (typeof code !== 'string' || code === '') return errorResponse(400, 'invalid_code', 'Send { code, state }.');
    if (typeof state !== 'string' || !started.delete(state)) {
      return errorResponse(400, 'unknown_flow', 'This state belongs to no flow started here.');
    }
    try {
      // One-time access: the API deletes the data about an hour after the flow, so everything is fetched now.
      const { accounts, transactions } = await exchangeAndFetch(client, { code, redirectUri: redirectUri() });
      // A real app stores these for the user; the tokens never leave the server, nor reach the page.
      return jsonResponse({
        accounts: accounts.map(({ iban, name, balance }) => ({ iban, name, balance: balance?.balance })),
        transactions: transactions.map(({ booking_date, name, purpose, amount }) => ({
          booking_date,
          name,
          purpose,
          amount,
        })),
      });
    } catch (error) {
      // JSON with the right status: a used or expired code is 400, the API being down 502/503/504.
      return upstreamErrorResponse(error);
    }
  }

  /** @type {Record<string, import('nrich-connect/server').NodeHandler>} */
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
  const { NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET, PORT } = process.env;
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
    port: Number(PORT ?? 3000),
  });
  console.log(`Example app on ${app.url}`);
  process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
}
