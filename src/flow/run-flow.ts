/**
 * One bank connection attempt, from the IBAN check to its outcome: a function that returns how the flow ended.
 * The element calls it after a click (this module loads on first interaction) and owns the AbortController:
 * aborting with an `AbortReason` ends the flow with that `abort` at once. Nothing calls back into the element but
 * `onOpen`, which shows the widget and says which window it runs in.
 */
import type { AbortReason, Mode } from '../events.js';
import { ibanProblem, ibanProblemMessages, parseIban } from '../iban.js';
import type { LinkRequest } from '../protocol/link.js';
import { ConnectError } from './connect-error.js';
import { requestLink, type LinkSource } from './link-request.js';
import { redirectToWidget } from '../windows/redirect.js';
import { decideOutcome, type Outcome } from './outcome.js';
import { nextWidgetResult, type ResultChannel, type WidgetWindow } from './widget-messages.js';

export type { WidgetWindow };

export interface FlowInput {
  source: LinkSource;
  /** The link request without `accounts`: those come from the IBAN field, once it is checked. */
  request: Omit<LinkRequest, 'accounts'>;
  /** What the IBAN field holds, as typed; `ibanRequired` makes an empty one invalid. */
  iban: string;
  ibanRequired: boolean;
  /** Extra `{ id }` entries after the IBAN. */
  accounts: { id: string }[];
  /** How the widget is shown (a blocked popup has already fallen back to `overlay`). */
  mode: Mode;
}

/** A checked widget link, ready to show. */
export interface WidgetToShow {
  flow_id: string;
  state: string;
  mode: Mode;
  location: URL;
}

export interface FlowHooks {
  /**
   * Shows the widget (overlay, inline, popup) and resolves with the window its result will come from; in redirect
   * mode it only announces it, and the flow then leaves the page.
   */
  onOpen(widget: WidgetToShow): WidgetWindow | Promise<WidgetWindow>;
}

const channels: Record<Mode, ResultChannel> = { overlay: 'frame', inline: 'frame', popup: 'relay', redirect: 'none' };
const abortReasons: readonly AbortReason[] = ['widget', 'dismissed', 'host', 'popup-closed'];

/**
 * Runs the flow to its one outcome. Never rejects: a failure is an `error` outcome, and an exception nobody
 * expected is `internal`, not dressed up as anything else. Everything it installs is released before it returns.
 */
export async function runFlow(input: FlowInput, signal: AbortSignal, { onOpen }: FlowHooks): Promise<Outcome> {
  const flow: { state: string; flow_id?: string } = { state: input.request.state };
  const release = new AbortController();
  const aborted = (): Outcome => {
    const reason = abortReasons.includes(signal.reason) ? (signal.reason as AbortReason) : 'host';
    return { type: 'abort', state: flow.state, ...(flow.flow_id ? { flow_id: flow.flow_id } : {}), reason };
  };
  try {
    if (signal.aborted) return aborted();
    const whenAborted = new Promise<Outcome>((resolve) =>
      signal.addEventListener('abort', () => resolve(aborted()), { once: true, signal: release.signal }),
    );
    const scope = AbortSignal.any([signal, release.signal]);
    return await Promise.race([steps(input, flow, scope, onOpen), whenAborted]);
  } catch (error) {
    if (signal.aborted) return aborted();
    if (error instanceof ConnectError) {
      const { code, message, status } = error;
      return { type: 'error', code, message, ...(status ? { status } : {}), ...flowIdOf(flow) };
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { type: 'error', code: 'internal', message: `Unexpected error in the flow: ${message}`, ...flowIdOf(flow) };
  } finally {
    release.abort();
  }
}

async function steps(
  input: FlowInput,
  flow: { state: string; flow_id?: string },
  signal: AbortSignal,
  onOpen: FlowHooks['onOpen'],
): Promise<Outcome> {
  const problem = ibanProblem(input.iban, input.ibanRequired);
  if (problem) return { type: 'error', code: 'invalid-iban', message: ibanProblemMessages[problem] };
  const iban = parseIban(input.iban);
  const accounts = [...(iban ? [{ id: iban }] : []), ...input.accounts];
  const link = await requestLink(input.source, { ...input.request, ...(accounts.length ? { accounts } : {}) }, signal);
  const pending = { state: flow.state, flow_id: link.id };
  flow.flow_id = link.id;

  // Listening starts before the widget is shown; the window to trust is known once it is.
  let widgetWindow: WidgetWindow = () => null;
  const result = nextWidgetResult(channels[input.mode], link.location.origin, () => widgetWindow(), flow.state, signal);
  widgetWindow = await onOpen({ ...pending, mode: input.mode, location: link.location });
  if (input.mode === 'redirect') redirectToWidget(link.location, pending);
  return decideOutcome(await result, pending);
}

function flowIdOf(flow: { flow_id?: string }): { flow_id?: string } {
  return flow.flow_id ? { flow_id: flow.flow_id } : {};
}
