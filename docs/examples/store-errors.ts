// What a host answers the browser when a store fails: a TokenStoreError's `code` says what happened,
// `retryable` whether the same call may succeed later, `retryAfter` (seconds) when to try. Nothing in it is a
// token, a key or the driver's message, so it can be logged as it is.
import { isReauthorizationRequired, isTokenStoreError } from 'nrich-connect/server';

export interface HostAnswer {
  status: number;
  body: { error: string; retryable: boolean };
  headers?: Record<string, string>;
}

export function answerFor(error: unknown): HostAnswer {
  if (isReauthorizationRequired(error)) {
    // The user has to connect again: show <nrich-connect> (same flow, same user).
    return { status: 401, body: { error: 'reconnect', retryable: false } };
  }
  if (isTokenStoreError(error) && error.retryable) {
    // unavailable, timeout, busy, conflict: the database (or another process) is in the way for now.
    const headers: Record<string, string> = { 'retry-after': String(error.retryAfter ?? 1) };
    return { status: 503, body: { error: error.code, retryable: true }, headers };
  }
  // Configuration, keys or schema (missing_key, unknown_key, undecryptable, schema_too_new, store_in_use, …):
  // an operator must act; the browser learns only that it failed.
  return { status: 500, body: { error: 'store_error', retryable: false } };
}
