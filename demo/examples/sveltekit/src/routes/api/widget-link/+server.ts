// POST /api/widget-link, the element's endpoint: nrich-connect/server's handler is a Web (Request) => Response,
// which is what a SvelteKit route handler is. Settings from the environment at run time, not at build.
import { env } from '$env/dynamic/private';
import { createNrichClient, createWidgetLinkHandler, type RequestHandler } from 'nrich-connect/server';
import type { RequestHandler as Route } from './$types';

let handler: RequestHandler | undefined;

export const POST: Route = ({ request }) => {
  // Made on the first request: `vite build` imports this module without your secrets.
  handler ??= createWidgetLinkHandler({
    client: createNrichClient({
      baseUrl: setting('NRICH_API_URL'),
      clientId: setting('NRICH_CLIENT_ID'),
      clientSecret: setting('NRICH_CLIENT_SECRET'),
    }),
    // The element sends its page's URL as redirect_uri: this app has one page.
    redirectUris: [`${setting('APP_ORIGIN')}/`],
    // Only this app's pages may ask for links; a POST from any other origin gets 403.
    allowedOrigins: [setting('APP_ORIGIN')],
  });
  return handler(request);
};

/** A setting from the environment; missing, the answer says which. */
function setting(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
