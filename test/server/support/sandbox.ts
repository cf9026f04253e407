/**
 * The one sandbox + client set-up of the server tests: `useSandbox()` starts the embedded sandbox (with a
 * clock the tests move) before the file's tests and stops it after, and hands out a client on it and a
 * browserless way through the widget: the widget page's own `POST /widget/complete`, which yields the
 * callback query with a real code.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type Sandbox } from 'nrich-connect/sandbox';
import { createNrichClient, type NrichClient, type NrichClientOptions } from '../../../src/server/index.js';
import { type TokenResponse } from '../../../src/server/types.js';
import { type FlowKind, type FlowRequests } from '../../../src/server/types.js';

export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET };

export const HOUR = 60 * 60 * 1000;
export const REDIRECT_URI = 'http://localhost:5173/callback';

export interface TestSandbox {
  /** The running sandbox: its URL, its faults (`fail`), its request log and the flows it received. */
  sandbox: Sandbox;
  url: string;
  clock: { now: () => number; advance(ms: number): void };
  /** A client on the sandbox with its credentials; retries on, with short waits. */
  client: NrichClient;
  /** Another client on the sandbox, with these options changed. */
  clientWith(options: Partial<NrichClientOptions>): NrichClient;
  /** Starts a flow and plays the user who authorizes in the widget: a fresh code and its flow id. */
  code<K extends FlowKind = 'onetime/access'>(
    body?: Partial<FlowRequests[K]>,
    flow?: K,
    query?: Record<string, string>,
  ): Promise<{ code: string; flowId: string }>;
  /** `code()`, then the exchange. */
  connect<K extends FlowKind = 'onetime/access'>(
    body?: Partial<FlowRequests[K]>,
    flow?: K,
    query?: Record<string, string>,
  ): Promise<TokenResponse>;
}

/**
 * Registers `before`/`after` for the calling test file; the returned object is filled in by `before`,
 * which then calls `ready` (a file's own set-up on top: node:test does not wait for one root `before`
 * before starting the next).
 */
export function useSandbox(ready?: (harness: TestSandbox) => void | Promise<void>): TestSandbox {
  const harness = {} as TestSandbox;
  before(async () => {
    Object.assign(harness, await startTestSandbox());
    await ready?.(harness);
  });
  after(() => harness.sandbox.close());
  return harness;
}

export async function startTestSandbox(): Promise<TestSandbox> {
  let time = Date.UTC(2025, 0, 15, 9, 0, 0);
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const sandbox = await startSandbox({ port: 0, clock: clock.now });
  const clientWith = (options: Partial<NrichClientOptions>) =>
    createNrichClient({
      baseUrl: sandbox.url,
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
      retry: { baseDelayMs: 20 },
      ...options,
    });
  const client = clientWith({});

  const code: TestSandbox['code'] = async (body = {}, flow, query) => {
    // The body is partial on purpose (tests leave out fields to see the API refuse): the API checks it.
    const request = { redirect_uri: REDIRECT_URI, ...body } as FlowRequests[FlowKind];
    const link = await client.createFlow<FlowKind>(flow ?? 'onetime/access', request, { query });
    const callback = await completeWidget(sandbox.url, link.location);
    assert.ok(callback.code, 'the widget handed back a code');
    return { code: callback.code, flowId: link.id };
  };

  return {
    sandbox,
    url: sandbox.url,
    clock,
    client,
    clientWith,
    code,
    connect: async (body, flow, query) =>
      client.exchangeCode({ code: (await code(body, flow, query)).code, redirectUri: REDIRECT_URI }),
  };
}

/** Plays the user in the widget behind `location`; returns the callback query. */
export async function completeWidget(
  sandboxUrl: string,
  location: string,
  outcome: 'authorize' | 'cancel' | 'fail' = 'authorize',
): Promise<Record<string, string>> {
  const token = new URL(location).searchParams.get('token');
  const response = await fetch(`${sandboxUrl}/widget/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, outcome }),
  });
  if (!response.ok) throw new Error(`widget/complete answered ${response.status}`);
  const result = (await response.json()) as { query: Record<string, string> };
  return result.query;
}
