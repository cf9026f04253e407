import type { AbortReason, Mode, OpenDetail } from '../events.js';
import type { Presenter, PresenterContext } from '../presenters/presenter.js';
import type { LinkRequest, LinkSource } from './link-request.js';
import type { Outcome } from './outcome.js';

export interface FlowOptions {
  source: LinkSource;
  /** The link request without `accounts`: those come from the IBAN field, once it is checked. */
  request: Omit<LinkRequest, 'accounts'>;
  /** What the IBAN field holds, as typed; `ibanRequired` makes an empty one invalid. */
  iban: string;
  ibanRequired: boolean;
  /** Extra `{ id }` entries after the IBAN. */
  accounts: { id: string }[];
  mode: Mode;
  /** Popup mode: the window the element opened inside the click (null when the browser blocked it). */
  popupWindow?: Window | null;
  popup: { width: number; height: number; closedGraceMs: number };
  /** Where and in which language presenters show things; the flow adds its own callbacks. */
  context: Omit<PresenterContext, 'onDismiss' | 'onGiveUp'>;
  onOpen(detail: OpenDetail): void;
  /** Called exactly once, after everything the flow opened is gone. */
  onEnd(outcome: Outcome): void;
}

/**
 * One bank connection attempt, from click to outcome. It owns everything the attempt opens (request, presenter,
 * listeners, timers: all tied to one AbortSignal) and releases it in one place, `end`, whichever way the flow ends.
 *
 * The steps themselves (IBAN check, link request, presenter, result handling) live in `run-flow.ts`, loaded on the
 * first click: the page pays for them only when a user connects a bank.
 */
export class Flow {
  readonly options: FlowOptions;
  readonly #controller = new AbortController();
  #presenter?: Presenter;
  #flowId?: string;

  constructor(options: FlowOptions) {
    this.options = options;
  }

  /** Aborted when the flow ends: everything the steps open listens to it. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get state(): string {
    return this.options.request.state;
  }

  async start(): Promise<void> {
    try {
      const { runFlow } = await import('./run-flow.js');
      if (!this.signal.aborted) await runFlow(this);
    } catch {
      this.end({ type: 'error', code: 'network', message: 'The bank connection code could not be loaded.' });
    }
  }

  /** The presenter now showing (or about to show) the widget: disposed when the flow ends. */
  attach(presenter: Presenter): void {
    this.#presenter = presenter;
  }

  opened(flowId: string, mode: Mode): void {
    this.#flowId = flowId;
    this.options.onOpen({ flowId, mode });
  }

  /** Ends the flow from outside (close button, `close()`, element removed, popup given up). */
  abort(reason: AbortReason): void {
    this.end({ type: 'abort', state: this.state, flowId: this.#flowId, reason });
  }

  end(outcome: Outcome): void {
    if (this.signal.aborted) return;
    this.#controller.abort();
    if (this.#presenter) this.#presenter.dispose();
    else this.options.popupWindow?.close(); // ended before a presenter took the window over
    this.options.onEnd(outcome);
  }
}
