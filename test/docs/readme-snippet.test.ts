// The README's "Use it in 20 seconds" snippet works as pasted: its HTML, unchanged but for the CDN's URL, is the
// whole page, served by a host whose two routes are `createConnectHandlers` (the kit's own widget link and
// exchange); the element comes from a second origin as a CDN serves dist/cdn/. Chromium (Debian's, through
// playwright-core) clicks the button, the sandbox completes the flow, and the snippet's own `success` listener
// posts the detail: the exchange answers 200 and the flow is connected.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { createConnectHandlers, createNrichClient, MemoryTokenStore, toNodeHandler } from 'nrich-connect/server';
import { completeFlow } from 'nrich-connect/testing';
import { startCdn, type CdnServer } from '../examples/cdn-server.js';
import { twentySecondSnippet } from './blocks.js';

const README_CDN = 'https://your-cdn.example/nrich-connect@0.1.0/dist/cdn/';

let sandbox: Sandbox;
let cdn: CdnServer;
let host: Server;
let origin = '';
let browser: Browser;
/** What the host's exchange answered, as the page received it. */
const exchanges: { status: number; body: unknown }[] = [];

before(async () => {
  sandbox = await startSandbox();
  cdn = await startCdn('dist/cdn', { prefix: '/nrich-connect@0.1.0/dist/cdn/' });
  const snippet = twentySecondSnippet(readFileSync('README.md', 'utf8'));
  assert.equal(snippet.split(README_CDN).length, 2, 'the snippet names the CDN once');
  const page = `<!doctype html>\n<html lang="en">\n<title>20 seconds</title>\n<body>\n${snippet.replace(README_CDN, cdn.url)}</body>\n</html>\n`;

  // A host as small as the kit allows: a session cookie, the two handlers, the page.
  const sessionOf = new WeakMap<Request, string>();
  const { widgetLink, exchange } = createConnectHandlers({
    client: createNrichClient({ baseUrl: sandbox.url, ...sandbox.credentials }),
    store: new MemoryTokenStore(),
    redirectUris: (uri) => uri === `${origin}/`,
    sessionKey: (request) => sessionOf.get(request),
  });
  host = createServer(
    toNodeHandler(async (request: Request) => {
      const { pathname } = new URL(request.url);
      if (request.method === 'GET' && pathname === '/') {
        return new Response(page, { headers: { 'content-type': 'text/html; charset=utf-8' } });
      }
      const known = /(?:^|;\s*)sid=([\w-]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      const session = known ?? randomUUID();
      sessionOf.set(request, session);
      const handler = { '/api/widget-link': widgetLink, '/api/exchange': exchange }[pathname];
      const response =
        handler && request.method === 'POST' ? await handler(request) : new Response(null, { status: 404 });
      if (pathname === '/api/exchange')
        exchanges.push({ status: response.status, body: await response.clone().json() });
      if (!known) response.headers.append('set-cookie', `sid=${session}; Path=/; HttpOnly; SameSite=Lax`);
      return response;
    }),
  );
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  host?.closeAllConnections();
  await new Promise((resolve) => host?.close(resolve));
  await cdn?.close();
  await sandbox?.close();
});

test("the README's 20-second snippet, pasted as it is, completes a flow: the kit's exchange answers 200", async () => {
  const page = await browser.newPage();
  const console: string[] = [];
  page.on('console', (message) => {
    // Chromium asks every page for /favicon.ico; this one has none.
    if (!message.location().url.endsWith('/favicon.ico')) console.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => console.push(`uncaught: ${String(error)}`));
  await page.goto(`${origin}/`);
  const exchanged = page.waitForResponse((response) => response.url() === `${origin}/api/exchange`);
  await page.getByRole('button', { name: 'Connect your bank' }).click();
  const completed = await completeFlow(sandbox, { outcome: 'authorize' });
  assert.equal((await exchanged).status(), 200, JSON.stringify(exchanges));
  assert.deepEqual(exchanges, [{ status: 200, body: { connected: true, flow_id: completed.flowId } }]);
  // The element came from the CDN's origin; the snippet's abort and error listeners heard nothing.
  assert.ok(cdn.requests.includes('/nrich-connect@0.1.0/dist/cdn/nrich-connect.js'));
  assert.deepEqual(
    console.filter((line) => /^(warning|error|uncaught)/.test(line) || line.includes('canceled:')),
    [],
  );
  await page.close();
});
