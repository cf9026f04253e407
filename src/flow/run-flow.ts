import { isRelayMessage, relayChannelName } from '../callback.js';
import { ibanProblem, parseIban } from '../iban.js';
import { createPresenter } from '../presenters/create-presenter.js';
import type { Presenter } from '../presenters/presenter.js';
import { ConnectError } from './connect-error.js';
import type { Flow } from './flow.js';
import { requestLink, type CheckedLink } from './link-request.js';
import { decideOutcome, type Outcome } from './outcome.js';
import { parseCallbackQuery, parseWidgetMessage } from './widget-result.js';

/**
 * The steps of a flow, in order: check the IBAN, ask for the link, show the widget, wait for its result. Every
 * ending goes through `flow.end`, exactly once; everything opened here listens to `flow.signal`.
 */
export async function runFlow(flow: Flow): Promise<void> {
  const { options, signal } = flow;
  const problem = ibanProblem(options.iban, options.ibanRequired);
  if (problem) {
    flow.end({ type: 'error', code: 'invalid-iban', message: problem });
    return;
  }
  const iban = parseIban(options.iban);
  const presenter = createPresenter(
    options,
    () => flow.abort('dismissed'),
    () => flow.abort('popup-closed'),
  );
  flow.attach(presenter);

  let link: CheckedLink;
  try {
    const accounts = [...(iban ? [{ id: iban }] : []), ...options.accounts];
    link = await requestLink(options.source, { ...options.request, ...(accounts.length ? { accounts } : {}) }, signal);
  } catch (error) {
    if (!signal.aborted) flow.end(errorOutcome(error)); // aborted: that ending was reported already
    return;
  }
  if (signal.aborted) return;
  listen(flow, presenter, link);
  presenter.show(link.location, { state: flow.state, flowId: link.id });
  flow.opened(link.id, presenter.mode);
}

function listen(flow: Flow, presenter: Presenter, link: CheckedLink): void {
  const { signal } = flow;
  const pending = { state: flow.state, flowId: link.id };
  const fromPresenter = (source: MessageEventSource | null) =>
    presenter.widgetWindow !== null && source === presenter.widgetWindow;
  const end = (outcome: Outcome) => flow.end(outcome);

  if (presenter.channel === 'widget') {
    window.addEventListener(
      'message',
      (event) => {
        // Origin alone is not enough: another window of the widget's origin (another flow) must not end this one.
        if (event.origin !== link.location.origin || !fromPresenter(event.source)) return;
        const result = parseWidgetMessage(event.data);
        if (result) end(decideOutcome(result, pending));
      },
      { signal },
    );
  } else if (presenter.channel === 'relay') {
    // Every tab of this origin hears the BroadcastChannel, so a result for another state is another tab's flow:
    // ignored here, not an error.
    const onRelay = (data: unknown) => {
      if (!isRelayMessage(data)) return;
      const result = parseCallbackQuery(new URLSearchParams(data.query));
      if (result?.state === pending.state) end(decideOutcome(result, pending));
    };
    // The relay page runs on this page's origin, in the popup (when no COOP page severed it).
    window.addEventListener(
      'message',
      (event) => event.origin === window.location.origin && fromPresenter(event.source) && onRelay(event.data),
      { signal },
    );
    const broadcast = new BroadcastChannel(relayChannelName);
    broadcast.addEventListener('message', (event) => onRelay(event.data));
    signal.addEventListener('abort', () => broadcast.close());
  }
}

function errorOutcome(error: unknown): Outcome {
  if (error instanceof ConnectError) {
    return { type: 'error', code: error.code, message: error.message, status: error.status };
  }
  return { type: 'error', code: 'network', message: error instanceof Error ? error.message : String(error) };
}
