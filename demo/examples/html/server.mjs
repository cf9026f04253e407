// The site's server: its two pages and the backend half of the flow, POST /api/widget-link, on Express.
//   NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET  the nrich API (or the sandbox) and your credentials
//   PORT (3000), APP_ORIGIN (http://localhost:PORT)      where this site is served
//   CDN_URL                                              optional: serve the pages with the CDN's
//                                                        .../nrich-connect@0.1/dist/cdn/ replaced by this URL
import { readFile } from 'node:fs/promises';
import express from 'express';
import { createNrichClient, createWidgetLinkHandler, toNodeHandler } from 'nrich-connect/server';

const port = Number(process.env.PORT ?? 3000);
const appOrigin = process.env.APP_ORIGIN ?? `http://localhost:${port}`;
const pages = { '/': 'index.html', '/classic.html': 'classic.html' };

const client = createNrichClient({
  baseUrl: env('NRICH_API_URL'),
  clientId: env('NRICH_CLIENT_ID'),
  clientSecret: env('NRICH_CLIENT_SECRET'),
});

const app = express();
app.post(
  '/api/widget-link',
  toNodeHandler(
    createWidgetLinkHandler({
      client,
      // Only this site's pages may ask for links; a POST from any other origin gets 403.
      allowedOrigins: [appOrigin],
      // The element sends its page's URL as redirect_uri: allow exactly this site's pages.
      redirectUris: (uri) => {
        const url = new URL(uri);
        return url.origin === appOrigin && Object.hasOwn(pages, url.pathname);
      },
    }),
  ),
);

const CDN = 'https://cdn.jsdelivr.net/npm/nrich-connect@0.1/dist/cdn/';
for (const [path, file] of Object.entries(pages)) {
  app.get(path, async (_request, response) => {
    const html = await readFile(new URL(file, import.meta.url), 'utf8');
    response.type('html').send(process.env.CDN_URL ? html.replaceAll(CDN, process.env.CDN_URL) : html);
  });
}

app.listen(port, () => console.log(`html example: ${appOrigin}`));

/** A setting from the environment; missing, the server says which instead of failing on the first request. */
function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see demo/examples/README.md`);
  return value;
}
