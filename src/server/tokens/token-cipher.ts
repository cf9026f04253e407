/**
 * Tokens at rest: AES-256-GCM (Web Crypto, so it runs wherever the kit does) under the host's keys.
 *
 * Keys come from `NRICH_TOKEN_KEYS` as `id:base64,id:base64`: the first seals, every one opens. A rolling
 * rotation (docs/stores.md) adds the new key behind the old one everywhere (it opens, the old one still seals),
 * then moves it in front, runs `store.reseal()`, and drops the old one once nothing is left under it. A sealed
 * token reads `nc1.<key id>.<iv>.<ciphertext>`; the connection key and field are authenticated with it (GCM's
 * additional data), so a sealed token copied to another user's row, or into the other column, does not open.
 *
 * Sealing is on unless the host turns it off by name: without keys a store refuses to start (`missing_key`),
 * whatever NODE_ENV says. `insecurePlaintextTokens: true` (or `NRICH_INSECURE_PLAINTEXT_TOKENS=1`) stores tokens
 * as `plain.<token>` and says so on the console at start. With keys, a `plain.` row is refused (`undecryptable`):
 * a row written in clear behind the store's back is not trusted. Errors never quote a key or a key entry.
 */
import { checkOptions } from '../errors.js';
import { isRecord } from '../json-value.js';
import { aesGcm } from './aes-gcm.js';
import { TokenStoreError } from './store-error.js';

export const TOKEN_KEYS_VARIABLE = 'NRICH_TOKEN_KEYS';
/** Set to `1` to store tokens unsealed (development only): the same as `insecurePlaintextTokens: true`. */
export const INSECURE_PLAINTEXT_VARIABLE = 'NRICH_INSECURE_PLAINTEXT_TOKENS';

export interface TokenCipher {
  /** False without keys: tokens are stored as they are. */
  readonly encrypts: boolean;
  /** The id of the key that seals; undefined without keys. */
  readonly sealingKeyId: string | undefined;
  seal(token: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
  /** True if `sealed` was not sealed by the current sealing key (so `reseal` would change it). */
  isStale(sealed: string): boolean;
}

export interface TokenCipherOptions {
  /** `id:base64,...` or a list of `{ id, key }` (32 bytes each); defaults to `NRICH_TOKEN_KEYS` in `env`. */
  keys?: string | readonly { id: string; key: Uint8Array }[];
  /** Defaults to `process.env` where there is one. */
  env?: Record<string, string | undefined>;
  /**
   * Store tokens unsealed when no key is given (development only; logged at start). Without keys and without
   * this, creating a store throws `missing_key`. Ignored when keys are given.
   */
  insecurePlaintextTokens?: boolean;
}

const VERSION = 'nc1';
const PLAIN = 'plain.';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;

/** `engine: 'webcrypto'` forces Web Crypto under Node too (the tests check that both engines agree). */
export async function createTokenCipher(
  options: TokenCipherOptions = {},
  engine: 'auto' | 'webcrypto' = 'auto',
): Promise<TokenCipher> {
  checkOptions(options, 'createTokenCipher');
  const env = options.env ?? globalThis.process?.env ?? {};
  const configured = options.keys ?? env[TOKEN_KEYS_VARIABLE] ?? '';
  const raw = typeof configured === 'string' ? parseKeyList(configured) : configured;
  if (!Array.isArray(raw) || !raw.every((entry) => isRecord(entry) && entry.key instanceof Uint8Array)) {
    throw new TokenStoreError('invalid_key', `keys must be "id:base64,…" or a list of { id, key: Uint8Array }.`);
  }
  if (raw.length === 0) {
    const optedOut = options.insecurePlaintextTokens === true || env[INSECURE_PLAINTEXT_VARIABLE] === '1';
    if (!optedOut) {
      throw new TokenStoreError(
        'missing_key',
        `No token key is set: set ${TOKEN_KEYS_VARIABLE} (id:base64 of 32 random bytes), or, for development only, ${INSECURE_PLAINTEXT_VARIABLE}=1.`,
      );
    }
    // eslint-disable-next-line no-console -- the issue asks for it: an unsealed store must say so where operators look
    console.warn(
      `nrich-connect: ${INSECURE_PLAINTEXT_VARIABLE}: tokens are stored UNSEALED (no ${TOKEN_KEYS_VARIABLE}). Development only.`,
    );
    return plainCipher;
  }
  const keys = new Map<string, Uint8Array>();
  for (const [index, { id, key }] of raw.entries()) {
    // Entry numbers, not ids: an entry written the wrong way round (`<key>:id`) would print the key.
    const entry = `${TOKEN_KEYS_VARIABLE} entry ${index + 1}`;
    if (typeof id !== 'string' || !KEY_ID.test(id))
      throw new TokenStoreError('invalid_key', `${entry}: the id must be 1-32 of A-Z a-z 0-9 _ -.`);
    if (key.byteLength !== 32) throw new TokenStoreError('invalid_key', `${entry}: the key must be 32 bytes.`);
    if (keys.has(id)) throw new TokenStoreError('invalid_key', `${entry}: its id appears twice.`);
    keys.set(id, key);
  }
  const aes = await aesGcm(keys, engine);
  const [sealingKeyId] = keys.keys(); // the first one seals
  if (sealingKeyId === undefined) throw new TokenStoreError('missing_key', 'No token key is set.');

  return {
    encrypts: true,
    sealingKeyId,
    async seal(token, context) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await aes.encrypt(sealingKeyId, iv, encode(token), encode(context));
      return [VERSION, sealingKeyId, toBase64Url(iv), toBase64Url(sealed)].join('.');
    },
    async open(sealed, context) {
      if (sealed.startsWith(PLAIN)) {
        throw new TokenStoreError(
          'undecryptable',
          'A stored token is unsealed while keys are configured: refused (reconnect, or reseal it from a store opened with the plaintext opt-out and these keys).',
        );
      }
      const [version, id, iv, data, ...rest] = sealed.split('.');
      if (version !== VERSION || !id || !iv || !data || rest.length > 0) {
        throw new TokenStoreError('undecryptable', 'A stored token is not in the sealed format.');
      }
      if (!keys.has(id)) {
        throw new TokenStoreError(
          'unknown_key',
          `A stored token was sealed with key "${id}", which is not configured.`,
        );
      }
      try {
        const opened = await aes.decrypt(id, fromBase64Url(iv), fromBase64Url(data), encode(context));
        return new TextDecoder().decode(opened);
      } catch (error) {
        throw new TokenStoreError('undecryptable', 'A stored token does not open: changed or moved.', {
          cause: error,
        });
      }
    },
    isStale: (sealed) => !sealed.startsWith(`${VERSION}.${sealingKeyId}.`),
  };
}

const plainCipher: TokenCipher = {
  encrypts: false,
  sealingKeyId: undefined,
  seal: async (token) => PLAIN + token,
  async open(sealed) {
    if (sealed.startsWith(PLAIN)) return sealed.slice(PLAIN.length);
    throw new TokenStoreError('unknown_key', `A stored token is sealed, but no ${TOKEN_KEYS_VARIABLE} is set.`);
  },
  isStale: (sealed) => !sealed.startsWith(PLAIN),
};

/**
 * `id:base64,id:base64` (spaces and newlines around entries allowed) → raw keys, first one first. Only an unset
 * or blank value means "no key": a value with separators and nothing else (`,`) is a mistake, not a choice.
 */
function parseKeyList(list: string): { id: string; key: Uint8Array }[] {
  if (list.trim() === '') return [];
  const entries = list.split(/[,\s]+/).filter(Boolean);
  if (entries.length === 0) throw new TokenStoreError('invalid_key', `${TOKEN_KEYS_VARIABLE} holds no entry.`);
  return entries.map((entry, index) => {
    const colon = entry.indexOf(':');
    const where = `${TOKEN_KEYS_VARIABLE} entry ${index + 1}`;
    if (colon < 1) throw new TokenStoreError('invalid_key', `${where}: entries are id:base64.`);
    try {
      return { id: entry.slice(0, colon), key: fromBase64Url(entry.slice(colon + 1)) };
    } catch {
      throw new TokenStoreError('invalid_key', `${where}: the key is not base64.`);
    }
  });
}

/** A fresh key in the `NRICH_TOKEN_KEYS` format, e.g. for a setup script. */
export function generateTokenKey(id: string): string {
  return `${id}:${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

// Buffer where there is one (fast); btoa/atob on edge runtimes.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

function toBase64Url(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Standard or URL-safe base64, padded or not. */
function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (NodeBuffer) {
    // Buffer skips characters outside the alphabet; atob (the edge path) refuses them: refuse them here too.
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) throw new TypeError('not base64');
    return new Uint8Array(NodeBuffer.from(text, 'base64'));
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
