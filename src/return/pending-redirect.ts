import type { PendingFlow } from '../flow/outcome.js';

/**
 * Redirect mode leaves the page, so the flow it waits for is kept in `sessionStorage` (this tab only, gone with
 * it) until the user comes back to `redirect_uri`. It holds state and flow id: no code, no token.
 */
const key = 'nrich-connect:pending-redirect';

export function savePendingRedirect(flow: PendingFlow): void {
  sessionStorage.setItem(key, JSON.stringify({ state: flow.state, flow_id: flow.flow_id }));
}

/** The pending flow, removed from storage: a callback is accepted once at most. */
export function takePendingRedirect(): PendingFlow | null {
  const stored = sessionStorage.getItem(key);
  sessionStorage.removeItem(key);
  try {
    const flow = JSON.parse(stored ?? 'null') as Partial<PendingFlow> | null;
    return typeof flow?.state === 'string' && typeof flow.flow_id === 'string'
      ? { state: flow.state, flow_id: flow.flow_id }
      : null;
  } catch {
    return null;
  }
}

export function hasPendingRedirect(): boolean {
  return sessionStorage.getItem(key) !== null;
}
