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
import { SandboxClock, type ClockState, type ScaledClock } from './clock.js';
import { RateLimiter, type RateLimit } from './rate-limit.js';
import { Counters, type ConnectionCounters, type CounterTotals } from './counters.js';
import { AutosyncError, parseAutosync, type AutosyncOptions, type TruthTransaction } from './ledger.js';
import { createPopulator, type PopulateOptions, type PopulatedConnection } from './populate.js';
import { limitRoutes } from './limit-routes.js';
import { ongoingRoutes } from './ongoing-routes.js';
import { connectionReport, type ConnectionReport } from './connection-report.js';
import { CONSENT_DAYS } from './store.js';

export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
/** The seed of the documented data (docs/testing.md, "Seeded data"). */
export const DEFAULT_SEED = 'nrich-connect';
export { ScriptError } from './script.js';
export { AccountError } from './added-accounts.js';
export { ClockError, scaledNow } from './clock.js';
export { RateLimitError } from './rate-limit.js';
export { PopulateError } from './populate.js';
export { AutosyncError } from './ledger.js';
export type { AddedAccount, AddedTransaction, Fault, Flow, FlowScript, LoggedRequest, RequestRecord };
export type {
  AutosyncOptions,
  ClockState,
  ConnectionCounters,
  ConnectionReport,
  CounterTotals,
  PopulateOptions,
  PopulatedConnection,
  RateLimit,
  ScaledClock,
  TruthTransaction,
};

/** The sandbox's clock, as `sandbox.clock` gives it. */
export interface SandboxClockControl {
  /** The sandbox's time (ms since 1970). */
  now(): number;
  /** Moves it `ms` forward (whole, ≥ 0; throws `ClockError` otherwise); answers the new time. */
  advance(ms: number): number;
  /** Moves it forward to `time`; a time before now throws `ClockError`. */
  set(time: number): number;
  /** What another process needs to compute the same time (`GET /_sandbox/clock` answers the same). */
  state(): ClockState;
}

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
  /**
   * The clock everything expires and autosyncs by: `Date.now` (default), a function of yours (`() => ms`), or a
   * linear scaled clock `{ epoch, speed, origin? }` that other processes reproduce with `scaledNow`. On any of them
   * `sandbox.clock.advance(ms)` moves time forward.
   */
  clock?: (() => number) | ScaledClock;
  /** A global limit on API calls (flow starts, `/auth/token`, `/rest/...`): 429/503 with `Retry-After` beyond it. */
  rateLimit?: RateLimit;
  /** How qwist's autosync behaves for ongoing connections (syncs per day, new transactions, pending ones). */
  autosync?: AutosyncOptions;
  /** Days an ongoing connection's bank consent lasts after the user connected; default 180. */
  consentDays?: number;
  /** Default true. `false` keeps no `requests` log: for a long bench, whose millions of calls would fill memory. */
  requestLog?: boolean;
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
  /** The clock every expiry and autosync reads; tests move it forward. */
  readonly clock: SandboxClockControl;
  /** Sets the global API rate limit, or lifts it with `undefined`; throws `RateLimitError` on a bad field. */
  setRateLimit(limit: RateLimit | undefined): void;
  /** Makes `connections` ongoing connections at once; answers their token responses. Throws `PopulateError`. */
  populate(options: PopulateOptions): PopulatedConnection[];
  /** What was counted: in all, and per connection (refreshes, double refreshes, API calls, limited calls). */
  counters(): { totals: CounterTotals; connections: Record<string, ConnectionCounters> };
  /** One connection: its user, consent end, counters and every transaction it ever had (ground truth). */
  connection(connectionId: string): ConnectionReport | undefined;
  /** Every transaction the connection ever had, with its history; empty for an unknown connection. */
  groundTruth(connectionId: string): TruthTransaction[];
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
  const clock = new SandboxClock(options.clock);
  const now = (): number => clock.now();
  const counters = new Counters();
  const limiter = new RateLimiter();
  limiter.set(options.rateLimit);
  const consentDays = options.consentDays ?? CONSENT_DAYS;
  if (!Number.isInteger(consentDays) || consentDays < 1 || consentDays > 3650) {
    throw new AutosyncError('consentDays must be a whole number of days from 1 to 3650.');
  }
  const scripts = new Scripts();
  const control = new SandboxControl(options.requestLog ?? true);
  const accounts = new AddedAccounts();
  let url = '';
  const ctx: SandboxContext = {
    baseUrl: () => url,
    clientId: options.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    now,
    clock,
    store: new SandboxStore(now, counters),
    limiter,
    counters,
    autosync: parseAutosync(options.autosync),
    consentDays,
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
  const populate = createPopulator(ctx);
  const routes = {
    ...limitRoutes(apiRoutes(ctx), ctx),
    ...widgetRoutes(ctx),
    ...controlRoutes(ctx),
    ...ongoingRoutes(ctx, populate),
  };
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
    clock: {
      now,
      advance: (ms) => clock.advance(ms),
      set: (time) => clock.set(time),
      state: () => clock.state(),
    },
    setRateLimit: (limit) => limiter.set(limit),
    populate,
    counters: () => ({ totals: { ...counters.totals }, connections: counters.all() }),
    connection: (id) => connectionReport(ctx, id),
    groundTruth: (id) => connectionReport(ctx, id)?.transactions ?? [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch() keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
