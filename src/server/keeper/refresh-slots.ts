/**
 * At most `slots` refreshes in flight in this process: from the moment a refresh token is sent to the API until
 * the answer is stored (or the connection let go). The API rotates the token when it answers, so in that span the
 * connection's only valid refresh token is in this process's memory: a process killed then (SIGKILL, a lost
 * machine) takes those connections with it, and their users must connect again. The bound caps what one kill can
 * cost. A refresh past it waits with its lease held and before its API call, where dying costs nothing.
 *
 * The token store and the client are wrapped together: the client's `refreshToken` takes a slot, and the store's
 * `write` or `release` that ends the same hold (`tokens/refresh.ts`: every hold ends in exactly one) gives it
 * back. The refresh token sent names the hold, since the hold read it.
 */
import type { NrichClient } from '../client/client.js';
import type { TokenStore } from '../tokens/token-store.js';

type RefreshClient = Pick<NrichClient, 'refreshToken'>;

export function limitRefreshes(
  store: TokenStore,
  client: RefreshClient,
  slots: number,
): { store: TokenStore; client: RefreshClient } {
  let free = slots;
  const waiting: (() => void)[] = [];
  /** The refresh tokens sent (or being sent) that hold a slot, until their hold ends. */
  const inFlight = new Set<string>();
  const give = (refreshToken: string): void => {
    if (!inFlight.delete(refreshToken)) return;
    const next = waiting.shift();
    if (next) next();
    else free += 1;
  };

  const limitedClient: RefreshClient = {
    async refreshToken(refreshToken, options) {
      if (free > 0) free -= 1;
      else await new Promise<void>((resume) => waiting.push(resume));
      inFlight.add(refreshToken);
      return client.refreshToken(refreshToken, options);
    },
  };
  const limitedStore: TokenStore = {
    get scope() {
      return store.scope;
    },
    get encrypted() {
      return store.encrypted;
    },
    get: (key) => store.get(key),
    set: (key, tokens) => store.set(key, tokens),
    delete: (key) => store.delete(key),
    hold: (key) => store.hold(key),
    write: (hold, write) => store.write(hold, write).finally(() => give(hold.connection.tokens.refreshToken)),
    release: (hold) => store.release(hold).finally(() => give(hold.connection.tokens.refreshToken)),
    savePendingFlow: (flow) => store.savePendingFlow(flow),
    claimPendingFlow: (claim) => store.claimPendingFlow(claim),
    advancePendingFlow: (flowId, lease, step, tokens) => store.advancePendingFlow(flowId, lease, step, tokens),
    close: () => store.close(),
  };
  return { store: limitedStore, client: limitedClient };
}
