/**
 * The one error type the stores throw, so a host can branch on `code`: the stores' own reasons
 * (configuration, keys, the schema) and the database's faults, which are translated here. A driver's raw error
 * never reaches the host (it stays as `cause`, for logs). Never carries a token or a key: messages name
 * settings, not values.
 */
import { NrichError, type NrichErrorOptions } from '../errors.js';

/** Why a store failed; docs/errors.md lists them, and a test holds the two together. */
export const STORE_ERROR_CODES = {
  missing_key: 'No encryption key was given, and the insecure plaintext opt-out was not set.',
  invalid_key: 'A key in the configuration is malformed (not `id:base64` of 32 bytes, or a repeated id).',
  unknown_key: 'A stored token was sealed under a key id that is not configured here.',
  undecryptable:
    'A stored token does not open: changed in the database, moved to another row, or unsealed while keys are set.',
  schema_too_new: 'The database was migrated by a newer version of the kit.',
  store_in_use: "Another process has the embedded store's directory open.",
  conflict: 'A write lost a compare-and-swap: the connection was replaced (a new code exchange) meanwhile.',
  busy: 'Another process has been refreshing this connection for longer than `lockTimeoutMs`. Safe to retry.',
  timeout: 'The database did not answer within the configured bound (a stalled server, a full pool). Safe to retry.',
  unavailable:
    'The database cannot be reached or is restarting (refused, reset, shutting down, too many clients). Safe to retry.',
  database_error: 'The database refused a statement for another reason (permissions, a broken schema).',
  driver_missing: 'The optional database driver is not installed.',
} as const;

export type TokenStoreErrorCode = keyof typeof STORE_ERROR_CODES;

/** Codes for which the same call may succeed later, without anything changed. */
export const RETRYABLE_STORE_ERROR_CODES: ReadonlySet<TokenStoreErrorCode> = new Set([
  'busy',
  'timeout',
  'unavailable',
  'conflict',
]);

export class TokenStoreError extends NrichError {
  override readonly name = 'TokenStoreError';
  readonly code: TokenStoreErrorCode;
  /** The same call may succeed if made again (after `retryAfter` seconds when given, e.g. a restarting database). */
  readonly retryable: boolean;

  constructor(code: TokenStoreErrorCode, message: string, options?: NrichErrorOptions) {
    super(message, options);
    this.code = code;
    this.retryable = RETRYABLE_STORE_ERROR_CODES.has(code);
  }
}

export function isTokenStoreError(value: unknown): value is TokenStoreError {
  return value instanceof TokenStoreError;
}

/** SQLSTATEs of a server that is going away, coming up or full: try again shortly. */
const UNAVAILABLE_STATES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '53400',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
/** Node's socket errors. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Any error out of a database call as a `TokenStoreError`. Reads only the driver's `code` and a few fixed
 * messages of node-postgres (which has no codes for them), never the message's values.
 */
export function toStoreError(error: unknown): TokenStoreError {
  if (error instanceof TokenStoreError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  if (
    code === '57014' ||
    /timeout exceeded when trying to connect|Query read timeout|connection timeout/i.test(message)
  ) {
    return new TokenStoreError('timeout', 'The database did not answer in time.', { cause: error, retryAfter: 1 });
  }
  if (code === '55P03') {
    return new TokenStoreError('busy', 'Another process holds this connection.', { cause: error, retryAfter: 1 });
  }
  if (
    UNAVAILABLE_STATES.has(code) ||
    NETWORK_CODES.has(code) ||
    /Connection terminated|not queryable|Client was closed|Cannot use a pool after calling end/i.test(message)
  ) {
    return new TokenStoreError('unavailable', 'The database is unreachable or restarting.', {
      cause: error,
      retryAfter: 1,
    });
  }
  return new TokenStoreError('database_error', `The database refused a statement (${code || 'no code'}).`, {
    cause: error,
  });
}
