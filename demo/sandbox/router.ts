/** Exact-path routing table plus the one place that turns thrown errors into responses. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxStore } from './store.js';
import { HttpError, sendError } from './http.js';

/** What every route needs; `baseUrl` is a function because the port is known only after listen(). */
export interface SandboxContext {
  baseUrl(): string;
  clientId: string;
  clientSecret: string;
  now: () => number;
  store: SandboxStore;
}

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;
export type Routes = Record<string, Partial<Record<string, Route>>>;

export function createRouter(routes: Routes): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void dispatch(routes, req, res);
  };
}

async function dispatch(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const byMethod = routes[url.pathname];
    if (!byMethod) throw new HttpError(404, 'not_found', `No sandbox endpoint at ${url.pathname}.`);
    const route = byMethod[req.method ?? 'GET'];
    if (!route) {
      throw new HttpError(405, 'method_not_allowed', `${req.method ?? ''} is not supported on ${url.pathname}.`, {
        Allow: Object.keys(byMethod).join(', '),
      });
    }
    await route(req, res, url);
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
