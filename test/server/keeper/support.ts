/**
 * What the keeper tests share: a keeper database on PGlite (in memory) or on the test PostgreSQL, a host that
 * records what it is handed, and a drain that runs the keeper until nothing is due.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { databaseFromPGlite, databaseFromPgPool, type Keeper } from '../../../src/server/keeper/index.js';
import type { ChangesPage, NeedsUserNotice } from '../../../src/server/keeper/index.js';
import type { SqlDatabase } from '../../../src/server/index.js';
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

/** What a host received: every page once per idempotency key, and the notices. */
export class RecordingHost<T extends { transaction_id: string }> {
  readonly added = new Map<string, number>();
  readonly modified: T[] = [];
  readonly notices: NeedsUserNotice[] = [];
  readonly pages = new Set<string>();
  duplicatePages = 0;

  onChanges = async (page: ChangesPage<T>, context: { idempotencyKey: string }): Promise<void> => {
    if (this.pages.has(context.idempotencyKey)) this.duplicatePages += 1;
    this.pages.add(context.idempotencyKey);
    for (const tx of page.added) this.added.set(tx.transaction_id, (this.added.get(tx.transaction_id) ?? 0) + 1);
    this.modified.push(...page.modified);
  };

  onNeedsUser = (notice: NeedsUserNotice): void => {
    this.notices.push(notice);
  };
}

/** Dispatches what is due and waits until the keeper's queue is empty and nothing is due. */
export async function drain(keeper: Keeper, what = 'the keeper drains'): Promise<void> {
  await keeper.dispatch();
  await until(async () => (await keeper.backlog()) === 0, what, 60_000);
}
