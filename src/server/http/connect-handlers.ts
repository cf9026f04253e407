/**
 * http/: the kit's routes as Web `(Request) => Promise<Response>` handlers and what they stand on: reading a JSON
 * body once (`read-json.ts`), JSON answers (`json-response.ts`), API failures mapped to answers a browser may see
 * (`upstream-error.ts`, `finish-failure.ts`), the kit's browser sessions (`sessions.ts`) and the Node adapter
 * (`node-adapter.ts`). This file builds both routes a host mounts; `createWidgetLinkHandler` is the store-free
 * link route alone. It imports client/ and tokens/; nothing imports it but the entry.
 *
 * Both endpoints of a connection, bound to one store and one notion of "who is asking":
 *
 *   widgetLink  the element's `endpoint`. Refuses a request without a session or without `state`, creates the
 *               link, and records the pending flow (state, flow id, session key, redirect_uri, one hour).
 *   exchange    takes the element's `success` detail `{ code, state, flow_id }` for that pending flow only.
 *
 * The widget-link handler itself stays store-free (`createWidgetLinkHandler`); this records through its `onLink`.
 */
import type { NrichClient } from '../client/client.js';
import { NrichConfigError } from '../errors.js';
import type { PendingFlow, TokenStore } from '../tokens/token-store.js';
import { exchangeRoute, type ExchangeRouteOptions, type SessionKey } from './exchange-handler.js';
import { errorResponse } from './json-response.js';
import { isRecord } from '../json-value.js';
import type { Sessions } from './sessions.js';
import {
  linkRoute,
  type LinkRoute,
  type RequestHandler,
  type WidgetLinkHandlerOptions,
} from './widget-link-handler.js';

/** A code lives one hour (the docs); a pending flow no longer than its code. */
export const PENDING_FLOW_TTL_MS = 60 * 60 * 1000;

type ConnectHandlersOptions = Omit<WidgetLinkHandlerOptions, 'client'> &
  Pick<ExchangeRouteOptions, 'onConnected' | 'now'> & {
    client: Pick<NrichClient, 'createFlow' | 'exchangeCode'>;
    store: TokenStore;
  } & WhoIsAsking;

/** Exactly one of the two. */
type WhoIsAsking =
  | {
      /**
       * The host's signed-in user (or its own session) for a request; undefined refuses the request (401). The
       * tokens are stored under it, and for `ongoing/access` it is the `user_id` sent to the API unless
       * `hostFields` says otherwise: make it your user id, never a browser session's id.
       */
      sessionKey: SessionKey;
      sessions?: never;
    }
  | {
      /**
       * The kit's own browser sessions (`createSessions`): a link request without one starts one (its cookie is
       * set on the answer), an id the server never issued is no session, and a connected flow moves the session to
       * a new id (set on the exchange's 200), under which the tokens are stored. For `ongoing/access` the API's
       * `user_id` is a keyed label of the session, never its id.
       */
      sessions: Sessions;
      sessionKey?: never;
    };

/** What the link route learned about one request: whose it is, and whether this request started that session. */
interface Asker {
  owner: string;
  started: boolean;
}

export function createConnectHandlers(options: ConnectHandlersOptions): {
  widgetLink: RequestHandler;
  exchange: RequestHandler;
} {
  const now = options.now ?? Date.now;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  checkParts(options);
  const { sessions, sessionKey: hostKey } = options;
  if (sessions !== undefined && hostKey !== undefined) {
    throw new NrichConfigError('sessions', 'pass either sessions or sessionKey, not both.');
  }
  let sessionKey: SessionKey;
  if (sessions) sessionKey = (request) => sessions.read(request);
  else if (typeof hostKey === 'function') sessionKey = hostKey;
  else throw new NrichConfigError('sessionKey', 'is missing: pass sessions (createSessions) or your own sessionKey.');

  const flow = options.flow ?? 'onetime/access';
  const link: LinkRoute<Asker> = {
    // The session and the state are checked on the body the handler read (once, after the origin and the type).
    async admit(request, body) {
      let owner = await sessionKey(request);
      let started = false;
      if (owner === undefined && sessions) [owner, started] = [sessions.issue(), true];
      if (owner === undefined) return errorResponse(401, 'no_session', 'No session: sign in or open the page again.');
      // Without a state the exchange could not tell this flow's result from a forged one: refuse before the API.
      const state = isRecord(body) ? body.state : undefined;
      if (typeof state !== 'string' || state === '' || state.length > 512) {
        return errorResponse(400, 'invalid_request', 'state must be a string of 1 to 512 characters.');
      }
      return { context: { owner, started } };
    },
    // Ongoing access belongs to a user of the host: by default the session key the flow is recorded under.
    ...(flow === 'ongoing/access' && !options.hostFields
      ? {
          hostFields: async (_request: Request, { owner }: Asker) => ({
            user_id: sessions ? await sessions.label(owner) : owner,
          }),
        }
      : {}),
    async record(link, sent, { owner }) {
      const createdAt = now();
      await options.store.savePendingFlow({
        flowId: link.id,
        state: sent.state as string, // admit refused a request without one
        owner,
        redirectUri: sent.redirect_uri,
        kind: flow,
        createdAt,
        expiresAt: createdAt + PENDING_FLOW_TTL_MS,
      });
    },
    async answer(response, { owner, started }, request) {
      if (sessions && started) response.headers.append('set-cookie', await sessions.cookie(owner, request));
      return response;
    },
  };

  return {
    widgetLink: linkRoute(options, link),
    exchange: exchangeRoute({
      client: options.client,
      store: options.store,
      sessionKey,
      ...(sessions
        ? {
            connectedKey: (_owner: string, pending: PendingFlow) => sessions.rotated(pending.flowId),
            connectedBy: async (owner: string, flowId: string) => owner === (await sessions.rotated(flowId)),
            async answer(response: Response, key: string, request: Request) {
              response.headers.append('set-cookie', await sessions.cookie(key, request));
              return response;
            },
          }
        : {}),
      now,
      ...(options.onConnected ? { onConnected: options.onConnected } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
      maxBodyBytes,
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    }),
  };
}

/** The parts the routes call on a user's request, checked now: a wrong one is a start-up error, not a 500 later. */
function checkParts(options: ConnectHandlersOptions): void {
  const { client, store } = options;
  if (typeof client?.createFlow !== 'function' || typeof client.exchangeCode !== 'function') {
    throw new NrichConfigError('client', 'must be a client made by createNrichClient.');
  }
  if (typeof store?.savePendingFlow !== 'function' || typeof store.claimPendingFlow !== 'function') {
    throw new NrichConfigError('store', 'must be a token store (createPostgresStore, createEmbeddedStore, …).');
  }
  for (const name of ['onConnected', 'now'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new NrichConfigError(name, 'must be a function.');
    }
  }
  if (options.sessions !== undefined && typeof options.sessions?.read !== 'function') {
    throw new NrichConfigError('sessions', 'must be made by createSessions.');
  }
}
