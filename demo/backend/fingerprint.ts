/**
 * A short, one-way label for a token, so the demo can show that the refresh token changed without
 * showing the token: the first 8 hex digits of its SHA-256.
 */
export async function fingerprint(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest).slice(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
