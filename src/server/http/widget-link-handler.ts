/**
 * The endpoint the browser element calls for a widget link: `(Request) => Promise<Response>`, so it
 * mounts on any Web-standard server (and on Node/Express through `toNodeHandler`).
 * The host's credentials stay here; the page only ever sees `{ location, id }`. The flow it starts is the
 * host's choice (`flow`), as are the fields a page must not pick: `user_id`, the name to verify.
 */
import type { NrichClient } from '../client/client.js';
import type { FlowRequest, WidgetLink } from '../types.js';
import { NrichConfigError } from '../errors.js';
import { errorResponse, jsonResponse } from './json-response.js';
import { isRecord } from '../json-value.js';
import { readJsonBody, readJsonErrorResponse } from './read-json.js';
import { upstreamErrorResponse } from './upstream-error.js';
import { checkWidgetLinkRules, validateWidgetLinkRequest, type WidgetLinkRules } from './widget-link-request.js';

/** Flow fields only the host knows: whose connection it is, whose name to verify. */
interface HostFlowFields {
  /** `/ongoing/access`: your id for the signed-in user; required there. */
  user_id?: string;
  tracking_id?: string;
  provider_id?: string;
  save_secrets?: boolean;
  /** `/onetime/account-verification`: the account holder's name; required there. */
  name?: string;
}

export interface WidgetLinkHandlerOptions extends WidgetLinkRules {
  client: Pick<NrichClient, 'createFlow'>;
  /**
   * The host's own fields for this request, merged over what the page sent. Required for
   * `ongoing/access` (`user_id`) and `onetime/account-verification` (`name`).
   */
  hostFields?: (request: Request) => HostFlowFields | Promise<HostFlowFields>;
  /** Extra query for the flow endpoint (the sandbox's switches); return undefined for none. */
  linkQuery?: (request: Request) => Record<string, string> | undefined;
  /**
   * Called with each link before it is answered, e.g. to remember the flow id, state or redirect_uri
   * with the user's session. A throw here fails the request with 500.
   */
  onLink?: (link: WidgetLink, sent: FlowRequest, request: Request) => void | Promise<void>;
  /** Told about every upstream or internal failure, e.g. to log it; an `NrichApiError` holds no credentials. */
  onError?: (error: unknown) => void;
  /**
   * The origins of the pages that may ask for links (e.g. `['https://shop.example']`); a POST from any
   * other origin gets 403 before anything is read or started. Unset: any origin (bodies must still be
   * `application/json`, which keeps plain cross-site forms out).
   */
  allowedOrigins?: readonly string[];
  /** Bodies above this are refused with 413. Default 16 KiB: a valid body is far smaller. */
  maxBodyBytes?: number;
  /**
   * Asked about a link the element requests ahead of a click (`preload: true` in the body), after the body was
   * read and checked: return false to refuse it (403 `preload_refused`) before anything is started upstream,
   * e.g. to keep flows for users who click. Unset: preloads are served like any request.
   */
  onPreload?: (request: Request) => boolean | Promise<boolean>;
}

export type RequestHandler = (request: Request) => Promise<Response>;

/**
 * What the kit's own link route (`createConnectHandlers`) adds around the handler, with what it learned about the
 * request handed along as `context` (the session it found or started), never looked up again by request:
 * - `admit` checks the parsed body first (the session, the state): a refusal, or the context to go on with;
 * - `hostFields`, when given, replaces the options' one;
 * - `record` runs with each link before the host's `onLink` (the pending flow is saved);
 * - `answer` finishes a successful answer (the new session's cookie).
 */
export interface LinkRoute<T> {
  admit(request: Request, body: unknown): Promise<Response | { context: T }>;
  hostFields?: (request: Request, context: T) => HostFlowFields | Promise<HostFlowFields>;
  record(link: WidgetLink, sent: FlowRequest, context: T): Promise<void>;
  answer(response: Response, context: T, request: Request): Promise<Response>;
}

const REQUIRED_HOST_FIELD: Partial<Record<string, keyof HostFlowFields>> = {
  'ongoing/access': 'user_id',
  'onetime/account-verification': 'name',
};

export function createWidgetLinkHandler(options: WidgetLinkHandlerOptions): RequestHandler {
  return linkRoute<undefined>(options);
}

/** `createWidgetLinkHandler`, with the kit's own route around it when `route` is given (`createConnectHandlers`). */
export function linkRoute<T>(options: WidgetLinkHandlerOptions, route?: LinkRoute<T>): RequestHandler {
  checkWidgetLinkRules(options);
  checkHandlerOptions(options);
  const flow = options.flow ?? 'onetime/access';
  const required = REQUIRED_HOST_FIELD[flow];
  if (required && !options.hostFields && !route?.hostFields) {
    throw new NrichConfigError('hostFields', `the ${flow} flow needs ${required} from hostFields(request).`);
  }
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;

  return async (request) => {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    }
    const body = await readJsonBody(request, {
      maxBytes: maxBodyBytes,
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    });
    if (!body.ok) return readJsonErrorResponse(body.reason, maxBodyBytes);
    let admitted: Response | { context: T } | undefined;
    try {
      admitted = await route?.admit(request, body.value);
    } catch (error) {
      options.onError?.(error); // the host's session lookup failed: still a JSON answer
      return upstreamErrorResponse(error);
    }
    if (admitted instanceof Response) return admitted;
    const context = admitted?.context as T;
    const checked = validateWidgetLinkRequest(body.value, options);
    if (!checked.ok) return errorResponse(400, checked.error, checked.message);
    if (options.onPreload && isRecord(body.value) && body.value.preload === true) {
      if (!(await options.onPreload(request))) {
        return errorResponse(403, 'preload_refused', 'This server starts flows only when the user asks.');
      }
    }

    try {
      const host =
        (await (route?.hostFields ? route.hostFields(request, context) : options.hostFields?.(request))) ?? {};
      if (required && (typeof host[required] !== 'string' || host[required] === '')) {
        throw new NrichConfigError('hostFields', `returned no ${required}, which the ${flow} flow requires.`);
      }
      const sent = { ...checked.request, ...host } as FlowRequest;
      const query = options.linkQuery?.(request);
      // The request's signal: a page that goes away cancels the upstream call (and its retries) too.
      const link = await options.client.createFlow(flow, sent, {
        ...(query ? { query } : {}),
        signal: request.signal,
      });
      await route?.record(link, sent, context);
      await options.onLink?.(link, sent, request);
      const answer = jsonResponse({ location: link.location, id: link.id });
      return route ? await route.answer(answer, context, request) : answer;
    } catch (error) {
      options.onError?.(error);
      return upstreamErrorResponse(error);
    }
  };
}

/** The handler's own settings, checked at construction like the rules. */
function checkHandlerOptions(options: WidgetLinkHandlerOptions): void {
  const { maxBodyBytes, allowedOrigins } = options;
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new NrichConfigError('maxBodyBytes', 'must be a whole number of bytes above 0.');
  }
  if (allowedOrigins !== undefined) {
    // An Origin header is scheme://host[:port], nothing more: a listed URL with a path would match nothing.
    const bad = Array.isArray(allowedOrigins)
      ? allowedOrigins.find((origin) => typeof origin !== 'string' || originOf(origin) !== origin)
      : allowedOrigins;
    if (bad !== undefined) throw new NrichConfigError('allowedOrigins', `"${String(bad)}" is not an origin.`);
  }
  for (const name of ['hostFields', 'linkQuery', 'onLink', 'onError', 'onPreload'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new NrichConfigError(name, 'must be a function.');
    }
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
