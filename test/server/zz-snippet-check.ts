import { createServer } from 'node:http';
import {
  createNrichClient, createWidgetLinkHandler, getValidAccessToken, jsonResponse,
  MemoryTokenStore, readJsonBody, saveTokenResponse, toNodeHandler,
} from '../../src/server/index.js';
declare function userIdOf(request: Request): string;

const client = createNrichClient({
  baseUrl: process.env.NRICH_API_URL!, clientId: process.env.NRICH_CLIENT_ID!, clientSecret: process.env.NRICH_CLIENT_SECRET!,
});
const redirectUri = 'https://app.example/callback';
const store = new MemoryTokenStore(); // implement TokenStore over your database in production

const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
  '/api/widget-link': toNodeHandler(createWidgetLinkHandler({ client, redirectUris: [redirectUri] })),
  '/api/exchange': toNodeHandler(async (request) => {
    const body = await readJsonBody(request, 8192);
    const code = body.ok ? (body.value as { code?: unknown }).code : undefined;
    if (typeof code !== 'string') return jsonResponse({ error: 'invalid_code' }, 400);
    await saveTokenResponse(store, userIdOf(request), await client.exchangeCode({ code, redirectUri }));
    return jsonResponse({ ok: true }); // never the tokens
  }),
};
createServer((req, res) => (routes[req.url ?? ''] ?? ((_, r) => r.writeHead(404).end()))(req, res)).listen(3000);

// Later, anywhere on the server:
export async function accountsOf(userId: string) {
  const accessToken = await getValidAccessToken({ store, key: userId, client }); // refreshes + rotates when due
  return accessToken ? (await client.listAccounts(accessToken)).accounts : undefined;
}
