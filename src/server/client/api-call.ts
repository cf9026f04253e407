/**
 * One HTTP call to the API: URL, authentication, timeout and the caller's signal, and every failure
 * turned into an `NrichApiError` whose texts went through `redact` with all credentials of the call
 * (the client secret, the Basic header's base64, the token or code sent).
 */
import type { ClientConfig } from './client-config.js';
import { basicAuthorization } from './basic-auth.js';
import { parseErrorBody } from './error-body.js';
import { kindOf, NrichApiError } from './api-error.js';
import { NrichConfigError } from '../errors.js';
import { parseJson } from '../json-value.js';
import { holdsCredential, redact, type Credentials } from './redact.js';
import { parseRetryAfter } from './retry.js';

export interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Bearer token for data calls; Basic auth with the client credentials otherwise. */
  bearer?: string;
  /** Codes or tokens in the body, to be scrubbed from any text that comes back. */
  sensitive?: string[];
  signal?: AbortSignal | undefined;
}

type ApiCall = (spec: CallSpec) => Promise<unknown>;

export function createApiCall(config: ClientConfig): ApiCall {
  const basic = basicAuthorization(config.clientId, config.clientSecret);

  return async (spec) => {
    // A token that is not a string (a host passing the token object, or undefined from a missing row) is the
    // caller's mistake: said so, rather than sent as "[object Object]" or thrown as a plain TypeError.
    if ('bearer' in spec && typeof spec.bearer !== 'string') {
      throw new NrichConfigError('accessToken', 'must be a string (the access token).');
    }
    const endpoint = `${spec.method} ${spec.path.replace(/\/rest\/accounts\/[^/]+/, '/rest/accounts/{id}')}`;
    const secrets: Credentials = {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      tokens: [spec.bearer, ...(spec.sensitive ?? [])],
    };
    const url = new URL(config.base + spec.path);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: spec.bearer === undefined ? basic : `Bearer ${spec.bearer}`,
    };
    if (spec.json !== undefined) headers['content-type'] = 'application/json';

    // One timeout for the whole call: a server that sends headers and then stalls the body also times out.
    const timeout = AbortSignal.timeout(config.timeout);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await config.fetch(url.href, {
        method: spec.method,
        headers,
        body: spec.json === undefined ? undefined : JSON.stringify(spec.json),
        signal,
        // Following a redirect would resend the credentials somewhere we did not choose.
        redirect: 'manual',
      });
      text = await readText(response, config.maxResponseBytes, endpoint);
    } catch (error) {
      if (error instanceof NrichApiError) throw error;
      const kind = spec.signal?.aborted ? 'aborted' : timeout.aborted ? 'timeout' : 'network';
      throw noAnswer(endpoint, kind, config.timeout, error);
    }

    if (!response.ok) throw answerError(response, text, endpoint, secrets, spec.bearer === undefined);
    const parsed = parseJson(text);
    if (parsed === undefined) throw invalidResponse(endpoint, response.status, 'no JSON');
    return parsed;
  };
}

export function invalidResponse(endpoint: string, status: number, what: string): NrichApiError {
  return new NrichApiError({
    status,
    code: 'invalid_response',
    endpoint,
    kind: 'invalid_response',
    message: `${endpoint} answered with ${what}`,
  });
}

/** No answer: the caller's signal, the timeout, or the network ended the call. */
function noAnswer(
  endpoint: string,
  kind: 'aborted' | 'timeout' | 'network',
  timeoutMs: number,
  cause: unknown,
): NrichApiError {
  const messages = {
    aborted: `${endpoint} was aborted by the caller`,
    timeout: `${endpoint} got no answer within ${timeoutMs} ms`,
    network: `${endpoint} could not reach the nrich API`,
  };
  // The cause (e.g. ECONNREFUSED) helps debugging and carries no request headers.
  return new NrichApiError({ status: 0, code: kind, message: messages[kind], endpoint, kind, cause });
}

/** A non-2xx answer, whatever its body's shape, as an error with redacted texts and the `Retry-After`. */
function answerError(
  response: Response,
  text: string,
  endpoint: string,
  secrets: Credentials,
  basicAuth: boolean,
): NrichApiError {
  const body = parseErrorBody(text, response.headers.get('content-type'));
  // A code is kept as given (hosts branch on it), unless it is an echoed credential.
  const code = body.code === undefined || holdsCredential(body.code, secrets) ? 'http_error' : body.code;
  const message = redact(body.message ?? `HTTP ${response.status}`, secrets);
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  return new NrichApiError({
    status: response.status,
    code,
    message,
    endpoint,
    kind: kindOf(response.status, code, message, basicAuth),
    ...(body.description === undefined ? {} : { description: redact(body.description, secrets) }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}

/** The body as text, given up (and the rest canceled) past `limit` bytes: an answer cannot fill memory. */
async function readText(response: Response, limit: number, endpoint: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new NrichApiError({
        status: response.status,
        code: 'response_too_large',
        endpoint,
        kind: 'invalid_response',
        message: `${endpoint} answered more than ${limit} bytes`,
      });
    }
    text += decoder.decode(value, { stream: true });
  }
}
