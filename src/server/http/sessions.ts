/**
 * Browser sessions that are safe by default, for hosts without sign-in of their own (and for the one-time flow):
 * `createConnectHandlers({ sessions: createSessions({ secret }) })` instead of a hand-written `sessionKey`.
 *
 * - Ids are made by the server (128 random bits) and signed (HMAC-SHA-256 with the host's secret): a cookie the
 *   server never issued (a made-up or planted id) is no session at all.
 * - The cookie is `HttpOnly`, `SameSite=Lax` (a cross-site POST arrives without it), `Path=/`, and on https
 *   `Secure` with the `__Host-` prefix: a sibling subdomain or a plain-http page cannot set it.
 * - Rotated when a bank is connected: the connection is stored under a new id, derived from the flow with the
 *   secret, and only the browser that posted the exchange receives it. Whoever planted or knew the old id (session
 *   fixation) sees nothing of the connection.
 *
 * Web Crypto only: runs on edge runtimes too.
 */
import { NrichConfigError } from '../errors.js';

interface SessionOptions {
  /** At least 32 characters of secret, e.g. `openssl rand -base64 32`; the same in every instance. */
  secret: string;
  /**
   * Whether the cookie is `Secure` with the `__Host-` prefix. Default: when the request's URL is https. Set it
   * to true behind a proxy that ends TLS (the URL the server sees is then http).
   */
  secure?: boolean;
}

export interface Sessions {
  /** The session id of the request's cookie if this server issued it; undefined otherwise. */
  read(request: Request): Promise<string | undefined>;
  /** A new session id, never issued before. */
  issue(): string;
  /** The id a session continues under once the flow `flowId` connected it (the same for every retry). */
  rotated(flowId: string): Promise<string>;
  /** A keyed one-way label of a session id, for the API's `user_id` in ongoing access: never the id itself. */
  label(id: string): Promise<string>;
  /** The `Set-Cookie` value that gives the request's browser the session `id`. */
  cookie(id: string, request: Request): Promise<string>;
}

const NAME = 'nrich_session';
const ID = /^[A-Za-z0-9_-]{22}$/;

export function createSessions(options: SessionOptions): Sessions {
  if (typeof options?.secret !== 'string' || options.secret.length < 32) {
    throw new NrichConfigError('secret', 'must be a string of at least 32 characters (openssl rand -base64 32).');
  }
  if (options.secure !== undefined && typeof options.secure !== 'boolean') {
    throw new NrichConfigError('secure', 'must be true or false.');
  }
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(options.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const mac = async (purpose: string, value: string): Promise<Uint8Array> =>
    new Uint8Array(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(`${purpose}\0${value}`)));
  const secure = (request: Request): boolean => options.secure ?? new URL(request.url).protocol === 'https:';
  const name = (request: Request): string => (secure(request) ? `__Host-${NAME}` : NAME);

  return {
    async read(request) {
      const value = cookieValue(request.headers.get('cookie'), name(request));
      const [id, signature, extra] = value?.split('.') ?? [];
      if (!id || !signature || extra !== undefined || !ID.test(id)) return undefined;
      const bytes = fromBase64Url(signature);
      if (!bytes) return undefined;
      // verify() compares in constant time.
      const valid = await crypto.subtle.verify('HMAC', await key, bytes, new TextEncoder().encode(`session\0${id}`));
      return valid ? id : undefined;
    },
    issue() {
      return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    },
    async rotated(flowId) {
      return toBase64Url((await mac('rotated', flowId)).slice(0, 16));
    },
    async label(id) {
      return `session-${toBase64Url((await mac('label', id)).slice(0, 16))}`;
    },
    async cookie(id, request) {
      const signed = `${id}.${toBase64Url(await mac('session', id))}`;
      return `${name(request)}=${signed}; Path=/; HttpOnly; SameSite=Lax${secure(request) ? '; Secure' : ''}`;
    },
  };
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]{43}$/.test(text)) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '=');
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
