// React 19 with server rendering: react-dom/server renders the page here in Node, the browser hydrates it with
// hydrateRoot, and a user completes a sandbox flow with each way of using the element.
//   - the wrapper `nrich-connect/react`: its onSuccess receives { code, state, flow_id } (the documented way);
//   - `<nrich-connect onsuccess>`: the element dispatches success, but React attached no listener during
//     hydration (react#35446), so the app hears nothing. docs/frameworks.md says so; when React fixes it, this
//     test fails and the docs can drop the warning.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createNrichClient, createWidgetLinkHandler, toNodeHandler } from '../../src/server/index.js';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../src/sandbox/index.js';
import { App } from './fixtures/hydration-app.js';
import { assertAppReceived, completeFlow, exampleEnvironment, openPage, type Sandbox } from './harness.js';

async function startHydrationApp(sandbox: Sandbox): Promise<{ origin: string; server: Server }> {
  const { outputFiles } = await esbuild.build({
    entryPoints: ['test/examples/fixtures/hydration-client.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const client = outputFiles[0]!.text;
  const widgetLink = toNodeHandler(
    createWidgetLinkHandler({
      client: createNrichClient({
        baseUrl: sandbox.url,
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: SANDBOX_CLIENT_SECRET,
      }),
      redirectUris: (uri) => new URL(uri).hostname === '127.0.0.1',
    }),
  );
  const server = createServer((request, response) => {
    if (request.url === '/api/widget-link') return widgetLink(request, response);
    if (request.url === '/client.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(client);
    // Rendered per request, as a server does.
    const html = renderToString(createElement(App));
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        `<!doctype html><html lang="en"><head><title>hydration</title>` +
          `<script type="module" src="/client.js"></script></head><body><div id="root">${html}</div></body></html>`,
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('React 19, server rendering + hydrateRoot', () => {
  const env = exampleEnvironment();

  it('the wrapper delivers success after hydration; <nrich-connect onsuccess> does not (react#35446)', async () => {
    const { origin, server } = await startHydrationApp(env.sandbox());
    const { page, log } = await openPage(env.browser());
    try {
      const served = await (await fetch(origin)).text();
      assert.match(served, /<nrich-connect id="wrapper"/);
      assert.match(served, /<nrich-connect id="native" endpoint="\/api\/widget-link"/);
      await page.goto(origin);

      // Native first: any re-render of the tree (the wrapper's result, say) attaches the listener late.
      const native = await completeFlow(page, env.sandbox(), {
        element: '#native',
        result: '#native-result',
        resultTimeout: 1500,
      });
      assert.deepEqual(Object.keys(native.detail).sort(), ['code', 'flow_id', 'state']);
      assert.equal(
        native.result,
        '',
        'React now calls onsuccess after hydration (react#35446 fixed?): update docs/frameworks.md',
      );
      const wrapped = await completeFlow(page, env.sandbox(), { element: '#wrapper', result: '#wrapper-result' });
      assertAppReceived(wrapped, origin);

      assert.deepEqual(log.errors, []);
    } finally {
      await page.close();
      server.closeAllConnections(); // the browser keeps idle keep-alive sockets open
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
