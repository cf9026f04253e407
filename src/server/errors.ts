/**
 * The one error family of the server kit. Everything the kit throws is an `NrichError`, so a host writes one
 * `catch` and branches on `code` (stable, documented in docs/errors.md) or on `retryable`, whichever part of the
 * kit failed: the API (`NrichApiError`, client/), the configuration (`NrichConfigError`, here: every part
 * checks its options at construction), a store (`TokenStoreError`, tokens/) or a connection that needs the user
 * again (`ReauthorizationRequiredError`, tokens/). Messages never carry a secret, a token or a key.
 */

export interface NrichErrorOptions {
  /** Seconds to wait before trying again, when the failing part can tell. */
  retryAfter?: number;
  cause?: unknown;
}

export abstract class NrichError extends Error {
  /** What went wrong, as a stable identifier a host can branch on (see docs/errors.md). */
  abstract readonly code: string;
  /** The same call may succeed if made again, without anything changed (after `retryAfter` when given). */
  abstract readonly retryable: boolean;
  /** Seconds to wait before trying again, when known. */
  readonly retryAfter: number | undefined;

  constructor(message: string, options?: NrichErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryAfter = options?.retryAfter;
  }
}

/** Refuses options that are not an object (a host passing a string, or nothing where options are required). */
export function checkOptions(options: unknown, what: string): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new NrichConfigError('options', `${what} takes an object of options.`);
  }
}

/** The code of every `NrichConfigError`. */
export const CONFIG_ERROR_CODE = 'invalid_config';

/**
 * A setting of `createNrichClient`, a handler or a store is missing or malformed (thrown at construction), or a
 * call's argument is not of its documented shape (thrown before anything is sent).
 */
export class NrichConfigError extends NrichError {
  override readonly name = 'NrichConfigError';
  readonly code = CONFIG_ERROR_CODE;
  readonly retryable = false;

  constructor(
    /** The option's name, e.g. `baseUrl`. */
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}
