/**
 * What the sandbox counts, per connection and in all: the numbers a keeper's bench compares against (refreshes,
 * reuses of an already-rotated refresh token, API calls, calls the rate limit answered). Counting only: nothing
 * here changes an answer.
 */

export interface ConnectionCounters {
  /** Successful `grant_type=refresh_token` calls. */
  refreshes: number;
  /** Refresh calls with a refresh token that had already been rotated away (answered `invalid_grant`). */
  doubleRefreshes: number;
  /** API calls made with this connection's access or refresh token that reached the API (not rate limited). */
  apiCalls: number;
  /** Calls with this connection's access token that the rate limit answered. */
  limitedCalls: number;
}

export interface CounterTotals extends ConnectionCounters {
  /** Every call to an API route (flow starts, `/auth/token`, `/rest/...`) that the rate limit let through. */
  apiCalls: number;
  /** Every call the rate limit answered, whoever made it. */
  limitedCalls: number;
}

const zero = (): ConnectionCounters => ({ refreshes: 0, doubleRefreshes: 0, apiCalls: 0, limitedCalls: 0 });

export class Counters {
  readonly totals: CounterTotals = zero();
  private readonly byConnection = new Map<string, ConnectionCounters>();

  of(connectionId: string): ConnectionCounters {
    let counters = this.byConnection.get(connectionId);
    if (!counters) {
      counters = zero();
      this.byConnection.set(connectionId, counters);
    }
    return counters;
  }

  /** A copy of every connection's counters (only connections that were counted at all). */
  all(): Record<string, ConnectionCounters> {
    return Object.fromEntries([...this.byConnection].map(([id, counters]) => [id, { ...counters }]));
  }

  /** A call the rate limit let through to an API route (whoever made it). */
  apiCall(): void {
    this.totals.apiCalls += 1;
  }

  /** That call carried this connection's access or refresh token. */
  connectionCall(connectionId: string): void {
    this.of(connectionId).apiCalls += 1;
  }

  limited(connectionId: string | undefined): void {
    this.totals.limitedCalls += 1;
    if (connectionId !== undefined) this.of(connectionId).limitedCalls += 1;
  }

  refreshed(connectionId: string): void {
    this.totals.refreshes += 1;
    this.of(connectionId).refreshes += 1;
  }

  doubleRefresh(connectionId: string): void {
    this.totals.doubleRefreshes += 1;
    this.of(connectionId).doubleRefreshes += 1;
  }
}
