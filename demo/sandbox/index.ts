/**
 * An in-process emulator of the nrich API and its widget (the real sandbox is unreachable from
 * our machines). Public entry: tests, the demo backend and browser tests start it from here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxContext } from './router.js';
import { createRouter } from './router.js';
import { SandboxStore, type Flow } from './store.js';
import { SandboxControl, type Fault, type LoggedRequest } from './control.js';
import { apiRoutes } from './api.js';
import { widgetRoutes } from './widget.js';
import { keepStateIn } from './state-file.js';

export const SANDBOX_CLIENT_ID = 'sandbox-client';
export const SANDBOX_CLIENT_SECRET = 'sandbox-secret';
export type { Fault, Flow, LoggedRequest };

export interface SandboxOptions {
  /** Default 0: an ephemeral port, so parallel test files never collide. */
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Clock in ms; inject one to expire codes and tokens without waiting. */
  now?: () => number;
  /** Keep flows, codes and tokens in this JSON file, so a restarted sandbox still knows them (the demo). */
  stateFile?: string;
}

export interface Sandbox {
  /** Origin of API and widget, no trailing slash, e.g. http://127.0.0.1:41234. */
  url: string;
  close(): Promise<void>;
  /** Tests: answer the next matching request(s) with this fault (a 429/503 with Retry-After, a body, a drop). */
  fail(fault: Fault): void;
  /** Tests: every request so far, in arrival order, with monotonic times. */
  readonly requests: readonly LoggedRequest[];
  /** Tests: the flow as the API understood it (the parameters it received). */
  flow(id: string): Flow | undefined;
}

/** Wildcard binds are not addressable; links must point at something a browser can open. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  let url = '';
  const ctx: SandboxContext = {
    baseUrl: () => url,
    clientId: options.clientId ?? SANDBOX_CLIENT_ID,
    clientSecret: options.clientSecret ?? SANDBOX_CLIENT_SECRET,
    now,
    store: new SandboxStore(now),
  };
  const control = new SandboxControl();
  const router = createRouter({ ...apiRoutes(ctx), ...widgetRoutes(ctx) }, control);
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
    fail: (fault) => control.fail(fault),
    requests: control.requests,
    flow: (id) => ctx.store.flowById(id),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch() keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
