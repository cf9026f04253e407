/**
 * The one error type the stores throw for their own reasons (configuration, keys, the database's state),
 * so a host can branch on `code`. Never carries a token or a key: messages name settings, not values.
 */
export type TokenStoreErrorCode =
  /** NODE_ENV=production and no encryption key was given. */
  | 'missing_key'
  /** A key in the configuration is malformed (not `id:base64` of 32 bytes, or a repeated id). */
  | 'invalid_key'
  /** A stored token was sealed under a key id that is no longer configured. */
  | 'unknown_key'
  /** A stored token does not open: changed in the database, or moved to another connection's row. */
  | 'undecryptable'
  /** The database was migrated by a newer version of the kit. */
  | 'schema_too_new'
  /** Another process has the embedded store's directory open. */
  | 'store_in_use'
  /** A write lost a compare-and-swap: something changed the row without the store's lock. */
  | 'conflict'
  /** Another process held the connection's row longer than `lockTimeoutMs`. */
  | 'lock_timeout'
  /** The optional database driver is not installed. */
  | 'driver_missing';

export class TokenStoreError extends Error {
  override readonly name = 'TokenStoreError';
  readonly code: TokenStoreErrorCode;

  constructor(code: TokenStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isTokenStoreError(value: unknown): value is TokenStoreError {
  return value instanceof TokenStoreError;
}
