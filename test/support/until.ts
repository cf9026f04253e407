// A bounded poll for a condition the code under test offers no event for (a request log, a child's output, a row
// behind the store): it checks often and fails with `what` at the deadline, so a test waits for the thing, never
// for a fixed time.
import { setTimeout as tick } from 'node:timers/promises';

export async function until(
  condition: () => boolean | Promise<boolean>,
  what = 'the condition',
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await tick(5);
  }
}
