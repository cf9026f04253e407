import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { DAY, HOUR, apiError, connect, getJson, postToken, startHarness } from './helpers.js';
import { startSandbox, type TruthTransaction } from 'nrich-connect/sandbox';

let h: Harness;
before(async () => {
  h = await startHarness({ autosync: { transactionsPerDay: 6 } });
});
after(() => h.sandbox.close());

interface Tx {
  transaction_id: string;
  status: string;
  booking_date: string;
  amount: number;
  value_date: string;
}

/** A fresh access token after the clock moved (the old one lived an hour). */
async function freshToken(refreshToken: string): Promise<{ access: string; refresh: string }> {
  const response = await postToken(h, { grant_type: 'refresh_token', refresh_token: refreshToken });
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as { access_token: string; refresh_token: string };
  return { access: body.access_token, refresh: body.refresh_token };
}

async function listAll(token: string, query = 'include_pending=true'): Promise<Tx[]> {
  const { status, body } = await getJson(h, `/rest/transactions?${query}`, token);
  assert.equal(status, 200, JSON.stringify(body));
  return body.transactions as Tx[];
}

describe('autosync', () => {
  test('new transactions arrive as the clock moves (about transactionsPerDay a day); the listing follows the truth', async () => {
    const tokens = await connect(h, { user_id: 'auto-1' }, '/ongoing/access');
    const before = await listAll(tokens.access_token);
    assert.equal(before.length, 47);
    h.sandbox.clock.advance(10 * DAY);
    const { access } = await freshToken(tokens.refresh_token);
    const after = await listAll(access);
    const truth = h.sandbox.groundTruth(tokens.flowId);
    assert.deepEqual(
      after.map((t) => t.transaction_id).sort(),
      truth
        .filter((t) => t.listed)
        .map((t) => t.transaction_id)
        .sort(),
    );
    const created = truth.filter((t) => Date.parse(t.history[0]!.at) > Date.parse(truth[0]!.history[0]!.at));
    // 10 days × 6 a day = 60 expected; the draw is deterministic, the bounds only say "about".
    assert.ok(created.length >= 40 && created.length <= 90, `${created.length} created`);
    // The listing is newest first by booking day.
    const days = after.map((t) => t.booking_date);
    assert.deepEqual(days, [...days].sort().reverse());
  });

  test('a pending transaction books under a NEW id (the pending one leaves) or disappears; both are in the truth', async () => {
    const tokens = await connect(h, { user_id: 'auto-2' }, '/ongoing/access');
    h.sandbox.clock.advance(20 * DAY);
    const truth = h.sandbox.groundTruth(tokens.flowId);
    const byId = new Map(truth.map((t) => [t.transaction_id, t]));
    const booked = truth.filter((t) => t.booked_as !== undefined);
    const gone = truth.filter((t) => t.history.at(-1)?.state === 'disappeared');
    assert.ok(booked.length > 0 && gone.length > 0, `${booked.length} booked, ${gone.length} disappeared`);
    for (const pending of booked) {
      assert.deepEqual(
        pending.history.map((step) => step.state),
        ['pending', 'booked'],
      );
      assert.equal(pending.listed, false, 'the pending id is no longer listed');
      const successor = byId.get(pending.booked_as!) as TruthTransaction;
      assert.equal(successor.replaces, pending.transaction_id);
      assert.equal(successor.listed, true);
      assert.equal(successor.history[0]?.at, pending.history[1]?.at, 'booked when the pending one left');
    }
    for (const vanished of gone) assert.equal(vanished.listed, false);
    const { access } = await freshToken(tokens.refresh_token);
    const listed = new Set((await listAll(access)).map((t) => t.transaction_id));
    for (const t of truth) assert.equal(listed.has(t.transaction_id), t.listed, t.transaction_id);
  });

  test('a pure function of the connection and the time: read again, the same; its past never changes', () => {
    const [a] = h.sandbox.populate({ connections: 1 });
    h.sandbox.clock.advance(3 * DAY);
    const first = h.sandbox.groundTruth(a!.connectionId);
    assert.deepEqual(h.sandbox.groundTruth(a!.connectionId), first);
    // What has settled (booked, or pending that ended) stays as it was when the clock moves on.
    const settled = first.filter((t) => t.history.at(-1)?.state !== 'pending');
    h.sandbox.clock.advance(DAY);
    const later = new Map(h.sandbox.groundTruth(a!.connectionId).map((t) => [t.transaction_id, t]));
    for (const t of settled) assert.deepEqual(later.get(t.transaction_id), t);
    assert.ok(later.size > first.length, 'and new ones came');
  });

  test('one-time connections get no autosync, and their data still vanishes after the hour', async () => {
    const tokens = await connect(h);
    h.sandbox.clock.advance(HOUR - 1000);
    assert.equal((await listAll(tokens.access_token)).length, 47);
    assert.equal(h.sandbox.groundTruth(tokens.flowId).length, 47);
    h.sandbox.clock.advance(10 * DAY);
    assert.equal(h.sandbox.groundTruth(tokens.flowId).length, 47);
    const refused = await postToken(h, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal((await apiError(refused)).code, 'invalid_grant', 'deleted with its data');
  });
});

describe('consent', () => {
  test('ends after consentDays: the data routes answer 403 consent_expired, refresh still works, autosync stops', async () => {
    const sandbox = await startSandbox({ consentDays: 30, clock: () => h.sandbox.clock.now() });
    try {
      const [connection] = sandbox.populate({ connections: 1 });
      const expires = Date.parse(connection!.tokens.consent_expires_at);
      assert.equal(expires, sandbox.clock.now() + 30 * DAY);
      assert.equal(
        sandbox.connection(connection!.connectionId)?.consent_expires_at,
        connection!.tokens.consent_expires_at,
      );
      sandbox.clock.advance(30 * DAY - 1);
      const call = async (path: string, token: string) =>
        fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const refreshed = await fetch(`${sandbox.url}/auth/token`, {
        method: 'POST',
        headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: connection!.tokens.refresh_token }),
      });
      assert.equal(refreshed.status, 200);
      const tokens = (await refreshed.json()) as {
        access_token: string;
        refresh_token: string;
        consent_expires_at: string;
      };
      assert.equal(tokens.consent_expires_at, connection!.tokens.consent_expires_at, 'a refresh answers it too');
      assert.equal((await call('/rest/transactions', tokens.access_token)).status, 200);
      const truthAtEnd = sandbox.groundTruth(connection!.connectionId);
      sandbox.clock.advance(1);
      for (const path of ['/rest/transactions', '/rest/accounts']) {
        const response = await call(path, tokens.access_token);
        assert.equal(response.status, 403, path);
        assert.equal((await apiError(response)).code, 'consent_expired');
      }
      const again = await fetch(`${sandbox.url}/auth/token`, {
        method: 'POST',
        headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
      });
      assert.equal(again.status, 200, 'the token outlives the consent');
      sandbox.clock.advance(10 * DAY);
      assert.deepEqual(sandbox.groundTruth(connection!.connectionId), truthAtEnd, 'no autosync after the consent');
    } finally {
      await sandbox.close();
    }
  });
});

describe('transaction queries over the ledger', () => {
  test('since a transaction id lists what arrived after it; since_type says which kind of since', async () => {
    const tokens = await connect(h, { user_id: 'since-1' }, '/ongoing/access');
    const first = await listAll(tokens.access_token);
    const newest = first[0]!;
    h.sandbox.clock.advance(2 * DAY);
    const { access } = await freshToken(tokens.refresh_token);
    const later = await listAll(
      access,
      `include_pending=true&since=${newest.transaction_id}&since_type=transaction_id`,
    );
    const truth = h.sandbox.groundTruth(tokens.flowId);
    const connectedAt = truth[0]!.history[0]!.at;
    const arrivedLater = truth.filter((t) => t.listed && t.history[0]!.at > connectedAt).map((t) => t.transaction_id);
    assert.ok(arrivedLater.length > 0);
    assert.deepEqual(later.map((t) => t.transaction_id).sort(), arrivedLater.sort());
    // Without since_type the shape decides: an id is an id, a day is a day.
    assert.deepEqual(await listAll(access, `include_pending=true&since=${newest.transaction_id}`), later);
    const today = new Date(h.sandbox.clock.now()).toISOString().slice(0, 10);
    const byDay = await listAll(access, `since=${today}&since_type=date`);
    assert.ok(byDay.every((t) => t.booking_date >= today && t.status === 'booked'));
    for (const [query, message] of [
      ['since=nope-not-here', 'since names no transaction'],
      ['since=2025-01-01&since_type=hours', 'since_type must be'],
      ['since_type=date', 'since_type needs since'],
      ['since=2025-02-30&since_type=date', 'since must be a date'],
    ] as const) {
      const response = await h.fetch(`/rest/transactions?${query}`, { headers: { Authorization: `Bearer ${access}` } });
      assert.equal(response.status, 400, query);
      assert.match((await apiError(response)).message, new RegExp(message), query);
    }
  });

  test('count/offset pages and the page cap hold on a growing ledger', async () => {
    const [connection] = h.sandbox.populate({ connections: 1, pageCap: 7 });
    h.sandbox.clock.advance(5 * DAY);
    const { access } = await freshToken(connection!.tokens.refresh_token);
    const all = h.sandbox.groundTruth(connection!.connectionId).filter((t) => t.listed);
    const seen: string[] = [];
    for (let offset = 0; offset < all.length;) {
      const { body } = await getJson(h, `/rest/transactions?include_pending=true&count=50&offset=${offset}`, access);
      assert.ok(body.transactions.length <= 7, 'capped');
      assert.equal(body.paging.total, all.length);
      seen.push(...body.transactions.map((t: Tx) => t.transaction_id));
      offset += body.transactions.length;
    }
    assert.deepEqual(seen.slice().sort(), all.map((t) => t.transaction_id).sort());
    assert.equal(new Set(seen).size, seen.length);
  });
});
