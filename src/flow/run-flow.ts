/**
 * One bank connection attempt, from the widget link to its outcome: a function that returns how the flow ended.
 * The element sends the link request in the click (send-link-request.ts), loads this module, and calls it with the
 * link on its way; it owns the AbortController: aborting with an `AbortReason` ends the flow with that `abort` at
 * once. This function calls back into the element once, `onOpen`, which shows the widget and says which window its
 * result comes from. (The element also hands callbacks to what it sets up itself around a flow: the popup's
 * watcher, `onClosedChange` / `onGiveUp`; the frame's load deadline; the preloader's hooks. Those are the
 * element's own parts, not this flow's.) Imports run one way, down: element -> flow -> windows -> return ->
 * protocol (.dependency-cruiser.mjs).
 */
import type { AbortReason, Mode } from '../events.js';
import { frameBlocked } from '../windows/frame-guard.js';
import { pageRestored, redirectToWidget } from '../windows/redirect.js';
import { forgetPendingRedirect } from '../return/pending-redirect.js';
import { ConnectError } from '../protocol/connect-error.js';
import type { CheckedLink } from './link-request.js';
import { decideOutcome, type Outcome } from '../protocol/outcome.js';
import { nextWidgetResult, type ResultChannel, type WidgetWindow } from './widget-messages.js';

export type { WidgetWindow };

/** The flow the element started: its state, how to show the widget, and the link already on its way. */
export interface FlowInput {
  /** Sent as `state` with the link request; the result must carry it back. */
  state: string;
  /** How the widget is shown (a blocked popup has already fallen back to `overlay`). */
  mode: Mode;
  /** The checked widget link (`readLink`); a rejection with a `ConnectError` ends the flow with its code. */
  link: Promise<CheckedLink>;
  /** Redirect mode: which element started the flow (its `flow-key` or `id`), for the page it returns to. */
  flowKey?: string;
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
const abortReasons: readonly unknown[] = ['widget', 'dismissed', 'host', 'popup-closed'] satisfies AbortReason[];

/** What the flow knows about itself so far: the id arrives with the widget link. */
interface FlowIds {
  state: string;
  flow_id?: string;
}

/**
 * Runs the flow to its one outcome. Never rejects: a failure is an `error` outcome, and an exception nobody
 * expected is `internal`, not dressed up as anything else. Everything it installs is released before it returns.
 */
export async function runFlow(input: FlowInput, signal: AbortSignal, { onOpen }: FlowHooks): Promise<Outcome> {
  const ids: FlowIds = { state: input.state };
  input.link.catch(() => undefined); // an abort may end the flow first: the link's failure is then nobody's news
  const aborted = (): Outcome => {
    const reason = abortReasons.includes(signal.reason) ? (signal.reason as AbortReason) : 'host';
    return { type: 'abort', state: ids.state, ...flowId(ids), reason };
  };
  if (signal.aborted) return aborted();
  const release = new AbortController();
  try {
    const whenAborted = new Promise<Outcome>((resolve) =>
      signal.addEventListener('abort', () => resolve(aborted()), { once: true, signal: release.signal }),
    );
    const scope = AbortSignal.any([signal, release.signal]);
    return await Promise.race([steps(input, ids, scope, onOpen), whenAborted]);
  } catch (error) {
    if (signal.aborted) return aborted();
    if (error instanceof ConnectError) {
      const { code, message, status } = error;
      return { type: 'error', code, message, ...(status === undefined ? {} : { status }), ...flowId(ids) };
    }
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { type: 'error', code: 'internal', message: `Unexpected error in the flow: ${text}`, ...flowId(ids) };
  } finally {
    release.abort();
  }
}

async function steps(input: FlowInput, ids: FlowIds, signal: AbortSignal, onOpen: FlowHooks['onOpen']) {
  const link = await input.link;
  signal.throwIfAborted(); // ended while the answer was on its way: show nothing
  const pending = { state: input.state, flow_id: link.id };
  ids.flow_id = link.id;

  // Listening starts before the widget is shown; the window to trust is known once it is.
  let widgetWindow: WidgetWindow = () => null;
  const channel = channels[input.mode];
  const result = nextWidgetResult(channel, link.location.origin, () => widgetWindow(), input.state, signal);
  // A frame the page's CSP refuses never loads and never posts: that ends the flow instead of an empty box.
  const blocked = channel === 'frame' ? frameBlocked(link.location.origin, signal) : new Promise<never>(() => {});
  widgetWindow = await onOpen({ ...pending, mode: input.mode, location: link.location });
  if (input.mode === 'redirect') {
    redirectToWidget(link.location, { ...pending, ...(input.flowKey ? { flowKey: input.flowKey } : {}) });
    // The result is read on the way back (src/return/). Still here after the back/forward cache restored the
    // page (the user pressed Back on the widget): the flow went nowhere, and a new one must be able to start.
    await pageRestored(signal);
    forgetPendingRedirect(pending.state);
    return { type: 'abort', ...pending, reason: 'dismissed' } as const;
  }
  return decideOutcome(await Promise.race([result, blocked]), pending);
}

function flowId({ flow_id }: FlowIds): { flow_id?: string } {
  return flow_id ? { flow_id } : {};
}
