/**
 * Scrubs credentials out of text that came from the API before it can reach an error message, a log or
 * a response: an upstream that echoes a request (a proxy's error page, a verbose 400) must not turn the
 * client secret or a token into a log line.
 */

const MAX_TEXT = 500;

/** Replaces every occurrence of each secret with `[redacted]` and caps the length. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real secrets and tokens are far longer.
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}
