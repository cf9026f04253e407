/**
 * The stores' schema, created and moved forward by the kit: numbered migrations, applied in order, each once,
 * recorded in `nrich_schema_migrations`. Several processes starting at once take turns on an advisory lock.
 * A migration is never edited once released: a change is a new, higher number.
 *
 * Token columns are `text` (unbounded): the docs give no length, and sealing adds a third plus a header.
 */
import type { SqlDatabase } from './sql-database.js';
import { TokenStoreError } from '../store-error.js';

interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'connections and pending flows',
    statements: [
      `CREATE TABLE nrich_connections (
        key text PRIMARY KEY,
        access_token text NOT NULL,
        refresh_token text NOT NULL,
        expires_at timestamptz NOT NULL,
        refresh_expires_at timestamptz,
        scope text,
        token_type text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'needs_reauthorization')),
        status_reason text,
        version bigint NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE nrich_pending_flows (
        flow_id text PRIMARY KEY,
        state_hash text NOT NULL,
        owner text NOT NULL,
        redirect_uri text NOT NULL,
        kind text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      'CREATE INDEX nrich_pending_flows_expires_at ON nrich_pending_flows (expires_at)',
    ],
  },
  {
    version: 2,
    name: 'pending flows can be finished again',
    // A flow used before this version reads as exchanged-unknown: it stays spent (409), as it was.
    statements: [
      `ALTER TABLE nrich_pending_flows
        ADD COLUMN exchanged_at timestamptz,
        ADD COLUMN finished_at timestamptz,
        ADD COLUMN lease text,
        ADD COLUMN lease_until timestamptz`,
    ],
  },
  {
    version: 3,
    name: 'refresh leases',
    // A refresh claims the row (refresh_lease, lapsing at refresh_lease_until) instead of holding a row lock
    // across the API call; written_by names the claim whose write landed, so a retried write recognizes it.
    statements: [
      `ALTER TABLE nrich_connections
        ADD COLUMN refresh_lease text,
        ADD COLUMN refresh_lease_until timestamptz,
        ADD COLUMN written_by text`,
    ],
  },
  {
    version: 4,
    name: 'pending flows hold their tokens until stored',
    // An exchanged flow keeps its sealed tokens until finished, so a failing store write loses nothing. A flow
    // exchanged before this version had its tokens stored already.
    statements: [
      'ALTER TABLE nrich_pending_flows ADD COLUMN tokens text, ADD COLUMN stored_at timestamptz',
      'UPDATE nrich_pending_flows SET stored_at = exchanged_at WHERE exchanged_at IS NOT NULL',
    ],
  },
  {
    version: 5,
    name: 'the bank consent end',
    // From the token response (`consent_expires_at`) when it says so; unknown for connections stored before.
    statements: ['ALTER TABLE nrich_connections ADD COLUMN consent_expires_at timestamptz'],
  },
];

/** An arbitrary constant: the advisory lock's id, the same in every process of every host. */
const MIGRATION_LOCK = 7_316_418_590;

/** Brings the schema to the newest version; answers the version it is at. */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS nrich_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const [row] = await tx.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM nrich_schema_migrations',
    );
    const applied = Number(row?.version ?? 0);
    if (applied > latest) {
      throw new TokenStoreError(
        'schema_too_new',
        `The database schema is at version ${applied}; this version of nrich-connect knows up to ${latest}. Upgrade the kit.`,
      );
    }
    for (const migration of migrations) {
      if (migration.version <= applied) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO nrich_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
    }
    return latest;
  });
}
