/** Path routing (exact paths and `:param` segments) plus the one place that turns thrown errors into responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxStore } from './store.js';
import type { SandboxControl } from './control.js';
import type { Scripts } from './script.js';
import type { AddedAccounts } from './added-accounts.js';
import type { RemoteCompletions } from './remote-complete.js';
import type { SandboxClock } from './clock.js';
import type { Counters } from './counters.js';
import type { RateLimiter } from './rate-limit.js';
import type { Autosync } from './ledger.js';
import { HttpError, sendError } from './http.js';

/** What every route needs; `baseUrl` is a function because the port is known only after listen(). */
export interface SandboxContext {
  baseUrl(): string;
  clientId: string;
  clientSecret: string;
  now: () => number;
  clock: SandboxClock;
  store: SandboxStore;
  /** The global API rate limit, what is counted, how autosync runs, and the default consent length. */
  limiter: RateLimiter;
  counters: Counters;
  autosync: Autosync;
  consentDays: number;
  /** The seed of the generated bank data. */
  seed: string;
  /** A test's scripted behavior for the next flows, its faults, its added accounts, its remote completions. */
  scripts: Scripts;
  control: SandboxControl;
  accounts: AddedAccounts;
  remote: RemoteCompletions;
  /** Clears scripts, faults and added accounts. */
  reset(): void;
}

/** One answered (or abandoned) call: what `onRequest` receives. `status` is 0 when no answer was sent. */
export interface RequestRecord {
  method: string;
  /** The request target as received (path and query). */
  url: string;
  status: number;
  durationMs: number;
}

export type Route = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
) => void | Promise<void>;
export type Routes = Record<string, Partial<Record<string, Route>>>;

export function createRouter(
  routes: Routes,
  control: SandboxControl,
  onRequest?: (record: RequestRecord) => void,
  hostAllowed: (host: string | undefined) => boolean = () => true,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (onRequest) {
      const started = performance.now();
      res.once('close', () =>
        onRequest({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          status: res.writableFinished ? res.statusCode : 0,
          durationMs: performance.now() - started,
        }),
      );
    }
    if (!hostAllowed(req.headers.host)) {
      // Not one of our names (a DNS-rebound page): answered before the log, the faults or any route.
      req.resume();
      sendError(res, new HttpError(421, 'misdirected_request', 'This sandbox does not answer for this host name.'));
      return;
    }
    void dispatch(routes, control, req, res);
  };
}

async function dispatch(
  routes: Routes,
  control: SandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    if (control.intercept(req, res, url)) return;
    const found = match(routes, url.pathname);
    if (!found) throw new HttpError(404, 'not_found', `No sandbox endpoint at ${url.pathname}.`);
    const route = found.byMethod[req.method ?? 'GET'];
    if (!route) {
      throw new HttpError(405, 'method_not_allowed', `${req.method ?? ''} is not supported on ${url.pathname}.`, {
        Allow: Object.keys(found.byMethod).join(', '),
      });
    }
    await route(req, res, url, found.params);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendError(res, error);
      return;
    }
    // Log for the developer; the body stays generic so nothing internal leaks to clients.
    console.error('[nrich sandbox]', error);
    sendError(res, new HttpError(500, 'server_error', 'The sandbox failed unexpectedly.'));
  }
}

/** An exact path first, then a pattern such as `/rest/accounts/:id` whose `:id` matches one non-empty segment. */
function match(
  routes: Routes,
  path: string,
): { byMethod: Partial<Record<string, Route>>; params: Record<string, string> } | undefined {
  const exact = routes[path];
  if (exact) return { byMethod: exact, params: {} };
  const segments = path.split('/');
  for (const [pattern, byMethod] of Object.entries(routes)) {
    const wanted = pattern.split('/');
    if (!pattern.includes('/:') || !byMethod || wanted.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = wanted.every((part, i) => {
      const segment = segments[i] ?? '';
      if (!part.startsWith(':')) return part === segment;
      params[part.slice(1)] = safeDecode(segment);
      return segment !== '';
    });
    if (fits) return { byMethod, params };
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
