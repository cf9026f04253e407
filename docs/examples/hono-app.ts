// Hono: the same two routes on any runtime Hono runs on (Node, Bun, Deno, Workers).
//   <nrich-connect endpoint="/api/widget-link">; the page posts the success event's
//   { code, state, flow_id } to /api/exchange.
import { Hono } from 'hono';
import {
  createNrichClient,
  createWidgetLinkHandler,
  errorResponse,
  exchangeAndFetch,
  jsonResponse,
  readJsonBody,
  upstreamErrorResponse,
} from 'nrich-connect/server';

const client = createNrichClient({
  baseUrl: process.env.NRICH_API_URL as string,
  clientId: process.env.NRICH_CLIENT_ID as string,
  clientSecret: process.env.NRICH_CLIENT_SECRET as string,
});
const redirectUri = process.env.REDIRECT_URI as string;
// Flows this server started (state -> flow id): only their answers are exchanged. Keep them in your database.
const started = new Map<string, string>();

const widgetLink = createWidgetLinkHandler({
  client,
  redirectUris: [redirectUri],
  onLink(link, sent) {
    started.set(sent.state ?? '', link.id);
  },
});

export const app = new Hono();

app.post('/api/widget-link', (c) => widgetLink(c.req.raw));

app.post('/api/exchange', async (c) => {
  const body = await readJsonBody(c.req.raw, 16 * 1024);
  const { code, state, flow_id } = (
    body.ok && body.value && typeof body.value === 'object' ? body.value : {}
  ) as Record<string, unknown>;
  if (typeof code !== 'string' || typeof state !== 'string' || !flow_id || started.get(state) !== flow_id) {
    return errorResponse(400, 'unknown_flow', 'Send the code, state and flow_id of a flow started here.');
  }
  try {
    // One-time data is deleted an hour after the user connected: fetch all of it now and store it.
    const data = await exchangeAndFetch(client, { code, redirectUri });
    started.delete(state);
    return jsonResponse({ accounts: data.accounts.length, transactions: data.transactions.length });
  } catch (error) {
    return upstreamErrorResponse(error); // JSON: a used code is 400 `reauthorize`, the API down 503/504/502
  }
});

// Errors Hono catches itself (a bug in a route) are JSON too, never a stack trace.
app.onError(() => errorResponse(500, 'internal', 'The server failed to handle the request.'));
app.notFound(() => errorResponse(404, 'not_found', 'No such route.'));
