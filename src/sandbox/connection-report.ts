/** One connection as the sandbox knows it: who, since when, until when its consent runs, its counters and ledger. */
import type { SandboxContext } from './router.js';
import type { ConnectionCounters } from './counters.js';
import { consentExpiresAt } from './store.js';
import { ledgerOf, truthOf, type TruthTransaction } from './ledger.js';

export interface ConnectionReport {
  connection_id: string;
  /** The flow endpoint it came from, e.g. `ongoing/access`. */
  kind: string;
  user_id: string | undefined;
  connected_at: string;
  /** Ongoing connections: when the bank consent ends (the data routes then answer 403 `consent_expired`). */
  consent_expires_at: string | undefined;
  counters: ConnectionCounters;
  /** Every transaction ever created for it, with its state history, in arrival order. */
  transactions: TruthTransaction[];
}

export function connectionReport(ctx: SandboxContext, id: string): ConnectionReport | undefined {
  const flow = ctx.store.flowById(id);
  if (flow?.completed?.outcome !== 'authorize') return undefined;
  const consentEnds = consentExpiresAt(flow);
  return {
    connection_id: flow.id,
    kind: flow.kind,
    user_id: flow.userId,
    connected_at: new Date(flow.completed.at).toISOString(),
    consent_expires_at: consentEnds === undefined ? undefined : new Date(consentEnds).toISOString(),
    counters: { ...ctx.counters.of(flow.id) },
    transactions: truthOf(ledgerOf(flow, ctx.now(), ctx.autosync)),
  };
}
