/**
 * Where the demo's backend gets its API: the real nrich API when all three `NRICH_*` variables are
 * set, the embedded sandbox otherwise (so `npm start` needs no set-up). Vite's `configureServer` and
 * the browser test runner call `startDemoServices` and mount its middleware.
 */
import { startSandbox } from 'nrich-connect/sandbox';
import type { RedirectUriPolicy } from '../../src/server/index.js';
import { createDemoBackend, type DemoMiddleware } from './index.js';

export const ENV_NAMES = ['NRICH_API_URL', 'NRICH_CLIENT_ID', 'NRICH_CLIENT_SECRET'] as const;

export type DemoApiConfig =
  { mode: 'api'; apiUrl: string; clientId: string; clientSecret: string } | { mode: 'sandbox'; missing: string[] };

/** Reads the three variables; anything short of all three means the sandbox. */
export function readDemoConfig(env: Record<string, string | undefined> = process.env): DemoApiConfig {
  const [apiUrl, clientId, clientSecret] = ENV_NAMES.map((name) => env[name]?.trim() || undefined);
  if (apiUrl && clientId && clientSecret) return { mode: 'api', apiUrl, clientId, clientSecret };
  return { mode: 'sandbox', missing: ENV_NAMES.filter((name) => !env[name]?.trim()) };
}

export interface DemoServices {
  middleware: DemoMiddleware;
  apiUrl: string;
  mode: 'api' | 'sandbox';
  /** Stops the sandbox if one was started. */
  close(): Promise<void>;
}

export async function startDemoServices(options: {
  redirectUris: RedirectUriPolicy;
  env?: Record<string, string | undefined>;
  now?: () => number;
}): Promise<DemoServices> {
  const config = readDemoConfig(options.env);
  const now = options.now ?? Date.now;
  if (config.mode === 'api') {
    const middleware = createDemoBackend({ ...config, redirectUris: options.redirectUris, now });
    return { middleware, apiUrl: config.apiUrl, mode: 'api', close: async () => {} };
  }
  if (config.missing.length < ENV_NAMES.length) {
    // Half a configuration is likely a typo: say so (names only, never values) rather than switch silently.
    console.warn(`[demo backend] ${config.missing.join(', ')} not set: using the embedded sandbox.`);
  }
  const sandbox = await startSandbox({ port: 0, clock: now });
  const middleware = createDemoBackend({
    apiUrl: sandbox.url,
    ...sandbox.credentials,
    redirectUris: options.redirectUris,
    now,
    sandbox: true,
  });
  return { middleware, apiUrl: sandbox.url, mode: 'sandbox', close: () => sandbox.close() };
}
