/**
 * Where the demo's backend gets its API and keeps its data. The API: the real nrich API when all three
 * `NRICH_*` variables are set, the embedded sandbox otherwise (so `npm start` needs no set-up). The data: with
 * `dataDirectory` (what `npm start` passes), the embedded store and the sandbox's own state live there, so
 * stopping and starting the demo keeps the connected accounts; without it, everything is in memory (tests).
 * Vite's `configureServer` and the browser test runner call `startDemoServices` and mount its middleware.
 */
import { join } from 'node:path';
import { startSandbox } from 'nrich-connect/sandbox';
import {
  createEmbeddedStore,
  createSessions,
  MemoryTokenStore,
  type RedirectUriPolicy,
  type TokenStore,
} from '../../src/server/index.js';
import { createDemoBackend, type DemoMiddleware } from './index.js';
import { ephemeralSecrets, loadDemoSecrets } from './secrets.js';

const ENV_NAMES = ['NRICH_API_URL', 'NRICH_CLIENT_ID', 'NRICH_CLIENT_SECRET'] as const;

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
  store: TokenStore;
  /** Stops the sandbox if one was started, and closes the store. */
  close(): Promise<void>;
}

export async function startDemoServices(options: {
  redirectUris: RedirectUriPolicy;
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Keep connections (and the sandbox's state) here across restarts; in memory without it. */
  dataDirectory?: string;
}): Promise<DemoServices> {
  const env = options.env ?? process.env;
  const config = readDemoConfig(env);
  const now = options.now ?? Date.now;
  const { dataDirectory } = options;
  const secrets = dataDirectory ? loadDemoSecrets(dataDirectory, env) : ephemeralSecrets();
  const store: TokenStore = dataDirectory
    ? await createEmbeddedStore({ directory: join(dataDirectory, 'store'), keys: secrets.tokenKeys, env })
    : new MemoryTokenStore();
  const common = {
    redirectUris: options.redirectUris,
    now,
    store,
    sessions: createSessions({ secret: secrets.sessionSecret }),
  };

  if (config.mode === 'api') {
    const middleware = createDemoBackend({ ...config, ...common });
    return { middleware, apiUrl: config.apiUrl, mode: 'api', store, close: () => store.close() };
  }
  if (config.missing.length < ENV_NAMES.length) {
    // Half a configuration is likely a typo: say so (names only, never values) rather than switch silently.
    console.warn(`[demo backend] ${config.missing.join(', ')} not set: using the embedded sandbox.`);
  }
  const sandbox = await startSandbox({
    port: 0,
    clock: now,
    ...(dataDirectory ? { stateFile: join(dataDirectory, 'sandbox-state.json') } : {}),
  });
  const middleware = createDemoBackend({
    ...common,
    apiUrl: sandbox.url,
    ...sandbox.credentials,
    sandbox: true,
  });
  return {
    middleware,
    apiUrl: sandbox.url,
    mode: 'sandbox',
    store,
    async close() {
      await sandbox.close();
      await store.close();
    },
  };
}
