/**
 * The loopback world the benchmarks run in: three origins, as on a real site.
 *   - the sandbox (API + widget), from src/sandbox;
 *   - the host: the bench pages and the link endpoint (the server kit's handler, answering after `linkDelay` ms);
 *   - a "CDN" that answers every script after `scriptDelay` ms (our CDN build and Mastercard's SDK).
 * Every request the host and the CDN see is logged with the time it arrived (for the report's waterfall).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../src/sandbox/index.js';
import { createNrichClient, createWidgetLinkHandler, toNodeHandler } from '../src/server/index.js';
import { pages } from './pages.js';

export interface BenchServerOptions {
  /** Milliseconds every CDN script waits before it is answered. */
  scriptDelay: number;
  /** Milliseconds the link endpoint waits before it asks the sandbox. */
  linkDelay: number;
  /** Directory served at the CDN's /nrich-connect/ (a CDN build of the current source). */
  cdnDir: string;
}

export interface BenchServers {
  host: string;
  cdn: string;
  sandbox: string;
  /** Link requests the endpoint saw, with their `preload` field: how the bench counts preloads. */
  linkRequests: { preload: boolean }[];
  close(): Promise<void>;
}

const sdkDir = path.resolve('node_modules/connect-web-sdk/dist');
const benchDir = path.resolve('bench/cdn');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startBenchServers(options: BenchServerOptions): Promise<BenchServers> {
  const sandbox = await startSandbox();
  const client = createNrichClient({
    baseUrl: sandbox.url,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
  });
  const linkRequests: { preload: boolean }[] = [];
  let hostOrigin = '';
  const linkHandler = toNodeHandler(
    createWidgetLinkHandler({ client, redirectUris: (uri) => new URL(uri).origin === hostOrigin }),
  );

  const cdn = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://cdn');
    const file = cdnFile(url.pathname, options.cdnDir);
    await sleep(options.scriptDelay);
    if (!file) return res.writeHead(404).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': file.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8',
        'access-control-allow-origin': '*',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });

  const host = await listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/api/widget-link' && req.method === 'POST') {
      const body = await readText(req);
      linkRequests.push({ preload: /"preload"\s*:\s*true/.test(body) });
      await sleep(options.linkDelay);
      // Read already (to count preloads): handed on the way a body parser would (the adapter supports that).
      return linkHandler(Object.assign(req, { body }), res);
    }
    const page = pages[url.pathname.slice(1)];
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page({ cdn: cdn.url, sandbox: sandbox.url, query: url.searchParams }));
  }, 'localhost');
  hostOrigin = host.url;

  return {
    host: host.url,
    cdn: cdn.url,
    sandbox: sandbox.url,
    linkRequests,
    async close() {
      await Promise.all([host.close(), cdn.close(), sandbox.close()]);
    },
  };
}

/**
 * /nrich-connect/x -> the CDN build; /connect-web-sdk/x -> Mastercard's published dist; /bench/x -> bench/cdn/
 * (one module that shows the button: one script round trip). Nothing else.
 */
function cdnFile(pathname: string, cdnDir: string): string | undefined {
  const [, root, ...rest] = pathname.split('/');
  const dirs: Record<string, string> = { 'nrich-connect': cdnDir, 'connect-web-sdk': sdkDir, bench: benchDir };
  const dir = dirs[root ?? ''];
  if (!dir) return undefined;
  const file = path.resolve(dir, ...rest);
  return file.startsWith(dir + path.sep) ? file : undefined;
}

async function readText(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/**
 * `hostname` names the origin: the host pages are served as `localhost` and the sandbox as `127.0.0.1`, two
 * sites, so the widget runs in its own renderer process as a real third-party widget does, and the leak
 * figures (one renderer's heap and counters) are the host page's alone.
 */
async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  hostname = '127.0.0.1',
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
