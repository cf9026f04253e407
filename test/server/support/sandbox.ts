/**
 * The embedded sandbox with a clock the tests move, plus a browserless way through the widget:
 * the widget page's own `POST /widget/complete`, which yields the callback query (with a real code).
 */
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../../../demo/sandbox/index.js';

export { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET };

export interface TestSandbox {
  url: string;
  clock: { now: () => number; advance(ms: number): void };
  close(): Promise<void>;
}

export async function startTestSandbox(): Promise<TestSandbox> {
  let time = Date.UTC(2025, 0, 15, 9, 0, 0);
  const clock = { now: () => time, advance: (ms: number) => void (time += ms) };
  const sandbox = await startSandbox({ port: 0, now: clock.now });
  return { url: sandbox.url, clock, close: () => sandbox.close() };
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

export const HOUR = 60 * 60 * 1000;
