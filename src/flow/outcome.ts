import type { AbortReason, ErrorDetail } from '../events.js';
import type { WidgetResult } from './widget-result.js';

/** How a flow ended: exactly one of these per flow, turned into one event by the element. */
export type Outcome =
  | { type: 'success'; code: string; state: string; flowId: string }
  | { type: 'abort'; state: string; flowId?: string; reason: AbortReason }
  | ({ type: 'error' } & ErrorDetail);

export interface PendingFlow {
  state: string;
  flowId: string;
}

/**
 * The security decision: a result only counts for the flow whose `state` (and flow id, when the widget names
 * one) it carries. A wrong state is an error and never a success.
 */
export function decideOutcome(result: WidgetResult, flow: PendingFlow): Outcome {
  const { state, flowId } = flow;
  if (result.state !== state || (result.flowId !== undefined && result.flowId !== flowId)) {
    return { type: 'error', code: 'state-mismatch', message: 'The widget result belongs to another flow.', flowId };
  }
  if (result.success && result.code) return { type: 'success', code: result.code, state, flowId };
  if (result.abort) return { type: 'abort', state, flowId, reason: 'widget' };
  return { type: 'error', code: 'flow-failed', message: 'The bank connection did not succeed.', flowId };
}
