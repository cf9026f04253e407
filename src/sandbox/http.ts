/** Tiny request/response helpers over plain `node:http`: the sandbox has no framework on purpose. */
import type { IncomingMessage, ServerResponse, OutgoingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

/** Thrown by route handlers; the router turns it into the API family's nested error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: OutgoingHttpHeaders = {},
    readonly description?: string,
  ) {
    super(message);
  }
}

/** Flow bodies are tiny; a cap keeps a runaway client from filling memory. */
const MAX_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // Token responses must never be cached (RFC 6749 §5.1); harmless for the rest.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** The finX/nrich family's error shape: `{ "error": { code, message, description?, data? } }`. */
export function errorBody(code: string, message: string, description?: string): { error: Record<string, string> } {
  return { error: { code, message, ...(description === undefined ? {} : { description }) } };
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, errorBody(error.code, error.message, error.description), error.headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(html);
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'payload_too_large', 'Request body is too large.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads a JSON or form-urlencoded body into a plain object. `/auth/token` clients commonly send
 * forms (OAuth habit) while the flow endpoints send JSON, so both are accepted everywhere.
 */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (text.trim() === '') return {};
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type === 'application/json' || type === '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid_request', 'Request body is not valid JSON.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new HttpError(400, 'invalid_request', 'Request body must be a JSON object.');
    }
    return parsed as Record<string, unknown>;
  }
  throw new HttpError(415, 'unsupported_media_type', 'Send application/json or application/x-www-form-urlencoded.');
}

/** Constant-time compare, so the emulator does not model a timing leak a client might rely on. */
function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Enforces HTTP Basic client credentials; the message never echoes what was sent. */
export function requireBasicAuth(req: IncomingMessage, clientId: string, clientSecret: string): void {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const ok =
    colon >= 0 && safeEqual(decoded.slice(0, colon), clientId) && safeEqual(decoded.slice(colon + 1), clientSecret);
  if (!ok) {
    throw new HttpError(401, 'invalid_client', 'Client authentication failed: send HTTP Basic client id and secret.', {
      'WWW-Authenticate': 'Basic realm="nrich sandbox", charset="UTF-8"',
    });
  }
}

/** Returns the bearer token or throws 401 with the RFC 6750 challenge. */
export function requireBearer(req: IncomingMessage): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) {
    throw new HttpError(401, 'invalid_token', 'Send an access token as "Authorization: Bearer <token>".', {
      'WWW-Authenticate': 'Bearer realm="nrich sandbox"',
    });
  }
  return match[1];
}

/** `<` escaped so JSON embedded in a `<script>` can never close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
