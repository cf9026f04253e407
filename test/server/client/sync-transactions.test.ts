/**
 * syncTransactions against the sandbox over HTTP, with its clock moving (autosync: new transactions, pending ones
 * that book under a new id or disappear) and capped pages: whatever the sequence of syncs, page limits and
 * resumes, the host's copy ends equal to the sandbox's ground truth, no id is added twice, and every pending
 * transaction the host saw is removed exactly once when it books or disappears. Faults end in a typed error and
 * the same cursor carries on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, type Sandbox } from 'nrich-connect/sandbox';
import {
  createNrichClient,
  isNrichApiError,
  NrichError,
  syncTransactions,
  type NrichClient,
  type Transaction,
} from '../../../src/server/index.js';
import type { FetchFunction } from '../../../src/server/client/client.js';
import { SyncCursorError, type SyncTransactionsResult } from '../../../src/server/client/sync-transactions.js';

const HOUR = 60 * 60 * 1000;
let now = Date.UTC(2025, 4, 15, 9, 30);
let sandbox: Sandbox;
let client: NrichClient;

before(async () => {
  sandbox = await startSandbox({ clock: () => now, autosync: { transactionsPerDay: 8 } });
  client = clientWith();
});
after(() => sandbox.close());

function clientWith(fetch?: FetchFunction): NrichClient {
  return createNrichClient({
    baseUrl: sandbox.url,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    retry: false,
    ...(fetch ? { fetch } : {}),
  });
}

/** The host: its copy of the transactions, and everything it was ever told. */
class Host {
  readonly view = new Map<string, Transaction>();
  readonly addedEver = new Set<string>();
  readonly removedEver = new Set<string>();
  modifiedCount = 0;
  cursor: string | undefined;
  private refreshToken: string;

  constructor(
    readonly connectionId: string,
    refreshToken: string,
  ) {
    this.refreshToken = refreshToken;
  }

  /** A fresh access token (the clock moved past the old one's hour). */
  async token(): Promise<string> {
    const tokens = await client.refreshToken(this.refreshToken);
    this.refreshToken = tokens.refresh_token;
    return tokens.access_token;
  }

  apply(result: SyncTransactionsResult): void {
    for (const tx of result.added) {
      assert.ok(!this.addedEver.has(tx.transaction_id), `added twice: ${tx.transaction_id}`);
      this.addedEver.add(tx.transaction_id);
      this.view.set(tx.transaction_id, tx);
    }
    for (const tx of result.modified) {
      assert.ok(this.view.has(tx.transaction_id), 'modified before added');
      this.modifiedCount += 1;
      this.view.set(tx.transaction_id, tx);
    }
    for (const { transaction_id } of result.removed) {
      assert.ok(this.view.has(transaction_id), 'removed without being there');
      assert.ok(!this.removedEver.has(transaction_id), 'removed twice');
      this.removedEver.add(transaction_id);
      this.view.delete(transaction_id);
    }
    this.cursor = result.cursor;
  }

  async sync(options: { maxPages?: number; pageSize?: number; via?: NrichClient } = {}): Promise<boolean> {
    const result = await syncTransactions(options.via ?? client, await this.token(), {
      cursor: this.cursor,
      ...options,
    });
    this.apply(result);
    return result.hasMore;
  }

  /**
   * Finishes the walk under way, then makes one whole walk with the clock still: a transaction that left after
   * the walk under way had seen it is only known to be gone by a walk that starts later.
   */
  async drain(pageSize?: number): Promise<void> {
    for (let walks = 0; walks < 2; walks++) {
      while (await this.sync({ maxPages: 3, pageSize })) {
        // each call reads at most three pages; the cursor resumes the walk
      }
    }
  }

  /** The host's copy against the sandbox's ground truth, after a finished walk. */
  check(): void {
    const truth = sandbox.groundTruth(this.connectionId);
    const listed = truth.filter((t) => t.listed);
    assert.deepEqual([...this.view.keys()].sort(), listed.map((t) => t.transaction_id).sort(), 'copy = listing');
    for (const t of listed) assert.equal(this.view.get(t.transaction_id)?.amount, t.amount);
    const ids = new Set(truth.map((t) => t.transaction_id));
    for (const id of this.addedEver) assert.ok(ids.has(id), 'only real transactions are added');
    for (const t of truth) {
      const settled = t.history.length === 2;
      if (settled && this.addedEver.has(t.transaction_id)) {
        assert.ok(this.removedEver.has(t.transaction_id), `pending ${t.history[1]?.state}, not removed`);
      }
      if (t.booked_as !== undefined) assert.ok(this.addedEver.has(t.booked_as), 'the booked one is added');
    }
  }
}

function populateHost(pageCap?: number): Host {
  const [made] = sandbox.populate({ connections: 1, ...(pageCap === undefined ? {} : { pageCap }) });
  return new Host(made!.connectionId, made!.tokens.refresh_token);
}

const step = fc.record({
  hours: fc.integer({ min: 0, max: 60 }),
  maxPages: fc.integer({ min: 1, max: 4 }),
  pageSize: fc.integer({ min: 2, max: 40 }),
});

describe('syncTransactions over a moving ledger (property-based)', () => {
  test('any sequence of syncs: the copy equals the truth, no id added twice, every settled pending removed once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(undefined, 3, 7),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (pageCap, steps) => {
          const host = populateHost(pageCap);
          for (const { hours, maxPages, pageSize } of steps) {
            now += hours * HOUR;
            await host.sync({ maxPages, pageSize });
          }
          await host.drain();
          host.check();
        },
      ),
      { numRuns: 25 },
    );
  });

  test('a resumed cursor gives what one uninterrupted walk gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(undefined, 4),
        fc.array(step, { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 1, max: 80 }),
        async (pageCap, history, hours) => {
          const host = populateHost(pageCap);
          for (const { hours: h, maxPages, pageSize } of history) {
            now += h * HOUR;
            await host.sync({ maxPages, pageSize });
          }
          now += hours * HOUR;
          const token = await host.token();
          const whole = await syncTransactions(client, token, { cursor: host.cursor, maxPages: 10_000 });
          assert.equal(whole.hasMore, false);
          const pieces: SyncTransactionsResult[] = [];
          let cursor = host.cursor;
          for (;;) {
            const piece = await syncTransactions(client, token, { cursor, maxPages: 1, pageSize: 5 });
            pieces.push(piece);
            cursor = piece.cursor;
            if (!piece.hasMore) break;
          }
          const ids = (list: { transaction_id: string }[]) => list.map((t) => t.transaction_id).sort();
          assert.deepEqual(ids(pieces.flatMap((p) => p.added)), ids(whole.added));
          assert.deepEqual(ids(pieces.flatMap((p) => p.removed)), ids(whole.removed));
          assert.deepEqual(ids(pieces.flatMap((p) => p.modified)), ids(whole.modified));
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('syncTransactions: what the walk relies on', () => {
  test('a list that changes between pages: the walk notices (overlap) and starts over; nothing is skipped', async () => {
    const host = populateHost(5);
    await host.drain();
    const connectedAt = Date.parse(sandbox.connection(host.connectionId)!.connected_at);
    const SLOT = 6 * HOUR;
    let restarts = 0;
    for (let slot = Math.ceil((now - connectedAt) / SLOT) + 1; restarts === 0 && slot < 40; slot++) {
      // Just before an autosync; when the walk reaches its last pages, the clock crosses it (within the token's hour).
      now = connectedAt + slot * SLOT - 30 * 60 * 1000;
      let moved = false;
      const offsets: number[] = [];
      const moving = clientWith(async (input, init) => {
        const response = await fetch(input, init);
        const offset = Number(new URL(input).searchParams.get('offset'));
        offsets.push(offset);
        const body = (await response.clone().json()) as { paging?: { total?: number } };
        if (!moved && offset + 12 >= (body.paging?.total ?? 0)) {
          moved = true;
          now += 40 * 60 * 1000;
        }
        return response;
      });
      await host.sync({ via: moving, maxPages: 1000, pageSize: 50 });
      restarts += offsets.filter((offset) => offset === 0).length - 1;
      await host.drain();
      host.check();
    }
    assert.ok(restarts > 0, 'a walk met a moved list and started over');
  });

  test('one-time data within its hour: one walk hands over everything', async () => {
    const flow = await client.createFlow('onetime/access', { redirect_uri: 'http://localhost/cb' });
    const token = new URL(flow.location).searchParams.get('token');
    const completed = await fetch(`${sandbox.url}/widget/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, outcome: 'authorize' }),
    });
    const { query } = (await completed.json()) as { query: { code: string } };
    const tokens = await client.exchangeCode({ code: query.code });
    const result = await syncTransactions(client, tokens.access_token, { pageSize: 10 });
    assert.equal(result.hasMore, false);
    assert.deepEqual(
      result.added.map((t) => t.transaction_id).sort(),
      sandbox
        .groundTruth(flow.id)
        .map((t) => t.transaction_id)
        .sort(),
    );
    const again = await syncTransactions(client, tokens.access_token, { cursor: result.cursor });
    assert.deepEqual([again.added, again.modified, again.removed], [[], [], []]);
  });
});

describe('syncTransactions: faults end in a typed error, the cursor carries on', () => {
  for (const [name, fault, kind] of [
    ['a 500', { status: 500, body: '{"error":{"code":"server_error","message":"boom"}}' }, 'upstream_down'],
    ['a 429 with Retry-After', { status: 429, retryAfter: 3 }, 'rate_limited'],
    ['a 503 rate limit', { status: 503, retryAfter: 1 }, 'rate_limited'],
    ['a dropped connection', { action: 'drop' as const }, 'network'],
  ] as const) {
    test(`${name} in the middle of a walk`, async () => {
      const host = populateHost(4);
      now += 20 * HOUR;
      // The third page of the walk meets the fault, at the real sandbox.
      let calls = 0;
      const faulty = clientWith(async (input, init) => {
        if (++calls === 3) sandbox.fail({ path: '/rest/transactions', ...fault });
        return fetch(input, init);
      });
      const before = host.cursor;
      const error = await host.sync({ via: faulty, maxPages: 1000 }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(isNrichApiError(error), String(error));
      assert.equal(error.kind, kind);
      if (name.includes('Retry-After')) assert.equal(error.retryAfter, 3);
      assert.equal(host.cursor, before, 'nothing applied, the cursor unchanged');
      await host.drain();
      host.check();
    });
  }

  test('a cursor that is not ours is a SyncCursorError, and no call is made', async () => {
    const host = populateHost();
    await host.drain();
    const token = await host.token();
    const encode = (value: unknown) => `ncs1.${Buffer.from(JSON.stringify(value)).toString('base64url')}`;
    const good = JSON.parse(Buffer.from(host.cursor!.slice(5), 'base64url').toString()) as Record<string, unknown>;
    const calls = sandbox.requests.length;
    for (const bad of [
      'garbage',
      'ncs1.%%%',
      'ncs2.' + host.cursor!.slice(5),
      encode({ ...good, v: 2 }),
      encode({ ...good, known: { yesterday: ['x'] } }),
      encode({ ...good, walk: { since: null, offset: -1, last: null, seen: [], newest: '' } }),
      encode([1, 2, 3]),
    ]) {
      await assert.rejects(syncTransactions(client, token, { cursor: bad }), SyncCursorError, bad);
    }
    await assert.rejects(
      syncTransactions(client, token, { cursor: host.cursor, accounts: ['other'] }),
      (error: unknown) => error instanceof NrichError && error.code === 'invalid_cursor' && !error.retryable,
    );
    assert.equal(sandbox.requests.length, calls, 'refused before any call');
  });
});
