/**
 * Test controls of the sandbox, used in-process by the tests that start it: a log of every request
 * (with monotonic times, so a test can check that a client waited) and queued faults that answer the
 * next matching requests instead of the route: a 429/503 with `Retry-After`, an error body of any shape,
 * a dropped connection, or no answer at all.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody, sendJson } from './http.js';

export interface Fault {
  /** Exact path, e.g. `/rest/transactions`. */
  path: string;
  /** Only this method; any when left out. */
  method?: string;
  /** How many requests it answers; default 1. */
  times?: number;
  /** `answer` (default) sends the status and body; `drop` closes the socket; `hang` never answers. */
  action?: 'answer' | 'drop' | 'hang';
  /** Default 503. */
  status?: number;
  /** The `Retry-After` header, seconds or an HTTP date. */
  retryAfter?: number | string;
  /** Raw body; default the nested error `{ error: { code: 'rate_limit_exceeded', ... } }`. */
  body?: string;
  /** Default `application/json`. */
  contentType?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** The status sent, once sent. */
  status?: number;
  /** The client closed the connection before the answer was complete. */
  abandoned: boolean;
}

export class SandboxControl {
  readonly requests: LoggedRequest[] = [];
  private readonly faults: (Fault & { left: number })[] = [];

  /** `keepLog: false`: no request log (a bench's millions of calls would fill memory); faults work the same. */
  constructor(private readonly keepLog = true) {}

  fail(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Pending faults are dropped; the request log stays. */
  reset(): void {
    this.faults.length = 0;
  }

  /** Records the request; answers it with a queued fault and returns true, or returns false for the route. */
  intercept(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.search,
      at: performance.now(),
      abandoned: false,
    };
    if (this.keepLog) this.requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    res.on('close', () => {
      if (!res.writableFinished) entry.abandoned = true;
    });

    const index = this.faults.findIndex(
      (fault) => fault.path === url.pathname && (fault.method === undefined || fault.method === req.method),
    );
    const fault = this.faults[index];
    if (!fault) return false;
    if (--fault.left <= 0) this.faults.splice(index, 1);
    req.resume();
    if (fault.action === 'drop') {
      req.socket.destroy();
    } else if (fault.action !== 'hang') {
      answer(res, fault);
    }
    return true;
  }
}

function answer(res: ServerResponse, fault: Fault): void {
  const headers = fault.retryAfter === undefined ? {} : { 'Retry-After': String(fault.retryAfter) };
  const status = fault.status ?? 503;
  if (fault.body === undefined) {
    sendJson(res, status, errorBody('rate_limit_exceeded', 'Rate limit exceeded, try again later.'), headers);
    return;
  }
  res.writeHead(status, { 'Content-Type': fault.contentType ?? 'application/json', ...headers });
  res.end(fault.body);
}
