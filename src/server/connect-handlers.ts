/**
 * Both endpoints of a connection, bound to one store and one notion of "who is asking":
 *
 *   widgetLink  the element's `endpoint`. Refuses a request without a session or without `state`, creates the
 *               link, and records the pending flow (state, flow id, session key, redirect_uri, one hour).
 *   exchange    takes the element's `success` detail `{ code, state, flow_id }` for that pending flow only.
 *
 * The widget-link handler itself stays store-free (`createWidgetLinkHandler`); this records through its `onLink`.
 */
import type { NrichClient } from './client.js';
import { createExchangeHandler, type ExchangeHandlerOptions, type SessionKey } from './exchange-handler.js';
import { errorResponse } from './json-response.js';
import { isRecord } from './json-value.js';
import type { TokenStore } from './token-store.js';
import {
  widgetLinkHandlerWith,
  type AdmitRequest,
  type RequestHandler,
  type WidgetLinkHandlerOptions,
} from './widget-link-handler.js';

/** A code lives one hour (the docs); a pending flow no longer than its code. */
export const PENDING_FLOW_TTL_MS = 60 * 60 * 1000;

export interface ConnectHandlersOptions
  extends Omit<WidgetLinkHandlerOptions, 'client'>, Pick<ExchangeHandlerOptions, 'onConnected' | 'now'> {
  client: Pick<NrichClient, 'createFlow' | 'exchangeCode'>;
  store: TokenStore;
  /**
   * The host's session or user key for a request; undefined refuses the request (401). The tokens are stored
   * under it, and for `ongoing/access` it is the `user_id` sent to the API unless `hostFields` says otherwise:
   * for ongoing access, make it your user id.
   */
  sessionKey: SessionKey;
}

export function createConnectHandlers(options: ConnectHandlersOptions): {
  widgetLink: RequestHandler;
  exchange: RequestHandler;
} {
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  // The session key found for each link request, read again in onLink (which only gets the request).
  const owners = new WeakMap<Request, string>();

  const flow = options.flow ?? 'onetime/access';
  // The session and the state are checked on the body the handler read (once, after the origin and the type).
  const admit: AdmitRequest = async (request, body) => {
    const owner = await options.sessionKey(request);
    if (owner === undefined) return errorResponse(401, 'no_session', 'No session: sign in or open the page again.');
    // Without a state the exchange could not tell this flow's result from a forged one: refuse before the API.
    const state = isRecord(body) ? body.state : undefined;
    if (typeof state !== 'string' || state === '' || state.length > 512) {
      return errorResponse(400, 'invalid_request', 'state must be a string of 1 to 512 characters.');
    }
    owners.set(request, owner);
    return undefined;
  };

  const widgetLink = widgetLinkHandlerWith(
    {
      ...options,
      // Ongoing access belongs to a user of the host: by default the session key the flow is recorded under.
      ...(flow === 'ongoing/access' && !options.hostFields
        ? { hostFields: (request: Request) => ({ user_id: owners.get(request) }) }
        : {}),
      async onLink(link, sent, request) {
        const owner = owners.get(request);
        if (owner === undefined || sent.state === undefined) throw new Error('link request was not checked'); // unreachable
        const createdAt = now();
        await options.store.savePendingFlow({
          flowId: link.id,
          state: sent.state,
          owner,
          redirectUri: sent.redirect_uri,
          kind: flow,
          createdAt,
          expiresAt: createdAt + PENDING_FLOW_TTL_MS,
        });
        await options.onLink?.(link, sent, request);
      },
    },
    admit,
  );

  const exchange = createExchangeHandler({
    client: options.client,
    store: options.store,
    sessionKey: options.sessionKey,
    now,
    ...(options.onConnected ? { onConnected: options.onConnected } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    maxBodyBytes,
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
  });

  return { widgetLink, exchange };
}
