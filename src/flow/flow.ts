import type { AbortReason, OpenDetail } from '../events.js';
import type { Presenter } from '../presenters/presenter.js';
import { ConnectError } from './connect-error.js';
import { requestLink, type CheckedLink, type LinkRequest, type LinkSource } from './link-request.js';
import { decideOutcome, type Outcome } from './outcome.js';
import { isRelayMessage, relayChannelName } from '../callback.js';
import { parseCallbackQuery, parseWidgetMessage } from './widget-result.js';

export interface FlowOptions {
  source: LinkSource;
  request: LinkRequest;
  presenter: Presenter;
  onOpen(detail: OpenDetail): void;
  /** Called exactly once, after everything the flow opened is gone. */
  onEnd(outcome: Outcome): void;
}

/**
 * One bank connection attempt, from link request to outcome. It owns everything it opens (the request, the
 * presenter, the message listener) and releases all of it in one place, `#end`, whichever way the flow ends.
 */
export class Flow {
  readonly #options: FlowOptions;
  readonly #controller = new AbortController();
  #link?: CheckedLink;
  #ended = false;

  constructor(options: FlowOptions) {
    this.#options = options;
  }

  get state(): string {
    return this.#options.request.state;
  }

  async start(): Promise<void> {
    const { source, request, presenter, onOpen } = this.#options;
    const { signal } = this.#controller;
    let link: CheckedLink;
    try {
      link = await requestLink(source, request, signal);
    } catch (error) {
      if (signal.aborted) return; // ended while waiting: that ending already reported
      this.#end(errorOutcome(error));
      return;
    }
    if (signal.aborted) return;
    this.#link = link;
    this.#listen(presenter.channel, link, signal);
    presenter.show(link.location, { state: this.state, flowId: link.id });
    onOpen({ flowId: link.id, mode: presenter.mode });
  }

  /** Ends the flow from outside (close button, `close()`, element removed). */
  abort(reason: AbortReason): void {
    this.#end({ type: 'abort', state: this.state, flowId: this.#link?.id, reason });
  }

  #listen(channel: Presenter['channel'], link: CheckedLink, signal: AbortSignal): void {
    if (channel === 'widget') {
      window.addEventListener('message', (event) => this.#onWidgetMessage(event, link), { signal });
    } else if (channel === 'relay') {
      window.addEventListener('message', (event) => this.#onRelayMessage(event, link), { signal });
      const broadcast = new BroadcastChannel(relayChannelName);
      broadcast.addEventListener('message', (event) => this.#onRelay(event.data, link));
      signal.addEventListener('abort', () => broadcast.close());
    }
  }

  #onWidgetMessage(event: MessageEvent, link: CheckedLink): void {
    // Origin alone is not enough: another window of the widget's origin (another flow) must not end this one.
    if (event.origin !== link.location.origin || !this.#isPresenterWindow(event.source)) return;
    const result = parseWidgetMessage(event.data);
    if (result) this.#end(decideOutcome(result, { state: this.state, flowId: link.id }));
  }

  /** The relay page runs on this page's origin, in the popup (when COOP did not sever it). */
  #onRelayMessage(event: MessageEvent, link: CheckedLink): void {
    if (event.origin === window.location.origin && this.#isPresenterWindow(event.source)) this.#onRelay(event.data, link);
  }

  /**
   * Every tab of this origin hears the BroadcastChannel, so a relayed result for another state is another tab's
   * flow: ignored here, not an error.
   */
  #onRelay(data: unknown, link: CheckedLink): void {
    if (!isRelayMessage(data)) return;
    const result = parseCallbackQuery(new URLSearchParams(data.query));
    if (result?.state !== this.state) return;
    this.#end(decideOutcome(result, { state: this.state, flowId: link.id }));
  }

  #isPresenterWindow(source: MessageEventSource | null): boolean {
    const expected = this.#options.presenter.widgetWindow;
    return expected !== null && source === expected;
  }

  #end(outcome: Outcome): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#controller.abort();
    this.#options.presenter.dispose();
    this.#options.onEnd(outcome);
  }
}

function errorOutcome(error: unknown): Outcome {
  if (error instanceof ConnectError) {
    return { type: 'error', code: error.code, message: error.message, status: error.status };
  }
  return { type: 'error', code: 'network', message: error instanceof Error ? error.message : String(error) };
}
