// The app's server: the built app (dist/browser, after `npm run build`) and the backend half of the flow,
// POST /api/widget-link, on Express. During development `ng serve` proxies /api here (proxy.conf.mjs).
//   NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET  the nrich API (or the sandbox) and your credentials
//   PORT (3000), APP_ORIGIN (http://localhost:PORT)      where the app's pages are served (ng serve: :4200)
import express from 'express';
import { createNrichClient, createWidgetLinkHandler, toNodeHandler } from 'nrich-connect/server';

const port = Number(process.env.PORT ?? 3000);
const appOrigin = process.env.APP_ORIGIN ?? `http://localhost:${port}`;
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
      // Only this app's pages may ask for links; a POST from any other origin gets 403.
      allowedOrigins: [appOrigin],
      // The element sends its page's URL as redirect_uri: this app has one page.
      redirectUris: (uri) => new URL(uri).origin === appOrigin && new URL(uri).pathname === '/',
    }),
  ),
);
app.use(express.static(new URL('./dist/browser', import.meta.url).pathname));

app.listen(port, () => console.log(`angular example: ${appOrigin}`));

/** A setting from the environment; missing, the server says which instead of failing on the first request. */
function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see demo/examples/README.md`);
  return value;
}
