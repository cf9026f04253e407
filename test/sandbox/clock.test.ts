import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { DAY, HOUR, T0, apiError, connect, getJson, postToken, startHarness } from './helpers.js';
import { ClockError, scaledNow, startSandbox } from 'nrich-connect/sandbox';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

const connectOngoing = () => connect(h, { user_id: 'user-clock' }, '/ongoing/access');

async function controlClock(body?: unknown): Promise<{ status: number; body: any }> {
  const response = await h.fetch('/_sandbox/clock', {
    method: body === undefined ? 'GET' : 'POST',
    headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe('sandbox.clock', () => {
  test('advance and set move the time every expiry reads; going back is a ClockError', () => {
    const start = h.sandbox.clock.now();
    assert.equal(h.sandbox.clock.advance(5 * DAY), start + 5 * DAY);
    assert.equal(h.sandbox.clock.now(), start + 5 * DAY);
    assert.equal(h.sandbox.clock.set(start + 6 * DAY), start + 6 * DAY);
    assert.throws(() => h.sandbox.clock.set(start), ClockError);
    assert.throws(() => h.sandbox.clock.advance(-1), ClockError);
    assert.throws(() => h.sandbox.clock.advance(1.5), ClockError);
    assert.equal(h.sandbox.clock.now(), start + 6 * DAY, 'a refused move changed nothing');
  });

  test('the access token dies after an hour of sandbox time, the refresh token after 90 days without a refresh', async () => {
    const tokens = await connectOngoing();
    h.sandbox.clock.advance(HOUR);
    assert.equal((await getJson(h, '/rest/accounts', tokens.access_token)).status, 401);
    // Refreshed every 60 days, a connection lives on: each refresh starts a new 90 days.
    let refresh = tokens.refresh_token;
    for (let i = 0; i < 3; i++) {
      h.sandbox.clock.advance(60 * DAY);
      const response = await postToken(h, { grant_type: 'refresh_token', refresh_token: refresh });
      assert.equal(response.status, 200, `refresh ${i + 1}`);
      refresh = ((await response.json()) as { refresh_token: string }).refresh_token;
    }
    h.sandbox.clock.advance(90 * DAY);
    const lapsed = await postToken(h, { grant_type: 'refresh_token', refresh_token: refresh });
    assert.equal(lapsed.status, 400);
    assert.equal((await apiError(lapsed)).code, 'invalid_grant');
  });

  test('over HTTP: GET reads it, POST advances or sets it; bad bodies are 400 invalid_clock', async () => {
    const before = await controlClock();
    assert.equal(before.status, 200);
    assert.equal(before.body.now, h.sandbox.clock.now());
    assert.equal(before.body.iso, new Date(before.body.now).toISOString());
    assert.equal(before.body.scaled, undefined);
    const moved = await controlClock({ advance: DAY });
    assert.equal(moved.body.now, before.body.now + DAY);
    const set = await controlClock({ set: new Date(before.body.now + 3 * DAY).toISOString() });
    assert.equal(set.body.now, before.body.now + 3 * DAY);
    for (const bad of [{ advance: -5 }, { set: 0 }, {}, { advance: 1, set: 2 }, { advance: 'soon' }]) {
      const answer = await controlClock(bad);
      assert.equal(answer.status, 400, JSON.stringify(bad));
      assert.equal(answer.body.error.code, 'invalid_clock');
    }
    const unauthenticated = await h.fetch('/_sandbox/clock', { method: 'POST', body: '{"advance":1}' });
    assert.equal(unauthenticated.status, 401);
    assert.equal(h.sandbox.clock.now(), set.body.now, 'refused moves changed nothing');
  });
});

describe('a scaled clock', () => {
  test('scaledNow is epoch + (real − origin) × speed + offset', () => {
    assert.equal(scaledNow({ epoch: T0, speed: 86_400, origin: 1_000 }, 1_500), T0 + 500 * 86_400);
    assert.equal(scaledNow({ epoch: T0, speed: 2, origin: 0, offset: 7 }, 10), T0 + 27);
  });

  test('another process computes the sandbox time from GET /_sandbox/clock, advance() included', async () => {
    const origin = Date.now();
    const sandbox = await startSandbox({ clock: { epoch: T0, speed: 1000, origin } });
    try {
      sandbox.clock.advance(30 * DAY);
      const response = await fetch(`${sandbox.url}/_sandbox/clock`, { headers: { Authorization: h.basic() } });
      const state = (await response.json()) as {
        scaled: { epoch: number; speed: number; origin: number };
        offset: number;
      };
      assert.deepEqual(state.scaled, { epoch: T0, speed: 1000, origin });
      assert.equal(state.offset, 30 * DAY);
      // Bracketed by the real time before and after: no timing assumption.
      const before = Date.now();
      const now = sandbox.clock.now();
      const after = Date.now();
      assert.ok(scaledNow({ ...state.scaled, offset: state.offset }, before) <= now);
      assert.ok(now <= scaledNow({ ...state.scaled, offset: state.offset }, after));
    } finally {
      await sandbox.close();
    }
  });

  test('bad scaled clocks are refused at start', async () => {
    await assert.rejects(startSandbox({ clock: { epoch: T0, speed: 0 } }), ClockError);
    await assert.rejects(startSandbox({ clock: { epoch: Number.NaN } }), ClockError);
  });
});
