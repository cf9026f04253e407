import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { DAY, apiError, connect, getJson, postToken, startHarness } from './helpers.js';
import type { PopulatedConnection } from 'nrich-connect/sandbox';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

const refresh = (token: string) => postToken(h, { grant_type: 'refresh_token', refresh_token: token });

describe('sandbox.populate', () => {
  test('N ongoing connections with user ids and token responses that work at once', async () => {
    const made = h.sandbox.populate({ connections: 3, userIdPrefix: 'shop-' });
    assert.deepEqual(
      made.map((c) => c.userId),
      ['shop-1', 'shop-2', 'shop-3'],
    );
    for (const connection of made) {
      assert.deepEqual(Object.keys(connection.tokens).sort(), [
        'access_token',
        'consent_expires_at',
        'expires_in',
        'refresh_token',
        'scope',
        'token_type',
      ]);
      assert.equal(
        Date.parse(connection.tokens.consent_expires_at),
        h.sandbox.clock.now() + 180 * DAY,
        'consent: 180 days',
      );
      const accounts = await getJson(h, '/rest/accounts', connection.tokens.access_token);
      assert.equal(accounts.status, 200);
      assert.equal(accounts.body.accounts.length, 2);
      assert.equal(h.sandbox.connection(connection.connectionId)?.user_id, connection.userId);
    }
    const next = h.sandbox.populate({ connections: 1, userIdPrefix: 'shop-' });
    assert.equal(next[0]?.userId, 'shop-4', 'numbering goes on');
    assert.equal((await refresh(made[0]!.tokens.refresh_token)).status, 200);
  });

  test('spreadDays: starts spread over past days, so renewal deadlines and consent ends are spread too', async () => {
    const now = h.sandbox.clock.now();
    const made = h.sandbox.populate({ connections: 4, spreadDays: 60 });
    assert.deepEqual(
      made.map((c) => (now - Date.parse(c.connectedAt)) / DAY),
      [0, 15, 30, 45],
    );
    for (const c of made) {
      assert.equal(Date.parse(c.tokens.consent_expires_at), Date.parse(c.connectedAt) + 180 * DAY);
      assert.equal((await getJson(h, '/rest/accounts', c.tokens.access_token)).status, 200, 'a fresh access token');
    }
    // Autosync has run since each one connected: the oldest has the most.
    const sizes = made.map((c) => h.sandbox.groundTruth(c.connectionId).length);
    assert.equal(sizes[0], 47);
    assert.ok(sizes[3]! > sizes[1]!, sizes.join());
    // The refresh token of the one that connected 45 days ago dies 45 days from now; the newest one's lives on.
    h.sandbox.clock.advance(45 * DAY);
    const [newest, , , oldest] = made;
    assert.equal((await apiError(await refresh(oldest!.tokens.refresh_token))).code, 'invalid_grant');
    assert.equal((await refresh(newest!.tokens.refresh_token)).status, 200);
  });

  test('10 000 connections, each distinct', () => {
    const made = h.sandbox.populate({ connections: 10_000 });
    assert.equal(made.length, 10_000);
    assert.equal(new Set(made.map((c) => c.connectionId)).size, 10_000);
    assert.equal(new Set(made.map((c) => c.tokens.refresh_token)).size, 10_000);
    assert.equal(new Set(made.map((c) => c.userId)).size, 10_000);
  });

  test('bad options are 400 invalid_populate over HTTP; POST /_sandbox/populate answers the same shape', async () => {
    const post = (body: unknown) =>
      h.fetch('/_sandbox/populate', {
        method: 'POST',
        headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (const bad of [
      {},
      { connections: 0 },
      { connections: 2.5 },
      { connections: 1, users: 2 },
      { connections: 1, spreadDays: 90 },
    ]) {
      const response = await post(bad);
      assert.equal(response.status, 400, JSON.stringify(bad));
      assert.equal((await apiError(response)).code, 'invalid_populate');
    }
    const response = await post({ connections: 2, consentDays: 30, transactionCount: 5 });
    assert.equal(response.status, 201);
    const { connections } = (await response.json()) as { connections: PopulatedConnection[] };
    assert.equal(connections.length, 2);
    const first = connections[0]!;
    assert.equal(Date.parse(first.tokens.consent_expires_at), h.sandbox.clock.now() + 30 * DAY);
    const listed = await getJson(h, '/rest/transactions', first.tokens.access_token);
    assert.equal(listed.body.transactions.length, 5);
  });
});

describe('counters', () => {
  test('refreshes, a reused (already rotated) refresh token, API calls: per connection and in all', async () => {
    const [connection] = h.sandbox.populate({ connections: 1 });
    const id = connection!.connectionId;
    const totalsBefore = h.sandbox.counters().totals;
    const first = await refresh(connection!.tokens.refresh_token);
    const second = ((await first.json()) as { refresh_token: string; access_token: string }).refresh_token;
    // The rotated token again: invalid_grant as before, and now counted as a double refresh.
    const reused = await refresh(connection!.tokens.refresh_token);
    assert.equal(reused.status, 400);
    assert.equal((await apiError(reused)).code, 'invalid_grant');
    // A token the sandbox never issued is refused too, but is no double refresh.
    assert.equal((await refresh('eyJhbGciOiJub25lIn0.e30.abc')).status, 400);
    assert.equal((await refresh(second)).status, 200);
    const mine = h.sandbox.counters().connections[id];
    assert.deepEqual(mine, { refreshes: 2, doubleRefreshes: 1, apiCalls: 2, limitedCalls: 0 });
    const totals = h.sandbox.counters().totals;
    assert.equal(totals.refreshes - totalsBefore.refreshes, 2);
    assert.equal(totals.doubleRefreshes - totalsBefore.doubleRefreshes, 1);
    assert.equal(totals.apiCalls - totalsBefore.apiCalls, 4);

    const response = await h.fetch('/_sandbox/counters', { headers: { Authorization: h.basic() } });
    const overHttp = (await response.json()) as { totals: unknown; connections: Record<string, unknown> };
    assert.deepEqual(overHttp.connections[id], mine);
    assert.deepEqual(overHttp.totals, totals);
  });

  test('data calls count per connection, and so do calls the rate limit answered', async () => {
    const [connection] = h.sandbox.populate({ connections: 1 });
    const token = connection!.tokens.access_token;
    await getJson(h, '/rest/accounts', token);
    await getJson(h, '/rest/transactions', token);
    h.sandbox.setRateLimit({ perSecond: 0.001, burst: 1 });
    try {
      assert.equal((await getJson(h, '/rest/accounts', token)).status, 200);
      assert.equal((await getJson(h, '/rest/accounts', token)).status, 429);
    } finally {
      h.sandbox.setRateLimit(undefined);
    }
    assert.deepEqual(h.sandbox.connection(connection!.connectionId)?.counters, {
      refreshes: 0,
      doubleRefreshes: 0,
      apiCalls: 3,
      limitedCalls: 1,
    });
  });
});

describe('ground truth', () => {
  test('every transaction of a connection, in process and over GET /_sandbox/connections/:id', async () => {
    const tokens = await connect(h, { user_id: 'truth-1' }, '/ongoing/access');
    const truth = h.sandbox.groundTruth(tokens.flowId);
    const listed = await getJson(h, '/rest/transactions?include_pending=true', tokens.access_token);
    assert.equal(truth.length, 47);
    assert.deepEqual(
      truth.map((t) => t.transaction_id).sort(),
      listed.body.transactions.map((t: { transaction_id: string }) => t.transaction_id).sort(),
    );
    const pending = truth.filter((t) => t.history[0]?.state === 'pending');
    assert.equal(pending.length, 2);
    const response = await h.fetch(`/_sandbox/connections/${tokens.flowId}`, { headers: { Authorization: h.basic() } });
    const report = (await response.json()) as { user_id: string; transactions: unknown; kind: string };
    assert.equal(report.user_id, 'truth-1');
    assert.equal(report.kind, 'ongoing/access');
    assert.deepEqual(report.transactions, truth);
    const unknown = await h.fetch('/_sandbox/connections/nope', { headers: { Authorization: h.basic() } });
    assert.equal(unknown.status, 404);
    assert.deepEqual(h.sandbox.groundTruth('nope'), []);
  });
});
