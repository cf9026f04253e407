/**
 * A connection whose refresh token no longer works needs the user to connect again: a typed state, not a
 * failure to retry. Retrying a rejected refresh token only repeats the rejection (and looks like abuse to the
 * API), so once marked, a connection makes no upstream call until it is reconnected.
 */
import { NrichApiError } from '../client/api-error.js';
import { NrichError } from '../errors.js';

/** Why: the API refused the refresh token, or its 90 days are over. */
export type ReauthorizationReason = 'invalid_grant' | 'expired';

export class ReauthorizationRequiredError extends NrichError {
  override readonly name = 'ReauthorizationRequiredError';
  readonly code = 'needs_reauthorization';
  /** Retrying cannot help: the user has to connect again. */
  readonly retryable = false;
  readonly key: string;
  readonly reason: ReauthorizationReason;

  constructor(key: string, reason: ReauthorizationReason) {
    super(
      reason === 'expired'
        ? 'The bank connection is older than its 90 days: the user has to connect again.'
        : 'The API refused the refresh token: the user has to connect again.',
    );
    this.key = key;
    this.reason = reason;
  }
}

export function isReauthorizationRequired(value: unknown): value is ReauthorizationRequiredError {
  return value instanceof ReauthorizationRequiredError;
}

/**
 * The API's answer to a refresh token it will never accept again (`invalid_grant`: used, revoked or expired).
 * Only a 400 or 401 says that: a 5xx whose body mentions `invalid_grant` is the API failing, and the token may
 * well still be good, so the connection is left as it is.
 */
export function isRejectedGrant(error: unknown): boolean {
  return (
    error instanceof NrichApiError && error.kind === 'reauthorize' && (error.status === 400 || error.status === 401)
  );
}
