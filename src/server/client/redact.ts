/**
 * The one place credentials are scrubbed out of text that came from the API, before it can reach an
 * error, a log or a response: an upstream that echoes a request (a proxy's error page, a verbose 400)
 * must not turn the client secret, the Basic header or a token into a log line.
 *
 * A credential is removed in every form it takes on the wire, not only as typed: raw (also after
 * `Bearer `), percent-encoded (either case of hex), form-encoded (`+` for a space), JSON-escaped (`\/`),
 * base64 and base64url (the Basic header is base64 of `id:secret`, which is what actually travels).
 */

const MAX_TEXT = 500;
// Very short values would blank out ordinary words; real secrets and tokens are far longer.
const MIN_SECRET_LENGTH = 4;

export interface Credentials {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Access or refresh tokens, codes: anything else sent that must not come back. */
  tokens?: readonly (string | undefined)[];
}

/** Replaces every wire form of every credential with `[redacted]`, and caps the length. */
export function redact(text: string, credentials: Credentials): string {
  const pattern = redactionPattern(credentials);
  const out = pattern ? text.replace(pattern, '[redacted]') : text;
  return out.length > MAX_TEXT ? `${out.slice(0, MAX_TEXT)}…` : out;
}

/** True when the text holds any wire form of a credential (an error code that does must not be kept). */
export function holdsCredential(text: string, credentials: Credentials): boolean {
  return redactionPattern(credentials)?.test(text) ?? false;
}

function redactionPattern(credentials: Credentials): RegExp | undefined {
  const secrets = [credentials.clientSecret, ...(credentials.tokens ?? [])].filter(
    (secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
  );
  const forms = new Set(secrets.flatMap(wireForms));
  if (credentials.clientId !== undefined && credentials.clientSecret) {
    for (const form of base64Forms(`${credentials.clientId}:${credentials.clientSecret}`)) forms.add(form);
  }
  if (forms.size === 0) return undefined;
  // Longest first, so a form that contains another is removed whole. Case-insensitive: percent-escapes
  // come back in either case; matching more than needed only redacts more.
  const sorted = [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'gi');
}

function wireForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    json,
    json.replaceAll('/', '\\/'),
    ...base64Forms(secret),
  ];
}

/** base64 with and without padding, and base64url, of the UTF-8 bytes. */
function base64Forms(value: string): string[] {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  const padded = btoa(binary);
  const bare = padded.replace(/=+$/, '');
  return [padded, bare, bare.replaceAll('+', '-').replaceAll('/', '_')];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
