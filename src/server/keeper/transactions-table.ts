/**
 * The host's copy of every connection's transactions as a table in the keeper's own database: the keeper
 * keeps it, a host only reads it. Each page is written with the keeper's transaction (`context.tx`), so a
 * change lands together with the cursor that follows it, exactly once, whatever process dies when.
 *
 *   create table nrich_transactions (
 *     connection_key text, transaction_id text,   -- primary key: the token store's key and the API's id
 *     account_id text, status text,                -- 'booked' or 'pending' (as listed; null if the API omits it)
 *     booking_date text, transaction jsonb,        -- the transaction as the API listed it, fields untouched
 *     changed_at timestamptz                       -- when the keeper last wrote the row
 *   )
 *
 * A pending transaction that books under a new id is deleted and its booked successor inserted; a listed
 * transaction that changed is overwritten. Pass your own hook instead (or call this one from it) to keep more.
 */
import { NrichConfigError } from '../errors.js';
import type { SqlDatabase } from '../tokens/stores/sql-database.js';
import type { Transaction } from '../types.js';
import type { ChangesContext, ChangesPage } from './types.js';

/** Where `transactionsTable` keeps the transactions. */
export interface TransactionsTableOptions {
  /** The table's name (created when missing). Default `nrich_transactions`. */
  table?: string;
}

/** Creates the table when missing and answers the keeper's `onChanges` that keeps it. */
export async function transactionsTable(
  database: SqlDatabase,
  options: TransactionsTableOptions = {},
): Promise<
  (
    page: ChangesPage<Transaction | { transaction_id: string; account_id: string }>,
    context: Pick<ChangesContext, 'key' | 'tx'>,
  ) => Promise<void>
> {
  const table = options.table ?? 'nrich_transactions';
  // Interpolated into SQL below: only a plain lower-case identifier is taken.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(table)) {
    throw new NrichConfigError('table', 'must be a lower-case SQL name (letters, digits, _).');
  }
  await database.transaction(async (tx) => {
    // Many workers start at once: one creates the table, the others wait and find it.
    await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`nrich_table_${table}`]);
    await tx.query(
      `create table if not exists ${table} (
         connection_key text not null,
         transaction_id text not null,
         account_id text,
         status text,
         booking_date text,
         transaction jsonb not null,
         changed_at timestamptz not null default now(),
         primary key (connection_key, transaction_id)
       )`,
    );
  });

  return async (page, { key, tx }) => {
    for (const listed of [...page.added, ...page.modified]) {
      const transaction: Partial<Transaction> & { transaction_id: string } = listed;
      // An upsert: a page handed over again (a callback that threw, then the same cursor) changes nothing.
      await tx.query(
        `insert into ${table} (connection_key, transaction_id, account_id, status, booking_date, transaction)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (connection_key, transaction_id) do update set account_id = excluded.account_id,
           status = excluded.status, booking_date = excluded.booking_date, transaction = excluded.transaction,
           changed_at = now()`,
        [
          key,
          transaction.transaction_id,
          transaction.account_id,
          typeof transaction.status === 'string' ? transaction.status : null,
          typeof transaction.booking_date === 'string' ? transaction.booking_date : null,
          JSON.stringify(transaction),
        ],
      );
    }
    for (const { transaction_id } of page.removed) {
      await tx.query(`delete from ${table} where connection_key = $1 and transaction_id = $2`, [key, transaction_id]);
    }
  };
}
