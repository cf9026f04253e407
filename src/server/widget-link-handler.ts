/**
 * The endpoint the browser element calls for a widget link: `(Request) => Promise<Response>`, so it
 * mounts on any Web-standard server (and on Node/Express through `toNodeHandler`).
 * The host's credentials stay here; the page only ever sees `{ location, id }`.
 */
import type { NrichClient } from './client.js';
import type { OnetimeAccessRequest, WidgetLink } from './types.js';
import { errorResponse, jsonResponse } from './json-response.js';
import { readJsonBody } from './read-json.js';
import { upstreamErrorResponse } from './upstream-error.js';
import { validateWidgetLinkRequest, type WidgetLinkRules } from './widget-link-request.js';

export interface WidgetLinkHandlerOptions extends WidgetLinkRules {
  client: Pick<NrichClient, 'createWidgetLink'>;
  /** Extra query for `/onetime/access` (the sandbox's switches); return undefined for none. */
  linkQuery?: (request: Request) => Record<string, string> | undefined;
  /**
   * Called with each link before it is answered, e.g. to remember the flow id, state or redirect_uri
   * with the user's session. A throw here fails the request with 500.
   */
  onLink?: (link: WidgetLink, sent: OnetimeAccessRequest, request: Request) => void | Promise<void>;
  /** Told about every upstream or internal failure, e.g. to log it; an `NrichApiError` holds no credentials. */
  onError?: (error: unknown) => void;
  /** Bodies above this are refused with 413. Default 16 KiB: a valid body is far smaller. */
  maxBodyBytes?: number;
}

export type RequestHandler = (request: Request) => Promise<Response>;

export function createWidgetLinkHandler(options: WidgetLinkHandlerOptions): RequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  return async (request) => {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    }
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) {
      return body.reason === 'too_large'
        ? errorResponse(413, 'body_too_large', `The body exceeds ${maxBodyBytes} bytes.`)
        : errorResponse(400, 'invalid_json', 'The body must be JSON.');
    }
    const checked = validateWidgetLinkRequest(body.value, options);
    if (!checked.ok) return errorResponse(400, checked.error, checked.message);

    try {
      const query = options.linkQuery?.(request);
      const link = await options.client.createWidgetLink(checked.request, query ? { query } : {});
      await options.onLink?.(link, checked.request, request);
      return jsonResponse({ location: link.location, id: link.id });
    } catch (error) {
      options.onError?.(error);
      return upstreamErrorResponse(error);
    }
  };
}
