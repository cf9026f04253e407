/**
 * The endpoint the page posts the element's `success` detail to, unchanged: `{ code, state, flow_id }`.
 *
 * A code is exchanged only for a flow this session started (recorded by `createConnectHandlers`' widget-link
 * route), with that flow's state, within the code's hour, and only once. Anything else is a JSON 4xx and
 * the code is not sent anywhere: a forged post cannot attach an attacker's bank account to the victim's
 * session (login CSRF and code injection into the victim's session, RFC 9700 §4.7 and part of §4.5; what it
 * cannot stop, a stolen code redeemed in the thief's own flow, is in SECURITY.md). The tokens stay on the server.
 *
 * A flow is spent only when the API consumed its code (accepted, or refused for good): after an outage at
 * `/auth/token` (5xx, 429, a timeout, a dropped connection) the same post again exchanges it, with the same checks.
 * After a successful exchange the tokens are held with the flow (sealed) until stored and finished, so neither a
 * failing store write nor a throwing `onConnected` loses them: the same post again stores them and finishes with
 * THIS flow's tokens (`finish-failure.ts`), without a second exchange. The code of such a retry is ignored: it is
 * single-use and already spent upstream, so it proves nothing; what lets a retry in are the first post's own
 * checks (this session, this flow's state and flow id), and no trace of a code is ever stored. One request at a
 * time holds a flow (the store's claim); a post meanwhile is 409 `flow_busy` (`retryable: true`).
 */
import type { NrichClient } from '../client/client.js';
import { finishFailedResponse } from './finish-failure.js';
import { errorResponse, jsonResponse } from './json-response.js';
import { readJsonBody, readJsonErrorResponse } from './read-json.js';
import { isRecord } from '../json-value.js';
import { NrichApiError } from '../client/api-error.js';
import type { ClaimFailure, FlowStep, PendingFlow, TokenSet, TokenStore } from '../tokens/token-store.js';
import { tokenSetFrom } from '../tokens/refresh.js';
import type { TokenResponse } from '../types.js';
import { upstreamErrorResponse } from './upstream-error.js';
import type { RequestHandler } from './widget-link-handler.js';

/** The host's key for whoever sent the request (a session id, or a user id once logged in); undefined: nobody. */
export type SessionKey = (request: Request) => string | undefined | Promise<string | undefined>;

export interface ConnectedInfo {
  /** The session or user key the tokens are stored under. */
  key: string;
  flow: PendingFlow;
  tokens: TokenSet;
}

/** The exchange route's parts, as `createConnectHandlers` puts them together. */
export interface ExchangeRouteOptions {
  client: Pick<NrichClient, 'exchangeCode'>;
  store: TokenStore;
  sessionKey: SessionKey;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
  /**
   * Called once the tokens are stored, e.g. to fetch one-time data within its hour. What it returns is added
   * to the JSON answer (never put tokens there). A throw is answered `finish_failed` with `connected: true`
   * (`finish-failure.ts`); the tokens stay stored and the same post again, within the hour, calls it again.
   */
  onConnected?: (connected: ConnectedInfo, request: Request) => unknown;
  /** Told about every upstream or internal failure, e.g. to log it; an `NrichApiError` holds no credentials. */
  onError?: (error: unknown) => void;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
  /** As for the widget link: a POST whose `Origin` is not listed is 403 before anything is read. */
  allowedOrigins?: readonly string[];
  /**
   * The key the connection is stored under, when not the flow's owner (`createSessions`: the rotated session id).
   * Must give the same key for every post of one flow.
   */
  connectedKey?: (owner: string, flow: PendingFlow, request: Request) => string | Promise<string>;
  /** Whether `owner` is the key this flow's connection moved to (a replay from the browser that connected it). */
  connectedBy?: (owner: string, flowId: string) => boolean | Promise<boolean>;
  /** Finishes the answer of a connected flow, given the key it is stored under (the moved session's cookie). */
  answer?: (response: Response, key: string, request: Request) => Promise<Response>;
}

/** Generous for JWT-shaped codes; a limit, so a body cannot carry megabytes to the API. */
const MAX_CODE_LENGTH = 8192;
const MAX_FIELD_LENGTH = 512;
/** Control characters (NUL among them) are in no code, state or flow id; a SQL store cannot even compare them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

const CLAIM_ANSWERS: Record<ClaimFailure, [status: number, error: string, message: string]> = {
  unknown_flow: [404, 'unknown_flow', 'No flow with this flow_id was started here.'],
  // Answered exactly as a flow that does not exist: a foreign session learns nothing about other flows.
  session_mismatch: [404, 'unknown_flow', 'No flow with this flow_id was started here.'],
  state_mismatch: [403, 'state_mismatch', "state is not this flow's state."],
  already_used: [409, 'flow_already_used', 'This flow has already been exchanged.'],
  expired: [410, 'flow_expired', "The flow's code has expired (one hour): connect again."],
  finishing: [409, 'flow_busy', 'Another request is exchanging or finishing this flow: try again shortly.'],
};

export function exchangeRoute(options: ExchangeRouteOptions): RequestHandler {
  const exchange = exchangeWith(options);
  return async (request) => {
    try {
      return await exchange(request);
    } catch (error) {
      // The session lookup or the store failed (a database outage): a JSON answer all the same, and onError hears it.
      options.onError?.(error);
      return upstreamErrorResponse(error);
    }
  };
}

function exchangeWith(options: ExchangeRouteOptions): RequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const now = options.now ?? Date.now;
  const report = (error: unknown): void => options.onError?.(error);
  return async (request) => {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    }
    const body = await readJsonBody(request, {
      maxBytes: maxBodyBytes,
      ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    });
    if (!body.ok) return readJsonErrorResponse(body.reason, maxBodyBytes);
    const input = readSuccessDetail(body.value);
    if (!input.ok) return errorResponse(400, 'invalid_request', input.message);

    const owner = await options.sessionKey(request);
    if (owner === undefined) {
      return errorResponse(401, 'no_session', 'No session: start the flow from this site first.');
    }

    if (await options.connectedBy?.(owner, input.flowId)) {
      const [status, error, message] = CLAIM_ANSWERS.already_used;
      return errorResponse(status, error, message);
    }
    const claim = await options.store.claimPendingFlow({
      flowId: input.flowId,
      state: input.state,
      owner,
      now: now(),
    });
    if (!claim.ok) {
      const [status, error, message] = CLAIM_ANSWERS[claim.reason];
      if (claim.reason === 'finishing') return jsonResponse({ error, message, retryable: true }, status);
      return errorResponse(status, error, message);
    }
    const { flow, lease } = claim;
    const key = options.connectedKey ? await options.connectedKey(owner, flow, request) : owner;
    const advance = (step: FlowStep, tokens?: TokenSet) =>
      options.store.advancePendingFlow(flow.flowId, lease, step, tokens);

    let tokens: TokenSet | undefined = claim.tokens;
    let stored = claim.stored;
    if (!claim.exchanged) {
      let response: TokenResponse;
      try {
        response = await options.client.exchangeCode({ code: input.code, redirectUri: flow.redirectUri });
      } catch (error) {
        options.onError?.(error);
        // Spent only when the API consumed or refused the code; an outage leaves it for the retry we invite.
        // (If the store fails here, the claim's lease lapses in FLOW_LEASE_MS; meanwhile a retry is flow_busy.)
        await advance(codeConsumed(error) ? 'released' : 'unused').catch(report);
        // A refused code (used, expired, another flow's) is 400 `reauthorize`: the user's, not an outage.
        return upstreamErrorResponse(error);
      }
      tokens = tokenSetFrom(response, now());
      stored = false;
      // Held with the flow before anything else: a failing store write below then loses nothing.
      await advance('exchanged', tokens).catch(report);
    } else if (stored) {
      // Stored earlier; a connection deleted since (the user disconnected) is not brought back.
      const connection = await options.store.get(key);
      tokens = connection && (tokens ?? connection.tokens); // a flow exchanged before flows held their tokens
    }
    if (!tokens) {
      await advance('finished');
      return errorResponse(409, 'connection_gone', "This flow's connection was deleted meanwhile: connect again.");
    }

    let extra: unknown;
    try {
      if (!stored) {
        await options.store.set(key, tokens);
        stored = true;
        await advance('stored');
      }
      extra = await options.onConnected?.({ key, flow, tokens }, request);
      await advance('finished');
    } catch (error) {
      options.onError?.(error);
      await advance('released').catch(report); // the next post finishes it (or the lease lapses)
      return finishFailedResponse(error, flow.flowId);
    }
    const answer = jsonResponse({ ...(isRecord(extra) ? extra : {}), connected: true, flow_id: flow.flowId });
    return options.answer ? options.answer(answer, key, request) : answer;
  };
}

/**
 * Whether the API used up the code: it refused it for good (`invalid_grant`: `reauthorize`) or accepted it (an
 * answer we could not read). An outage (5xx, 429, a timeout, a dropped connection), a refused client or an
 * aborted call leaves the code as it was: the flow is claimable again.
 */
function codeConsumed(error: unknown): boolean {
  if (!(error instanceof NrichApiError)) return true; // our own failure after the call: assume the worst
  return error.kind === 'reauthorize' || error.kind === 'invalid_response';
}

type SuccessDetail = { ok: true; code: string; state: string; flowId: string } | { ok: false; message: string };

/** The element's `success` detail: `{ code, state, flow_id }`, each a non-empty string of sane length. */
function readSuccessDetail(value: unknown): SuccessDetail {
  if (!isRecord(value)) return { ok: false, message: 'The body must be the success detail { code, state, flow_id }.' };
  const { code, state, flow_id: flowId } = value;
  if (typeof code !== 'string' || code === '' || code.length > MAX_CODE_LENGTH || CONTROL.test(code)) {
    return {
      ok: false,
      message: `code must be a string of 1 to ${MAX_CODE_LENGTH} characters, without control characters.`,
    };
  }
  for (const [name, field] of [
    ['state', state],
    ['flow_id', flowId],
  ] as const) {
    if (typeof field !== 'string' || field === '' || field.length > MAX_FIELD_LENGTH || CONTROL.test(field)) {
      return {
        ok: false,
        message: `${name} must be a string of 1 to ${MAX_FIELD_LENGTH} characters, without control characters.`,
      };
    }
  }
  return { ok: true, code, state: state as string, flowId: flowId as string };
}
