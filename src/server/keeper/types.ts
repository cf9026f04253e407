/**
 * What a host gives the keeper and what the keeper hands back. The keeper keeps every ongoing connection
 * alive (renews its refresh token well before the 90 days are over), fetches its changes on the host's
 * cadence, and tells the host about connections only the user can fix: once, and ahead of time when the date
 * is known.
 */
import type { SqlQueryable } from '../tokens/stores/sql-database.js';

/** One page of changes since a cursor: the shape of `syncTransactions`. */
export interface ChangesPage<T = unknown> {
  added: T[];
  modified: T[];
  removed: T[];
  /** Where the next call resumes. */
  cursor: string;
  /** More pages wait right now: the keeper asks again at once. */
  hasMore: boolean;
}

/**
 * Fetches one page of a connection's changes after `cursor` (undefined: from the start) with this access
 * token. Adapt the kit's `syncTransactions` to it.
 */
export type FetchChanges<T = unknown> = (
  connection: { key: string; accessToken: string },
  cursor: string | undefined,
) => Promise<ChangesPage<T>>;

export interface ChangesContext {
  /** The connection's key in the token store. */
  key: string;
  /**
   * Equal for every delivery of the same page (the connection's key, the cursor it was fetched from and the one it ends at): a
   * callback that only sees at-least-once delivery drops a page whose key it has seen.
   */
  idempotencyKey: string;
  /**
   * The keeper's open transaction on the keeper's database, in which the new cursor is stored: rows written
   * with it commit together with the cursor or not at all, which is what makes delivery exactly once.
   */
  tx: SqlQueryable;
}

/** Why a connection needs its user: the host asks them to connect again with `<nrich-connect>`. */
export type NeedsUserReason =
  /** The API refused the refresh token (`invalid_grant`) or it lapsed: now. */
  | 'invalid_grant'
  | 'expired'
  /** The bank consent ends at `at` (about 180 days after connecting): ahead of time. */
  | 'consent_expiring'
  /** The bank consent has ended: now. */
  | 'consent_expired';

export interface NeedsUserNotice {
  key: string;
  reason: NeedsUserReason;
  /** When the consent ends (`consent_*`), in ms of the keeper's clock. */
  at?: number;
}

/** One finished sync, for metrics: how late it started against its schedule (keeper clock). */
export interface SyncReport {
  key: string;
  scheduledAt: number;
  startedAt: number;
  pages: number;
  added: number;
  modified: number;
  removed: number;
}

export interface KeeperHooks<T = unknown> {
  /**
   * A page of changes. Runs inside the transaction that stores the new cursor (`context.tx`): write the
   * changes with it for exactly-once delivery; a throw rolls back and the page comes again later.
   */
  onChanges(page: ChangesPage<T>, context: ChangesContext): Promise<void>;
  /** A connection needs its user. Called once per reason (until the user connects again); never retried. */
  onNeedsUser?(notice: NeedsUserNotice): Promise<void> | void;
  /**
   * A connection's work failed after every retry (dead-lettered), told once; the keeper tries again a day later.
   * `error` is the last attempt's error (on pg-boss, which keeps no objects across processes, an `Error` that
   * quotes its message, with `{ name, message, code? }` as `cause`).
   */
  onFailure?(key: string, error: unknown): void;
  /** A connection was renewed (its refresh token rotated by the keeper's own renewal). */
  onRenewed?(key: string, refreshExpiresAt: number | undefined): void;
  onSynced?(report: SyncReport): void;
}

export interface KeeperSchedule {
  /** Renew the refresh token when less than this is left of its 90 days. Default 30 days. */
  renewMarginMs?: number;
  /** Between two syncs of a connection; at least 6 hours (qwist's autosync runs up to 4 times a day). Default 6 h. */
  syncEveryMs?: number;
  /** How long the bank consent lasts after a connection is made. Default 180 days. */
  consentMs?: number;
  /** How long before the consent ends the host is told. Default 14 days. */
  consentNoticeMs?: number;
  /** How often a connection waiting for its user is checked for a reconnect (no API call). Default 1 hour. */
  recheckMs?: number;
}
