// The keeper's own table of the host's transactions (`transactionsTable`): kept equal to what the API lists,
// pending → booked included, written in the keeper's transaction (a page that fails leaves no row behind and
// lands once when it comes again), created once when many workers start together on real PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, NrichConfigError, saveTokenResponse } from '../../../src/server/index.js';
import { createKeeper, transactionChanges, transactionsTable } from '../../../src/server/keeper/index.js';
import { useSandbox } from '../support/sandbox.js';
import { DAY, drain, memoryDatabase, postgresDatabase } from './support.js';

const sandbox = useSandbox();

test('over 40 days of autosync the table holds exactly what the API lists, each booked transaction with its status', async () => {
  const database = await memoryDatabase();
  const store = new MemoryTokenStore();
  const table = await transactionsTable(database);
  let failing: string | undefined;
  const leftBehind: number[] = [];
  const keeper = createKeeper({
    store,
    client: sandbox.client,
    fetchChanges: transactionChanges(sandbox.client),
    database,
    queue: { kind: 'local', concurrency: 4, retryLimit: 1_000, retryDelaySeconds: 0.01 },
    schedule: { syncEveryMs: DAY },
    now: sandbox.clock.now,
    dispatchEveryMs: 3_600_000, // the test dispatches itself
    async onChanges(page, context) {
      if (context.key !== failing) return table(page, context);
      // What the earlier attempts left behind, then this attempt's rows; a host step after them fails three
      // times: each time they must roll back with the cursor.
      const [row] = await context.tx.query<{ n: number }>(
        `select count(*)::int as n from nrich_transactions where connection_key = $1`,
        [context.key],
      );
      leftBehind.push(row!.n);
      await table(page, context);
      if (leftBehind.length <= 3) throw new Error('the host failed after the table was written');
    },
  });
  await keeper.start();
  try {
    const keys: string[] = [];
    for (const { connectionId, tokens } of sandbox.sandbox.populate({ connections: 6 })) {
      await saveTokenResponse(store, connectionId, tokens, sandbox.clock.now);
      await keeper.track(connectionId);
      keys.push(connectionId);
    }
    failing = keys[0];
    await drain(keeper);
    assert.deepEqual(leftBehind.slice(0, 4), [0, 0, 0, 0], 'a page that failed left no row behind');

    for (let day = 1; day <= 40; day++) {
      sandbox.clock.advance(DAY);
      await drain(keeper);
    }
    for (const key of keys) await keeper.track(key); // sync everyone now, to compare with the API's list
    await drain(keeper);

    let booked = 0;
    for (const key of keys) {
      const rows = await database.query<{ transaction_id: string; status: string | null }>(
        `select transaction_id, status from nrich_transactions where connection_key = $1`,
        [key],
      );
      const listed = sandbox.sandbox.groundTruth(key).filter((tx) => tx.listed);
      assert.deepEqual(
        rows.map((row) => row.transaction_id).sort(),
        listed.map((tx) => tx.transaction_id).sort(),
        `${key}: the table holds what the API lists`,
      );
      const state = new Map(listed.map((tx) => [tx.transaction_id, tx.history.at(-1)!.state]));
      for (const row of rows) assert.equal(row.status, state.get(row.transaction_id), `${key}: status`);
      booked += listed.filter((tx) => tx.replaces !== undefined).length;
    }
    assert.ok(booked > 0, 'pending transactions that booked are among them');
  } finally {
    await keeper.stop();
    await database.close();
  }
});

test('the table is created once when workers start together on PostgreSQL; a name that is not a plain SQL name is refused', async () => {
  const { database, drop } = await postgresDatabase();
  try {
    await Promise.all(Array.from({ length: 6 }, () => transactionsTable(database, { table: 'host_transactions' })));
    const [row] = await database.query<{ n: number }>(
      `select count(*)::int as n from information_schema.tables where table_name = 'host_transactions'`,
    );
    assert.equal(row?.n, 1);
    for (const table of ['Transactions', 'x; drop table y', '1st', '']) {
      await assert.rejects(transactionsTable(database, { table }), NrichConfigError, table);
    }
  } finally {
    await drop();
  }
});
