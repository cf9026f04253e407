/**
 * What the SQL store needs from a PostgreSQL connection: parameterized queries and transactions. The two
 * drivers (`pg` for a server, PGlite for the embedded store) adapt to it in a few lines each, so the store's
 * SQL is written once.
 */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface SqlDatabase extends SqlQueryable {
  /** Names the data, not the connection: equal for two pools on one database, or two handles on one directory. */
  readonly scope: string;
  /**
   * True when other processes may use the same database (a server); row leases order writers either way.
   * False for the embedded store, which only one process opens: its in-process lock is enough, and holding a
   * transaction across an API call would stall every other query on its single connection.
   */
  readonly shared: boolean;
  /** Runs `work` inside BEGIN … COMMIT on one connection; a throw rolls back. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
