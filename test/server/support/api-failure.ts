import assert from 'node:assert/strict';
import { NrichApiError } from '../../../src/server/index.js';

/** The `NrichApiError` a call fails with; fails the test when it succeeds or throws anything else. */
export async function apiFailure(promise: Promise<unknown>): Promise<NrichApiError> {
  const error = await promise.then(
    () => assert.fail('expected the call to fail'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof NrichApiError, `expected NrichApiError, got ${String(error)}`);
  return error;
}

/** The requests the sandbox logged from `mark` on, for one path. */
export function requestsSince<T extends { path: string }>(log: readonly T[], mark: number, path: string): T[] {
  return log.slice(mark).filter((entry) => entry.path === path);
}
