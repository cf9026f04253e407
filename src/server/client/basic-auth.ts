/**
 * The API authenticates the backend with HTTP Basic (client id as user, secret as password).
 * Built with btoa over UTF-8 bytes instead of Node's Buffer so it runs on edge runtimes too; btoa
 * alone would throw on a non-Latin-1 character.
 */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}
