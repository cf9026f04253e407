// POST /api/widget-link, the element's endpoint: nrich-connect/server's handler is a Web (Request) => Response,
// which is what an Astro API route is. On demand (not prerendered); settings read at run time, not at build.
import type { APIRoute } from 'astro';
import { createNrichClient, createWidgetLinkHandler, type RequestHandler } from 'nrich-connect/server';

export const prerender = false;

let handler: RequestHandler | undefined;

export const POST: APIRoute = ({ request }) => {
  handler ??= createWidgetLinkHandler({
    client: createNrichClient({
      baseUrl: setting('NRICH_API_URL'),
      clientId: setting('NRICH_CLIENT_ID'),
      clientSecret: setting('NRICH_CLIENT_SECRET'),
    }),
    // The element sends its page's URL as redirect_uri: this site has one page.
    redirectUris: [`${setting('APP_ORIGIN')}/`],
    // Only this site's pages may ask for links; a POST from any other origin gets 403.
    allowedOrigins: [setting('APP_ORIGIN')],
  });
  return handler(request);
};

/** A setting from the environment; missing, the answer says which. */
function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
