/**
 * `nrich-connect/sandbox`: an in-process emulator of the nrich API and its widget on loopback, for the
 * integrator's end-to-end tests (no credentials, no network), this repository's tests and its demo. Plain Node:
 * no dependency, no TypeScript at run time. What a test can script is documented in docs/testing.md.
 */
import { createServer } from 'node:http';
import { hostChecker } from './host-check.js';
import type { AddressInfo } from 'node:net';
import type { RequestRecord, SandboxContext } from './router.js';
import { createRouter } from './router.js';
import { SandboxStore, type Flow } from './store.js';
import { SandboxControl, type Fault, type LoggedRequest } from './control.js';
import { Scripts, parseScript, type FlowScript } from './script.js';
import { AddedAccounts, type AddedAccount, type AddedTransaction } from './added-accounts.js';
import { RemoteCompletions } from './remote-complete.js';
import { apiRoutes } from './api.js';
import { widgetRoutes } from './widget.js';
import { controlRoutes } from './control-routes.js';
import { keepStateIn } from './state-file.js';

export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
/** The seed of the documented data (docs/testing.md, "Seeded data"). */
export const DEFAULT_SEED = 'nrich-connect';
export { ScriptError } from './script.js';
export { AccountError } from './added-accounts.js';
export type { AddedAccount, AddedTransaction, Fault, Flow, FlowScript, LoggedRequest, RequestRecord };

export interface SandboxOptions {
  /** Default 0: a free port, so parallel test files never collide. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Host names (without port) the sandbox answers besides IP literals, `localhost`, `*.localhost` and `host`;
   * a request naming any other is 421. Keeps a DNS-rebound page off its routes (see `host-check.ts`).
   */
  hostNames?: readonly string[];
  /** Default `sandbox-client`. */
  clientId?: string;
  /** Default `sandbox-secret`. */
  clientSecret?: string;
  /** Clock in ms (default `Date.now`); inject one to expire codes, tokens and one-time data without waiting. */
  clock?: () => number;
  /** Seed of the generated bank data (default `nrich-connect`): the same seed, the same data. */
  seed?: string;
  /** Called once per call, answered or abandoned: what `npx nrich-connect sandbox` logs. */
  onRequest?: (record: RequestRecord) => void;
  /**
   * Keep flows, codes and tokens in this JSON file (read on start, rewritten after every request), so a
   * restarted sandbox still knows them, as a real API does: what the demo uses to survive `npm start` twice.
   */
  stateFile?: string;
}

export interface Sandbox {
  /** Origin of API and widget, no trailing slash, e.g. http://127.0.0.1:41234: your backend's API URL. */
  url: string;
  /** The client id and secret the API accepts (HTTP Basic). */
  credentials: { clientId: string; clientSecret: string };
  /** Every flow started from now on behaves so (until `reset()`); throws `ScriptError` on a bad field. */
  script(script: FlowScript): void;
  /** The next flow started behaves so (queued: one script per flow, in order), over the global script. */
  scriptNextFlow(script: FlowScript): void;
  /** Answer the next matching request(s) with this fault (a 429/503 with Retry-After, a body, a drop). */
  fail(fault: Fault): void;
  /** A flow started with this IBAN connects exactly this account; throws `AccountError` on a bad field. */
  addAccount(account: AddedAccount): AddedAccount;
  /** Clears scripts, pending faults and added accounts. */
  reset(): void;
  /** Every request so far, in arrival order, with monotonic times. */
  readonly requests: readonly LoggedRequest[];
  /** The flow as the API understood it (the parameters it received). */
  flow(id: string): Flow | undefined;
  /**
   * Resolves with the flow id once a widget page is listening for `completeFlow` (holding its long-poll,
   * `POST /widget/await`): that flow's widget, or any without `flowId`; at once if one is now. Rejects with the
   * signal's reason on abort (e.g. `AbortSignal.timeout(5000)`). For a test that must know the widget has loaded.
   */
  widgetListening(flowId?: string, options?: { signal?: AbortSignal }): Promise<string>;
  /** Stops listening and ends open connections (a widget's long-poll included). */
  close(): Promise<void>;
}

/** Wildcard binds are not addressable; links must point at something a browser can open. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const now = options.clock ?? Date.now;
  const scripts = new Scripts();
  const control = new SandboxControl();
  const accounts = new AddedAccounts();
  let url = '';
  const ctx: SandboxContext = {
    baseUrl: () => url,
    clientId: options.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    now,
    store: new SandboxStore(now),
    seed: options.seed ?? DEFAULT_SEED,
    scripts,
    control,
    accounts,
    remote: new RemoteCompletions(),
    reset: () => {
      scripts.reset();
      control.reset();
      accounts.reset();
    },
  };
  const routes = { ...apiRoutes(ctx), ...widgetRoutes(ctx), ...controlRoutes(ctx) };
  const router = createRouter(routes, control, options.onRequest, hostChecker(host, options.hostNames));
  const save = options.stateFile ? keepStateIn(options.stateFile, ctx.store) : undefined;
  const server = createServer(
    save
      ? (req, res) => {
          res.once('finish', save);
          return router(req, res);
        }
      : router,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${urlHost(host)}:${port}`;

  return {
    url,
    credentials: { clientId: ctx.clientId, clientSecret: ctx.clientSecret },
    script: (script) => scripts.setGlobal(parseScript(script)),
    scriptNextFlow: (script) => scripts.enqueue(parseScript(script)),
    fail: (fault) => control.fail(fault),
    addAccount: (account) => accounts.add(account),
    reset: ctx.reset,
    requests: control.requests,
    flow: (id) => ctx.store.flowById(id),
    widgetListening: (flowId, options) => ctx.remote.listening(flowId, options?.signal),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch() keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
