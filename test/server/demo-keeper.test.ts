// The demo backend runs the keeper as a host does (embedded: local queue, PGlite): a connected session is synced
// into the host's copy, `/api/sync` reports the keeper's last and next sync and that copy, and when the sandbox's
// clock moves past the next sync the new transactions (a pending one that booked: removed + added) are there,
// exactly as the sandbox's ground truth lists them. The time-lapse that moves the clock under `npm start` holds
// while a widget link is open and runs only while a page watches; its offset survives a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServices, type DemoServices } from '../../demo/backend/config.js';
import { startTimeLapse } from '../../demo/backend/time-lapse.js';
import { listen, type LocalServer } from './support/local-servers.js';
import { completeWidget, HOUR } from './support/sandbox.js';
import { until } from '../support/until.js';

const REDIRECT_URI = 'http://localhost:5173/';

interface SyncBody {
  status: string;
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  now: string;
  timeLapse: unknown;
  transactions: { transaction_id: string; status?: string }[];
}

describe('the demo backend keeps its connections with the keeper', () => {
  let services: DemoServices;
  let server: LocalServer;
  let cookie: string | undefined;

  const request = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0];
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const sync = async () => {
    const answer = await request('/api/sync?count=500');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body as unknown as SyncBody;
  };
  /** The connection's transactions the API lists now (pending ones included), by the sandbox's own record. */
  const listed = (flowId: string) =>
    services
      .sandbox!.groundTruth(flowId)
      .filter((tx) => tx.listed)
      .map((tx) => tx.transaction_id)
      .sort();
  const ids = (body: SyncBody) => body.transactions.map((tx) => tx.transaction_id).sort();

  before(async () => {
    // A clock the test holds; the time-lapse is off (`npm start` turns it on), so time moves only when told.
    const time = Date.UTC(2025, 0, 15, 9, 0, 0);
    services = await startDemoServices({ redirectUris: [REDIRECT_URI], env: {}, now: () => time });
    server = await listen((req, res) => services.middleware(req, res));
  });
  after(async () => {
    await server.close();
    await services.close();
  });

  test('no connection: 401; connected: synced at once, the host copy is what the API lists', async () => {
    assert.equal((await request('/api/sync')).status, 401);
    const link = await request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 's1' });
    const query = await completeWidget(services.apiUrl, String(link.body.location));
    const exchanged = await request('/api/exchange', { code: query.code, state: query.state, flow_id: query.flow_id });
    assert.equal(exchanged.status, 200);
    const flowId = String(query.flow_id);

    const first = await sync();
    assert.equal(first.status, 'synced');
    assert.equal(first.lastSyncedAt, first.now, 'synced when connected (the clock has not moved)');
    assert.equal(Date.parse(first.nextSyncAt!) - Date.parse(first.lastSyncedAt!), 6 * HOUR);
    assert.equal(first.timeLapse, null);
    assert.ok(first.transactions.length > 10);
    assert.deepEqual(ids(first), listed(flowId));
    assert.ok(
      first.transactions.some((tx) => tx.status === 'pending'),
      'pending ones are in the copy, marked pending',
    );

    // Past the next sync: autosync brought new transactions, and the keeper fetched them by itself.
    services.sandbox!.clock.advance(6 * HOUR + 60_000);
    await until(async () => (await sync()).lastSyncedAt !== first.lastSyncedAt, 'the second sync', 20_000);
    const second = await sync();
    const arrived = ids(second).filter((id) => !ids(first).includes(id));
    assert.ok(arrived.length > 0, 'new transactions arrived');
    assert.deepEqual(ids(second), listed(flowId));

    // Two days on (8 syncs): pending ones booked under new ids or disappeared; the copy follows, each once.
    for (let sync = 0; sync < 8; sync++) {
      const before = (await request('/api/sync')).body.lastSyncedAt;
      services.sandbox!.clock.advance(6 * HOUR);
      await until(async () => (await request('/api/sync')).body.lastSyncedAt !== before, `sync ${sync}`, 20_000);
    }
    const later = await sync();
    const truth = services.sandbox!.groundTruth(flowId);
    const booked = truth.filter((tx) => tx.replaces !== undefined && tx.listed);
    assert.ok(booked.length > 0, 'a pending transaction booked meanwhile');
    for (const tx of booked) {
      assert.ok(ids(later).includes(tx.transaction_id), 'the booked one is in the copy');
      assert.ok(!ids(later).includes(tx.replaces!), 'its pending one is gone');
    }
    assert.deepEqual(ids(later), listed(flowId));
    assert.equal(new Set(ids(later)).size, later.transactions.length, 'no transaction twice');
  });

  test('an access token refused on the way (a time-lapse step) is renewed once, and the page gets its data', async () => {
    services.sandbox!.fail({ path: '/rest/accounts', status: 401, body: '{"error":"invalid_token"}' });
    const answer = await request('/api/accounts');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(Array.isArray(answer.body.accounts));
  });

  test('a connection that lapsed (91 days unseen) is answered 401 reconnect, once the keeper finds it', async () => {
    services.sandbox!.clock.advance(91 * 24 * HOUR);
    await until(async () => (await request('/api/sync')).status === 401, 'the lapse reported', 20_000);
    const answer = await request('/api/sync');
    assert.equal(answer.body.error, 'reconnect');
  });

  test('a bad count is refused', async () => {
    const answer = await request('/api/sync?count=0');
    assert.deepEqual([answer.status, answer.body.error], [400, 'invalid_count']);
  });
});

describe('under npm start (the time-lapse on)', () => {
  test('a watching page sees transactions arrive with nobody moving the clock', async () => {
    // One sandbox hour every second here (5 s under `npm start`): the same code, sooner. Not much sooner: each
    // step ages every access token by an hour, its whole life, so a sync must fit between two steps.
    const services = await startDemoServices({ redirectUris: [REDIRECT_URI], env: {}, timeLapseEveryMs: 1_000 });
    const server = await listen((req, res) => services.middleware(req, res));
    let cookie: string | undefined;
    const request = async (path: string, body?: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const set = response.headers.getSetCookie()[0];
      if (set) cookie = set.split(';')[0];
      return (await response.json()) as Record<string, unknown> & Partial<SyncBody>;
    };
    try {
      const link = await request('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 's1' });
      const query = await completeWidget(services.apiUrl, String(link.location));
      await request('/api/exchange', { code: query.code, state: query.state, flow_id: query.flow_id });
      const first = await request('/api/sync?count=500');
      assert.deepEqual(first.timeLapse, { stepMs: HOUR, everyMs: 1_000, running: true });
      const seen = new Set(first.transactions!.map((tx) => tx.transaction_id));
      // Each poll is a page watching; the clock moves, autosync and the keeper run, and something new arrives.
      await until(
        async () => (await request('/api/sync?count=500')).transactions!.some((tx) => !seen.has(tx.transaction_id)),
        'a transaction arriving by itself',
        60_000,
      );
      const later = await request('/api/sync?count=500');
      assert.ok(Date.parse(later.lastSyncedAt!) > Date.parse(first.lastSyncedAt!), 'synced again since');
    } finally {
      await server.close();
      await services.close();
    }
  });
});

describe('the time-lapse', () => {
  const fakeClock = () => {
    let offset = 0;
    return { advance: (ms: number) => (offset += ms), state: () => ({ offset }) };
  };

  test('moves only while a page watches and no widget link is open; an exchange frees the clock', () => {
    let real = 1_000_000;
    const clock = fakeClock();
    const lapse = startTimeLapse({ clock, everyMs: 3_600_000, realNow: () => real });
    try {
      assert.equal(lapse.tick(), false, 'nobody watching');
      lapse.watched();
      assert.equal(lapse.tick(), true);
      assert.equal(clock.state().offset, HOUR);
      lapse.linkOpened();
      assert.equal(lapse.tick(), false, 'a link is open');
      assert.equal(lapse.state().running, false);
      lapse.exchanged();
      assert.equal(lapse.tick(), true);
      // A link never exchanged (the user canceled) holds the clock ten minutes at most.
      lapse.linkOpened();
      real += 9 * 60_000;
      lapse.watched();
      assert.equal(lapse.tick(), false);
      real += 2 * 60_000;
      lapse.watched();
      assert.equal(lapse.tick(), true);
      // A page that stopped asking is no longer watching.
      real += 60_000;
      assert.equal(lapse.tick(), false);
      assert.equal(clock.state().offset, 3 * HOUR);
    } finally {
      lapse.stop();
    }
  });

  test('the offset is saved in the data directory and restored on the next start', () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'nrich-lapse-'));
    try {
      const first = startTimeLapse({ clock: fakeClock(), everyMs: 3_600_000, dataDirectory });
      first.watched();
      first.tick();
      first.tick();
      first.stop();
      const clock = fakeClock();
      startTimeLapse({ clock, everyMs: 3_600_000, dataDirectory }).stop();
      assert.equal(clock.state().offset, 2 * HOUR);
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  });
});
