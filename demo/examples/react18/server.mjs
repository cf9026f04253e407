// The app's server: the server-rendered page, its built assets, and the backend half of the flow,
// POST /api/widget-link, on Express. Run `npm run build` first.
//   NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET  the nrich API (or the sandbox) and your credentials
//   PORT (3000), APP_ORIGIN (http://localhost:PORT)      where this app is served
import { readFile } from 'node:fs/promises';
import express from 'express';
import { createNrichClient, createWidgetLinkHandler, toNodeHandler } from 'nrich-connect/server';
import { render } from './dist/server/entry-server.js';

const port = Number(process.env.PORT ?? 3000);
const appOrigin = process.env.APP_ORIGIN ?? `http://localhost:${port}`;
const client = createNrichClient({
  baseUrl: env('NRICH_API_URL'),
  clientId: env('NRICH_CLIENT_ID'),
  clientSecret: env('NRICH_CLIENT_SECRET'),
});
const template = await readFile(new URL('./dist/client/index.html', import.meta.url), 'utf8');

const app = express();
app.post(
  '/api/widget-link',
  toNodeHandler(
    createWidgetLinkHandler({
      client,
      // Only this app's pages may ask for links; a POST from any other origin gets 403.
      allowedOrigins: [appOrigin],
      // The element sends its page's URL as redirect_uri: this app has one page.
      redirectUris: (uri) => new URL(uri).origin === appOrigin && new URL(uri).pathname === '/',
    }),
  ),
);
app.get('/', (_request, response) => response.type('html').send(template.replace('<!--app-->', render())));
app.use(express.static(new URL('./dist/client', import.meta.url).pathname, { index: false }));

app.listen(port, () => console.log(`react18 example: ${appOrigin}`));

/** A setting from the environment; missing, the server says which instead of failing on the first request. */
function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see demo/examples/README.md`);
  return value;
}
