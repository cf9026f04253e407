/**
 * The one place credentials are scrubbed out of text that came from the API, before it can reach an
 * error message, a log or a response: an upstream that echoes a request (a proxy's error page, a verbose
 * 400) must not turn the client secret, the Basic header or a token into a log line.
 */

const MAX_TEXT = 500;

/**
 * Replaces every occurrence of each secret, as sent and URL-encoded, with `[redacted]`, and caps the
 * length. Pass the Basic header's base64 as a secret of its own: it holds the client secret.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real secrets and tokens are far longer.
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}
