import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { apiError, startHarness } from './helpers.js';
import { RateLimitError, RateLimiter } from '../../src/sandbox/rate-limit.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

describe('RateLimiter (a token bucket on an injected real clock)', () => {
  test('burst calls pass at once, then one per 1/perSecond; Retry-After says when the next one fits', () => {
    let real = 0;
    const limiter = new RateLimiter(() => real);
    limiter.set({ perSecond: 2, burst: 3 });
    for (let i = 0; i < 3; i++) limiter.take();
    assert.throws(
      () => limiter.take(),
      (error: any) => error.status === 429 && error.headers['Retry-After'] === '1',
    );
    real += 499;
    assert.throws(() => limiter.take(), 'not yet a whole call refilled');
    real += 1;
    limiter.take();
    real += 10_000;
    for (let i = 0; i < 3; i++) limiter.take();
    assert.throws(() => limiter.take(), 'refill stops at the burst');
  });

  test('503 and a fixed Retry-After when asked; lifted with undefined; bad limits are RateLimitError', () => {
    const limiter = new RateLimiter(() => 0);
    limiter.set({ perSecond: 1, burst: 1, status: 503, retryAfter: 30 });
    limiter.take();
    assert.throws(
      () => limiter.take(),
      (error: any) => error.status === 503 && error.headers['Retry-After'] === '30',
    );
    limiter.set(undefined);
    for (let i = 0; i < 100; i++) limiter.take();
    for (const bad of [{ perSecond: 0 }, { perSecond: 1, burst: 0.5 }, { perSecond: 1, status: 500 }, { rate: 1 }]) {
      assert.throws(() => limiter.set(bad as never), RateLimitError, JSON.stringify(bad));
    }
  });
});

describe('the API behind the limit', () => {
  test('calls beyond the burst get 429 with Retry-After, are counted, and the widget and controls stay open', async () => {
    // A refill of one call per 1000 s: nothing refills during the test, whatever the machine's speed.
    h.sandbox.setRateLimit({ perSecond: 0.001, burst: 3 });
    try {
      const before = h.sandbox.counters().totals;
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await h.fetch('/')).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      const limited = await h.fetch('/rest/accounts');
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) >= 1);
      assert.equal((await apiError(limited)).code, 'rate_limit_exceeded');
      const after = h.sandbox.counters().totals;
      assert.equal(after.apiCalls - before.apiCalls, 3);
      assert.equal(after.limitedCalls - before.limitedCalls, 3);
      // Not API routes: the widget page and the controls answer as before.
      assert.equal((await h.fetch('/widget?token=none')).status !== 429, true);
      const read = await h.fetch('/_sandbox/rate-limit', { headers: { Authorization: h.basic() } });
      assert.deepEqual(await read.json(), { rateLimit: { perSecond: 0.001, burst: 3, status: 429 } });
    } finally {
      h.sandbox.setRateLimit(undefined);
    }
    assert.equal((await h.fetch('/')).status, 200);
  });

  test('over HTTP: POST /_sandbox/rate-limit sets 503 with a fixed Retry-After, null lifts it, bad ones are 400', async () => {
    const set = (rateLimit: unknown) =>
      h.fetch('/_sandbox/rate-limit', {
        method: 'POST',
        headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ rateLimit }),
      });
    assert.equal((await set({ perSecond: 0.001, burst: 1, status: 503, retryAfter: 4 })).status, 200);
    assert.equal((await h.fetch('/')).status, 200);
    const limited = await h.fetch('/');
    assert.equal(limited.status, 503);
    assert.equal(limited.headers.get('retry-after'), '4');
    const bad = await set({ perSecond: -1 });
    assert.equal(bad.status, 400);
    assert.equal((await apiError(bad)).code, 'invalid_rate_limit');
    assert.equal((await set(null)).status, 200);
    assert.equal((await h.fetch('/')).status, 200);
  });
});
