/**
 * What the keeper tests share: a keeper database on PGlite (in memory) or on the test PostgreSQL, a host that
 * records what it is handed, and a drain that runs the keeper until nothing is due.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { databaseFromPGlite, databaseFromPgPool, type Keeper } from '../../../src/server/keeper/index.js';
import type { ChangesPage, NeedsUserNotice } from '../../../src/server/keeper/index.js';
import type { SqlDatabase } from '../../../src/server/store.js';
import type { TruthTransaction } from 'nrich-connect/sandbox';
import { until } from '../../support/until.js';

export const DAY = 86_400_000;

export async function memoryDatabase(): Promise<SqlDatabase> {
  return databaseFromPGlite(await PGlite.create());
}

/** A fresh database on the test PostgreSQL (NRICH_TEST_POSTGRES_URL), and its URL. */
export async function postgresDatabase(): Promise<{ database: SqlDatabase; url: string; drop(): Promise<void> }> {
  const base = process.env.NRICH_TEST_POSTGRES_URL;
  if (!base) throw new Error('NRICH_TEST_POSTGRES_URL is not set: run under test/server/support/with-postgres.ts');
  const name = `keeper_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = databaseFromPgPool(new pg.Pool({ connectionString: url.href, max: 5 }), url.href);
  return {
    database,
    url: url.href,
    async drop() {
      await database.close();
      const again = new pg.Client({ connectionString: base });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/** What a host received, per connection: ids added and removed (with counts), pages, notices. */
export class RecordingHost {
  readonly added = new Map<string, number>();
  readonly removed = new Map<string, number>();
  readonly byKey = new Map<string, Set<string>>();
  readonly notices: NeedsUserNotice[] = [];
  readonly pages = new Set<string>();
  duplicatePages = 0;

  onChanges = async (
    page: ChangesPage<{ transaction_id: string }>,
    context: { key: string; idempotencyKey: string },
  ) => {
    if (this.pages.has(context.idempotencyKey)) this.duplicatePages += 1;
    this.pages.add(context.idempotencyKey);
    let held = this.byKey.get(context.key);
    if (!held) this.byKey.set(context.key, (held = new Set()));
    for (const tx of page.added) {
      this.added.set(tx.transaction_id, (this.added.get(tx.transaction_id) ?? 0) + 1);
      held.add(tx.transaction_id);
    }
    for (const tx of page.removed) {
      this.removed.set(tx.transaction_id, (this.removed.get(tx.transaction_id) ?? 0) + 1);
      held.delete(tx.transaction_id);
    }
  };

  onNeedsUser = (notice: NeedsUserNotice): void => {
    this.notices.push(notice);
  };
}

/**
 * Compares what a host holds for one connection with the sandbox's ground truth, right after a sync: it holds
 * exactly what the API lists now; every booked transaction that had been pending under another id is held;
 * every pending one it was given and that booked or disappeared was removed.
 */
export function truthProblems(
  key: string,
  truth: TruthTransaction[],
  held: ReadonlySet<string>,
  added: ReadonlyMap<string, number>,
  removed: ReadonlyMap<string, number>,
): string[] {
  const problems: string[] = [];
  const listed = new Set(truth.filter((tx) => tx.listed).map((tx) => tx.transaction_id));
  for (const id of listed) if (!held.has(id)) problems.push(`${key}: ${id} listed by the API, not held`);
  for (const id of held) if (!listed.has(id)) problems.push(`${key}: ${id} held, not listed by the API`);
  for (const tx of truth) {
    const id = tx.transaction_id;
    if ((added.get(id) ?? 0) > 1) problems.push(`${key}: ${id} added ${added.get(id)} times`);
    if ((removed.get(id) ?? 0) > 1) problems.push(`${key}: ${id} removed ${removed.get(id)} times`);
    const ended = tx.history.at(-1)?.state;
    if (tx.history.length > 1 && added.has(id) && ended !== 'pending' && removed.get(id) !== 1) {
      problems.push(`${key}: pending ${id} ${ended ?? ''} but not removed`);
    }
  }
  return problems;
}

/** Dispatches what is due and waits until the keeper's queue is empty and nothing is due. */
export async function drain(keeper: Keeper, what = 'the keeper drains'): Promise<void> {
  await keeper.dispatch();
  await until(async () => (await keeper.backlog()) === 0, what, 60_000);
}
