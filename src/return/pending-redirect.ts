import type { PendingFlow } from '../protocol/outcome.js';

/**
 * Redirect mode leaves the page, so the flow it waits for is kept in `sessionStorage` (this tab only, gone with
 * it) until the user comes back to `redirect_uri`. One entry per flow, under its state: state, flow id, the mode
 * and the element that started it (`flow-key` or `id`). No code, no token.
 *
 * An entry is consumed only by the redirect-mode return that carries its state: a popup's callback page (which
 * gets a copy of the opener's sessionStorage) or a forged link leaves it alone.
 */
export interface PendingRedirect extends PendingFlow {
  mode: 'redirect';
  /** The element that started the flow, when it had a `flow-key` or an `id`. */
  flowKey?: string;
}

const prefix = 'nrich-connect:pending-redirect:';
/** Entries of flows that never came back (Back on the widget, a closed tab's copy) are dropped past this many. */
const maxEntries = 5;

export function savePendingRedirect(flow: Omit<PendingRedirect, 'mode'>): void {
  const entry: PendingRedirect = { state: flow.state, flow_id: flow.flow_id, mode: 'redirect' };
  if (flow.flowKey) entry.flowKey = flow.flowKey;
  const stale = Object.keys(sessionStorage).filter((key) => key.startsWith(prefix));
  for (const key of stale.slice(0, Math.max(0, stale.length - maxEntries + 1))) sessionStorage.removeItem(key);
  sessionStorage.setItem(prefix + flow.state, JSON.stringify(entry));
}

/** The redirect flow pending for this state, removed from storage: a callback is accepted once at most. */
export function takePendingRedirect(state: string | undefined): PendingRedirect | null {
  if (!state) return null;
  const stored = sessionStorage.getItem(prefix + state);
  sessionStorage.removeItem(prefix + state);
  try {
    const flow = JSON.parse(stored ?? 'null') as Partial<PendingRedirect> | null;
    if (flow?.mode !== 'redirect' || flow.state !== state || typeof flow.flow_id !== 'string') return null;
    return { state, flow_id: flow.flow_id, mode: 'redirect', ...(flow.flowKey ? { flowKey: flow.flowKey } : {}) };
  } catch {
    return null;
  }
}

/** Drops the entry of a flow that ended here (the page came back from the back/forward cache). */
export function forgetPendingRedirect(state: string): void {
  sessionStorage.removeItem(prefix + state);
}
