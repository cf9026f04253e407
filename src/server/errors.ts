/**
 * The one error type the client throws, so hosts can branch on `status`/`code` without parsing text.
 * Built by the client from already-redacted parts: nothing here ever holds a secret or a token.
 */

/** `code` values the client itself uses when the API gave none. */
export type NrichClientErrorCode = 'network' | 'timeout' | 'invalid_response' | 'http_error';

export class NrichApiError extends Error {
  override readonly name = 'NrichApiError';
  /** HTTP status from the API; 0 when no answer arrived (network failure or timeout). */
  readonly status: number;
  /** The API's error code (e.g. `invalid_grant`), or one of {@link NrichClientErrorCode}. */
  readonly code: string;
  /** Which call failed, e.g. `POST /auth/token`: says where without saying with what. */
  readonly endpoint: string;

  constructor(init: { status: number; code: string; message: string; endpoint: string; cause?: unknown }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.endpoint = init.endpoint;
  }
}

export function isNrichApiError(value: unknown): value is NrichApiError {
  return value instanceof NrichApiError;
}
