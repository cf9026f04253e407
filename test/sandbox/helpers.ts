/** Shared plumbing for the sandbox tests: a controllable clock and thin wrappers over fetch. */
import assert from 'node:assert/strict';
import type { Sandbox, SandboxOptions } from 'nrich-connect/sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox } from 'nrich-connect/sandbox';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
/** A fixed start keeps seeded dates stable across runs. */
export const T0 = Date.UTC(2025, 4, 15, 9, 30);

export interface Harness {
  sandbox: Sandbox;
  url: string;
  advance(ms: number): void;
  /** Every response body and header block seen, for the "secret never leaks" check. */
  seen: string[];
  fetch(path: string, init?: RequestInit): Promise<Response>;
  basic(id?: string, secret?: string): string;
  clientSecret: string;
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  let now = T0;
  const sandbox = await startSandbox({ clock: () => now, ...options });
  const seen: string[] = [];
  const clientId = options.clientId ?? SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? SANDBOX_CLIENT_SECRET;
  return {
    sandbox,
    url: sandbox.url,
    seen,
    clientSecret,
    advance: (ms) => {
      now += ms;
    },
    basic: (id = clientId, secret = clientSecret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    async fetch(path, init) {
      const response = await fetch(`${sandbox.url}${path}`, { redirect: 'manual', ...init });
      const text = await response.text();
      seen.push(text, JSON.stringify([...response.headers]));
      // Hand back a fresh Response so callers can still read the body once.
      return new Response(response.status === 204 ? null : text, {
        status: response.status,
        headers: response.headers,
      });
    },
  };
}

export interface FlowResponse {
  location: string;
  id: string;
}

/** POST a flow with valid credentials; `switches` is the sandbox-only query string. */
export async function startFlow(
  h: Harness,
  body: Record<string, unknown>,
  switches = '',
  path = '/onetime/access',
): Promise<FlowResponse> {
  const response = await h.fetch(`${path}${switches}`, {
    method: 'POST',
    headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as FlowResponse;
}

export function tokenOf(location: string): string {
  const token = new URL(location).searchParams.get('token');
  assert.ok(token);
  return token;
}

export interface CompletionBody {
  link: string;
  query: Record<string, string>;
  message: Record<string, unknown>;
  target_origin: string;
}

export async function complete(h: Harness, location: string, outcome: string, bank?: string): Promise<Response> {
  return h.fetch('/widget/complete', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: tokenOf(location), outcome, bank }),
  });
}

export async function completeOk(
  h: Harness,
  location: string,
  outcome: string,
  bank?: string,
): Promise<CompletionBody> {
  const response = await complete(h, location, outcome, bank);
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as CompletionBody;
}

export async function postToken(h: Harness, params: Record<string, string>, form = false): Promise<Response> {
  return h.fetch('/auth/token', {
    method: 'POST',
    headers: {
      Authorization: h.basic(),
      'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    body: form ? new URLSearchParams(params).toString() : JSON.stringify(params),
  });
}

export interface TokenBody {
  access_token: string;
  expires_in: number;
  scope: string;
  token_type: string;
  refresh_token: string;
}

/** The whole happy path: start (a one-time flow unless `path` says otherwise), authorize in the "widget", exchange. */
export async function connect(
  h: Harness,
  body: Record<string, unknown> = {},
  path = '/onetime/access',
): Promise<TokenBody & { flowId: string }> {
  const redirectUri = (body['redirect_uri'] as string | undefined) ?? 'http://localhost:5173/callback';
  const flow = await startFlow(h, { redirect_uri: redirectUri, ...body }, '', path);
  const result = await completeOk(h, flow.location, 'authorize');
  const response = await postToken(h, {
    grant_type: 'authorization_code',
    code: result.query['code'] ?? '',
    redirect_uri: redirectUri,
  });
  assert.equal(response.status, 200, await response.clone().text());
  return { ...((await response.json()) as TokenBody), flowId: flow.id };
}

export async function getJson(h: Harness, path: string, accessToken: string): Promise<{ status: number; body: any }> {
  const response = await h.fetch(path, { headers: { Authorization: `Bearer ${accessToken}` } });
  return { status: response.status, body: await response.json() };
}

/** The widget page's executable inline script and its embedded JSON config. */
export function extractPage(html: string): { script: string; config: Record<string, any> } {
  const configMatch = /<script type="application\/json" id="sandbox-config">([\s\S]*?)<\/script>/.exec(html);
  const scriptMatch = /<script>([\s\S]*?)<\/script>/.exec(html);
  assert.ok(configMatch?.[1], 'embedded config missing');
  assert.ok(scriptMatch?.[1], 'inline script missing');
  return { script: scriptMatch[1], config: JSON.parse(configMatch[1]) as Record<string, any> };
}

export const VALID_IBAN = 'DE89370400440532013000';

/** The API family's nested error body: `{ error: { code, message, description? } }`. */
export interface ApiError {
  code: string;
  message: string;
  description?: string;
}

export async function apiError(response: Response): Promise<ApiError> {
  const body = (await response.json()) as { error: ApiError };
  assert.equal(typeof body.error, 'object', 'a nested error body');
  return body.error;
}
