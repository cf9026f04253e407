/**
 * The endpoint the page posts the element's `success` detail to, unchanged: `{ code, state, flow_id }`.
 *
 * A code is exchanged only for a flow this session started (recorded by `createConnectHandlers`' widget-link
 * handler), with that flow's state, within the code's hour, and only once. Anything else is a JSON 4xx and
 * the code is not sent anywhere: a forged post cannot attach an attacker's bank account to the victim's
 * session (OAuth code injection and login CSRF, RFC 9700 §4.5 and §4.7). The tokens stay on the server.
 */
import type { NrichClient } from './client.js';
import { errorResponse, jsonResponse } from './json-response.js';
import { readJsonBody, readJsonErrorResponse } from './read-json.js';
import { isRecord } from './json-value.js';
import type { ClaimFailure, PendingFlow, TokenSet, TokenStore } from './token-store.js';
import { saveTokenResponse } from './tokens.js';
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

export interface ExchangeHandlerOptions {
  client: Pick<NrichClient, 'exchangeCode'>;
  store: TokenStore;
  sessionKey: SessionKey;
  /** Clock in ms; injectable for tests. */
  now?: () => number;
  /**
   * Called once the tokens are stored, e.g. to fetch one-time data within its hour. What it returns is added
   * to the JSON answer (never put tokens there). A throw is answered with 500; the tokens stay stored.
   */
  onConnected?: (connected: ConnectedInfo, request: Request) => unknown;
  /** Told about every upstream or internal failure, e.g. to log it; an `NrichApiError` holds no credentials. */
  onError?: (error: unknown) => void;
  /** Default 16 KiB. */
  maxBodyBytes?: number;
}

/** Generous for JWT-shaped codes; a limit, so a body cannot carry megabytes to the API. */
const MAX_CODE_LENGTH = 8192;
const MAX_FIELD_LENGTH = 512;

const CLAIM_ANSWERS: Record<ClaimFailure, [status: number, error: string, message: string]> = {
  unknown_flow: [404, 'unknown_flow', 'No flow with this flow_id was started here.'],
  session_mismatch: [403, 'session_mismatch', 'This flow was started by another session.'],
  state_mismatch: [403, 'state_mismatch', "state is not this flow's state."],
  already_used: [409, 'flow_already_used', 'This flow has already been exchanged.'],
  expired: [410, 'flow_expired', "The flow's code has expired (one hour): connect again."],
};

export function createExchangeHandler(options: ExchangeHandlerOptions): RequestHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024;
  const now = options.now ?? Date.now;
  return async (request) => {
    if (request.method !== 'POST') {
      return errorResponse(405, 'method_not_allowed', 'Use POST.', { allow: 'POST' });
    }
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) return readJsonErrorResponse(body.reason, maxBodyBytes);
    const input = readSuccessDetail(body.value);
    if (!input.ok) return errorResponse(400, 'invalid_request', input.message);

    const key = await options.sessionKey(request);
    if (key === undefined) return errorResponse(401, 'no_session', 'No session: start the flow from this site first.');

    const claim = await options.store.claimPendingFlow({
      flowId: input.flowId,
      state: input.state,
      owner: key,
      now: now(),
    });
    if (!claim.ok) {
      const [status, error, message] = CLAIM_ANSWERS[claim.reason];
      return errorResponse(status, error, message);
    }

    let tokens: TokenSet;
    try {
      const response = await options.client.exchangeCode({ code: input.code, redirectUri: claim.flow.redirectUri });
      tokens = await saveTokenResponse(options.store, key, response, now);
    } catch (error) {
      options.onError?.(error);
      // A refused code (used, expired, another flow's) is 400 `reauthorize`: the user's, not an outage.
      return upstreamErrorResponse(error);
    }

    try {
      const extra = await options.onConnected?.({ key, flow: claim.flow, tokens }, request);
      return jsonResponse({ ...(isRecord(extra) ? extra : {}), connected: true, flow_id: claim.flow.flowId });
    } catch (error) {
      options.onError?.(error);
      return errorResponse(500, 'internal', 'Connected, but the server failed to finish the request.');
    }
  };
}

type SuccessDetail = { ok: true; code: string; state: string; flowId: string } | { ok: false; message: string };

/** The element's `success` detail: `{ code, state, flow_id }`, each a non-empty string of sane length. */
function readSuccessDetail(value: unknown): SuccessDetail {
  if (!isRecord(value)) return { ok: false, message: 'The body must be the success detail { code, state, flow_id }.' };
  const { code, state, flow_id: flowId } = value;
  if (typeof code !== 'string' || code === '' || code.length > MAX_CODE_LENGTH) {
    return { ok: false, message: `code must be a string of 1 to ${MAX_CODE_LENGTH} characters.` };
  }
  for (const [name, field] of [
    ['state', state],
    ['flow_id', flowId],
  ] as const) {
    if (typeof field !== 'string' || field === '' || field.length > MAX_FIELD_LENGTH) {
      return { ok: false, message: `${name} must be a string of 1 to ${MAX_FIELD_LENGTH} characters.` };
    }
  }
  return { ok: true, code, state: state as string, flowId: flowId as string };
}
