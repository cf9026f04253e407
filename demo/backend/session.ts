/**
 * The demo's session: a random id in an HttpOnly, SameSite=Lax cookie, signed (HMAC-SHA-256) with a secret
 * the demo keeps beside its data. The signature is what survives a restart: a cookie the server issued is
 * still recognized by the next process, while an id the client made up is never adopted. The tokens stay on
 * the server, stored under the id; the page can neither read the cookie nor ever see a token.
 * Lax keeps the cookie on the top-level return from a bank redirect while cross-site POSTs go without it.
 */
export const SESSION_COOKIE = 'nrich_demo_session';

/** 128 bits from the Web Crypto RNG (not Math.random): the id is the only key to the tokens. */
export function newSessionId(): string {
  return hex(crypto.getRandomValues(new Uint8Array(16)));
}

export interface SessionSigner {
  cookie(id: string, request: Request): Promise<string>;
  /** The id in the request's cookie if this server signed it; undefined otherwise. */
  idFrom(request: Request): Promise<string | undefined>;
}

export async function createSessionSigner(secret: string): Promise<SessionSigner> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  const sign = async (id: string): Promise<string> =>
    hex(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(id))));
  return {
    async cookie(id, request) {
      const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
      return `${SESSION_COOKIE}=${id}.${await sign(id)}; Path=/api; HttpOnly; SameSite=Lax${secure}`;
    },
    async idFrom(request) {
      const value = cookieValue(request);
      const [id, signature] = value?.split('.') ?? [];
      if (!id || !signature || !/^[0-9a-f]{32}$/.test(id) || !/^[0-9a-f]{64}$/.test(signature)) return undefined;
      const bytes = Uint8Array.from({ length: 32 }, (_, i) => parseInt(signature.slice(2 * i, 2 * i + 2), 16));
      // verify() compares in constant time.
      return (await crypto.subtle.verify('HMAC', key, bytes, new TextEncoder().encode(id))) ? id : undefined;
    },
  };
}

function cookieValue(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
