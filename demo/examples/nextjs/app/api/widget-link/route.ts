// The element's endpoint as a route handler: POST /api/widget-link -> { location, id }. The handler is a
// Web-standard (Request) => Promise<Response>, so it is the route as is. Credentials stay on the server.
//   NRICH_API_URL, NRICH_CLIENT_ID, NRICH_CLIENT_SECRET  the nrich API (or the sandbox) and your credentials
//   APP_ORIGIN                                           where this app is served (http://localhost:3000)
import { createNrichClient, createWidgetLinkHandler, type RequestHandler } from 'nrich-connect/server';

let handler: RequestHandler | undefined;

/** Made on the first request, not at import: `next build` imports this module without the secrets. */
function widgetLinkHandler(): RequestHandler {
  const appOrigin = process.env.APP_ORIGIN ?? 'http://localhost:3000';
  return createWidgetLinkHandler({
    client: createNrichClient({
      baseUrl: env('NRICH_API_URL'),
      clientId: env('NRICH_CLIENT_ID'),
      clientSecret: env('NRICH_CLIENT_SECRET'),
    }),
    // Only this app's pages may ask for links; a POST from any other origin gets 403.
    allowedOrigins: [appOrigin],
    // The element sends its page's URL as redirect_uri. Allow this app's origin and the pages that show the
    // element, compared parsed (a string prefix would also match http://localhost:3000.evil.example).
    redirectUris: (uri) => {
      const url = new URL(uri);
      return url.origin === appOrigin && (url.pathname === '/' || url.pathname.startsWith('/settings/'));
    },
  });
}

export function POST(request: Request): Promise<Response> {
  handler ??= widgetLinkHandler();
  return handler(request);
}

/** A setting from the environment; missing, the server says which instead of failing on the first request. */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see demo/examples/README.md`);
  return value;
}
