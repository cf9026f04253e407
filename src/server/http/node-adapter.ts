/**
 * Runs a Web `(Request) => Promise<Response>` handler as Node middleware: `http.createServer`,
 * Express, Connect and Vite's dev server all take the `(req, res, next)` this returns.
 * The only file of the server kit that names `node:` modules, and only as types: the package entry
 * re-exports it and must still load on edge runtimes, so it uses no Node API at import time.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './json-response.js';

export type WebHandler = (request: Request) => Response | Promise<Response>;
export type NodeNext = (error?: unknown) => void;
type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: NodeNext) => void;

export function toNodeHandler(handler: WebHandler): NodeHandler {
  return (req, res, next) => {
    void serve(handler, req, res).catch((error: unknown) => {
      // With a framework, its error handling decides; standalone, answer without details.
      if (next) return next(error);
      if (res.headersSent) return res.destroy();
      res.statusCode = 500;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Internal Server Error');
    });
  };
}

async function serve(handler: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // `request.signal` aborts when the client goes away before the answer is out; the kit's handlers pass it
  // to their upstream calls, so a closed tab does not leave an API call (or its retries) running.
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  const request = toWebRequest(req, res, aborter.signal);
  if (!request) {
    // A Host (or path) no URL can be made of: the client's mistake, answered like every refusal of the kit.
    req.resume();
    await writeResponse(errorResponse(400, 'invalid_request', 'The Host header or the path is malformed.'), req, res);
    return;
  }
  const response = await handler(request);
  // A handler that answered without reading the body (a refusal, a 405): drop the rest of it, or the
  // connection stalls and the client's next request on it is reset.
  if (request.body && !request.bodyUsed && !request.body.locked) await request.body.cancel().catch(() => {});
  await writeResponse(response, req, res);
}

/** Builds the Web Request; the URL's origin is only as trustworthy as the Host header, as in any Node server. */
function toWebRequest(req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Request | undefined {
  const protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  // Express rewrites req.url below a mount point; originalUrl keeps the full path.
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  let url: URL;
  try {
    url = new URL(path, `${protocol}://${req.headers.host ?? 'localhost'}`);
  } catch {
    return undefined;
  }

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue; // HTTP/2 pseudo-headers are not headers
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }

  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (method !== 'GET' && method !== 'HEAD') {
    const parsed = (req as { body?: unknown }).body;
    if (parsed !== undefined && req.readableEnded) {
      // A body parser (express.json()) already consumed the stream: hand its result on.
      init.body =
        typeof parsed === 'string'
          ? parsed
          : parsed instanceof Uint8Array
            ? new Uint8Array(parsed)
            : JSON.stringify(parsed);
      headers.delete('content-length');
    } else {
      init.body = bodyStream(req, res);
      init.duplex = 'half'; // required by fetch's Request for a streamed body
    }
  }
  return new Request(url, init);
}

/** An unread rest up to this size is read and dropped, keeping the connection; a bigger one closes it. */
const DRAIN_LIMIT = 1024 * 1024;

/**
 * The request body as a Web stream that reads only as fast as the handler does. Canceling (a handler
 * refusing an oversized body) stops keeping the bytes but goes on reading them, so the refusal reaches
 * the client instead of a connection reset, and a keep-alive connection can serve the next request.
 */
function bodyStream(req: IncomingMessage, res: ServerResponse): ReadableStream<Uint8Array> {
  let stop = (): void => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const onData = (chunk: Uint8Array | string): void => {
          controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        };
        const onEnd = (): void => {
          stop();
          controller.close();
        };
        const onError = (error: Error): void => {
          stop();
          controller.error(error);
        };
        stop = () => {
          req.off('data', onData).off('end', onEnd).off('error', onError);
        };
        req.on('data', onData).on('end', onEnd).on('error', onError);
        req.pause(); // wait for the first pull
      },
      pull() {
        req.resume();
      },
      cancel() {
        stop();
        discardRest(req, res);
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * Reads and drops what is left of a refused body. Closing the socket with unread bytes in it makes the
 * kernel send a reset, which can reach the client before the refusal does; so a small rest is read out,
 * and a rest above {@link DRAIN_LIMIT} ends the connection after the answer (`Connection: close`).
 */
function discardRest(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  const declared = Number(req.headers['content-length']);
  let seen = 0;
  req.on('data', (chunk: Uint8Array) => {
    seen += chunk.byteLength;
    if (seen > DRAIN_LIMIT && !res.headersSent) res.setHeader('connection', 'close');
  });
  if (declared > DRAIN_LIMIT && !res.headersSent) res.setHeader('connection', 'close');
  req.resume();
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  // Headers joins Set-Cookie values with commas, which breaks cookies; send each one.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);

  if (!response.body || req.method === 'HEAD') {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Honor backpressure: wait for the socket to drain before reading more.
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
      if (res.destroyed) return;
    }
  } catch (error) {
    if (res.destroyed) return; // the client left; nothing to report
    throw error;
  }
  res.end();
}
