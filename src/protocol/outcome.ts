import type { AbortDetail, ErrorDetail, SuccessDetail } from './details.js';
import type { WidgetResult } from './widget-result.js';

/** How a flow ended: exactly one of these per flow, turned into one event (its detail, field for field). */
export type Outcome =
  ({ type: 'success' } & SuccessDetail) | ({ type: 'abort' } & AbortDetail) | ({ type: 'error' } & ErrorDetail);

/** The flow a result must belong to. */
export interface PendingFlow {
  state: string;
  flow_id: string;
}

/**
 * The security decision: a result only counts for the flow whose `state` (and flow id, when the widget names
 * one) it carries. A wrong state is an error and never a success.
 */
export function decideOutcome(result: WidgetResult, flow: PendingFlow): Outcome {
  const { state, flow_id } = flow;
  if (result.state !== state || (result.flow_id !== undefined && result.flow_id !== flow_id)) {
    return { type: 'error', code: 'state-mismatch', message: 'The widget result belongs to another flow.', flow_id };
  }
  if (result.success && result.code) return { type: 'success', code: result.code, state, flow_id };
  if (result.abort) return { type: 'abort', state, flow_id, reason: 'widget' };
  return { type: 'error', code: 'flow-failed', message: 'The bank connection did not succeed.', flow_id };
}
