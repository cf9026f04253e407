import type { AbortReason, Mode, OpenDetail } from '../events.js';
import type { Presenter } from '../presenters/presenter.js';
import { ConnectError } from './connect-error.js';
import { requestLink, type CheckedLink, type LinkRequest, type LinkSource } from './link-request.js';
import { decideOutcome, type Outcome } from './outcome.js';
import { parseWidgetMessage } from './widget-result.js';

export interface FlowOptions {
  source: LinkSource;
  request: LinkRequest;
  mode: Mode;
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
    const { source, request, presenter, mode, onOpen } = this.#options;
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
    window.addEventListener('message', (event) => this.#onMessage(event), { signal });
    presenter.show(link.location);
    onOpen({ flowId: link.id, mode });
  }

  /** Ends the flow from outside (close button, `close()`, element removed). */
  abort(reason: AbortReason): void {
    this.#end({ type: 'abort', state: this.state, flowId: this.#link?.id, reason });
  }

  #onMessage(event: MessageEvent): void {
    const link = this.#link;
    const widget = this.#options.presenter.widgetWindow;
    // Origin alone is not enough: another window of the widget's origin (another flow) must not end this one.
    if (!link || event.origin !== link.location.origin || !widget || event.source !== widget) return;
    const result = parseWidgetMessage(event.data);
    if (result) this.#end(decideOutcome(result, { state: this.state, flowId: link.id }));
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
