/**
 * The demo's session: a random id in an HttpOnly, SameSite=Lax cookie. The tokens stay on the server,
 * keyed by that id; the page can neither read the cookie nor ever see a token.
 * Lax keeps the cookie on the top-level return from a bank redirect while cross-site POSTs go without it.
 */
export const SESSION_COOKIE = 'nrich_demo_session';

/** 128 bits from the Web Crypto RNG (not Math.random): the id is the only key to the tokens. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function sessionIdFrom(request: Request): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

export function sessionCookie(id: string, request: Request): string {
  const secure = new URL(request.url).protocol === 'https:' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${id}; Path=/api; HttpOnly; SameSite=Lax${secure}`;
}
