/**
 * Where the demo's backend gets its API and keeps its data. The API: the real nrich API when all three
 * `NRICH_*` variables are set, the embedded sandbox otherwise (so `npm start` needs no set-up). The data: with
 * `dataDirectory` (what `npm start` passes), the embedded store and the sandbox's own state live there, so
 * stopping and starting the demo keeps the connected accounts; without it, everything is in memory (tests).
 * Vite's `configureServer` and the browser test runner call `startDemoServices` and mount its middleware.
 *
 * The keeper (`keeper.ts`) runs beside the backend on the API's clock. With the embedded sandbox that clock can
 * run fast (`timeLapseEveryMs`, what `npm start` sets: one sandbox hour every so many real ms, `time-lapse.ts`),
 * so that autosync and the keeper's 6-hourly syncs show new transactions within a minute; tests leave it off
 * and move the clock themselves (`clock`).
 */
import { join } from 'node:path';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import {
  createEmbeddedStore,
  createSessions,
  MemoryTokenStore,
  type RedirectUriPolicy,
  type TokenStore,
} from '../../src/server/index.js';
import { createDemoBackend, type DemoMiddleware } from './index.js';
import { startDemoKeeper, type DemoKeeper } from './keeper.js';
import { ephemeralSecrets, loadDemoSecrets } from './secrets.js';
import { startTimeLapse } from './time-lapse.js';

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
  keeper: DemoKeeper;
  /** The embedded sandbox (its clock is what the keeper reads: tests move it). Undefined with the real API. */
  sandbox: Sandbox | undefined;
  /** Stops the time-lapse, the keeper and the sandbox if one was started, and closes the store. */
  close(): Promise<void>;
}

/** New transactions per day in the embedded sandbox (2 per autosync): enough to see some arrive. */
const DEMO_AUTOSYNC = { transactionsPerDay: 8 };

export async function startDemoServices(options: {
  redirectUris: RedirectUriPolicy;
  env?: Record<string, string | undefined>;
  now?: () => number;
  /** Keep connections (and the sandbox's state) here across restarts; in memory without it. */
  dataDirectory?: string;
  /** Embedded sandbox only: one sandbox hour passes every this many real ms (while safe, `time-lapse.ts`). */
  timeLapseEveryMs?: number;
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

  const keeperFor = (api: { apiUrl: string; clientId: string; clientSecret: string }, clock: () => number) =>
    startDemoKeeper({
      ...api,
      store,
      now: clock,
      ...(dataDirectory ? { dataDirectory } : {}),
      // The error's name only: the key is a session id, and an API error's text is the API's.
      onFailure: (_key, error) =>
        console.warn(
          `[demo keeper] a sync failed after its retries: ${error instanceof Error ? error.name : 'unknown'}`,
        ),
    });

  if (config.mode === 'api') {
    const keeper = await keeperFor(config, now);
    const middleware = createDemoBackend({ ...config, ...common, keeper });
    return {
      middleware,
      apiUrl: config.apiUrl,
      mode: 'api',
      store,
      keeper,
      sandbox: undefined,
      async close() {
        await keeper.close();
        await store.close();
      },
    };
  }
  if (config.missing.length < ENV_NAMES.length) {
    // Half a configuration is likely a typo: say so (names only, never values) rather than switch silently.
    console.warn(`[demo backend] ${config.missing.join(', ')} not set: using the embedded sandbox.`);
  }
  const sandbox = await startSandbox({
    port: 0,
    clock: now,
    autosync: DEMO_AUTOSYNC,
    ...(dataDirectory ? { stateFile: join(dataDirectory, 'sandbox-state.json') } : {}),
  });
  // Everything reads the sandbox's clock, with whatever the time-lapse or a test added on top of `now`.
  const clock = sandbox.clock;
  const api = { apiUrl: sandbox.url, ...sandbox.credentials };
  // The time-lapse first: it restores the saved offset before the keeper reads the clock.
  const timeLapse =
    options.timeLapseEveryMs === undefined
      ? undefined
      : startTimeLapse({ clock, everyMs: options.timeLapseEveryMs, ...(dataDirectory ? { dataDirectory } : {}) });
  const keeper = await keeperFor(api, clock.now);
  const middleware = createDemoBackend({
    ...common,
    ...api,
    now: clock.now,
    sandbox: true,
    keeper,
    ...(timeLapse ? { timeLapse } : {}),
  });
  return {
    middleware,
    apiUrl: sandbox.url,
    mode: 'sandbox',
    store,
    keeper,
    sandbox,
    async close() {
      timeLapse?.stop();
      await keeper.close();
      await sandbox.close();
      await store.close();
    },
  };
}
