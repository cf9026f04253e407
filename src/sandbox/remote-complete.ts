/**
 * Completing the open widget from a test (`POST /_sandbox/complete`, what `completeFlow` from
 * `nrich-connect/testing` sends), without touching its frame: each widget page keeps one long-poll open
 * (`POST /widget/await`); a completion is handed to a widget that is listening right now, which then presses the
 * outcome's button itself, through the same click path a user takes. So it works in every presentation mode and
 * from any test runner. No timers outlive a request: a sandbox closes without waiting for them.
 */
import type { Outcome } from './store.js';

interface Widget {
  /** Order in which widgets first listened: "the open widget" is the newest one listening. */
  order: number;
  /** Set while the widget's long-poll is open: answers it with an outcome, or with nothing. */
  deliver: ((outcome: Outcome | undefined) => void) | undefined;
}

/** Someone awaiting `listening()`: a widget holding its long-poll (`flowId`'s, or any). */
interface Watcher {
  flowId: string | undefined;
  resolve(flowId: string): void;
}

interface Waiter {
  flowId: string | undefined;
  outcome: Outcome;
  resolve(flowId: string): void;
}

export class RemoteCompletions {
  private readonly widgets = new Map<string, Widget>();
  private readonly waiters = new Set<Waiter>();
  private readonly watchers = new Set<Watcher>();
  private nextOrder = 0;

  /**
   * A widget's long-poll: resolves with the outcome to press, or `undefined` after `holdMs` (the widget asks
   * again) or when the request goes away.
   */
  listen(flowId: string, holdMs: number, signal: AbortSignal): Promise<Outcome | undefined> {
    const widget = this.widgets.get(flowId) ?? { order: this.nextOrder++, deliver: undefined };
    this.widgets.set(flowId, widget);
    for (const waiter of this.waiters) {
      if (waiter.flowId === undefined || waiter.flowId === flowId) {
        this.waiters.delete(waiter);
        this.widgets.delete(flowId);
        waiter.resolve(flowId);
        return Promise.resolve(waiter.outcome);
      }
    }
    return new Promise((resolve) => {
      const done = (outcome: Outcome | undefined): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', gone);
        if (widget.deliver === deliver) widget.deliver = undefined;
        resolve(outcome);
      };
      const deliver = (outcome: Outcome | undefined): void => done(outcome);
      const gone = (): void => done(undefined);
      const timer = setTimeout(gone, holdMs);
      signal.addEventListener('abort', gone, { once: true });
      widget.deliver = deliver;
      for (const watcher of this.watchers)
        if (watcher.flowId === undefined || watcher.flowId === flowId) {
          this.watchers.delete(watcher);
          watcher.resolve(flowId);
        }
    });
  }

  /**
   * Resolves with the flow id once a widget holds its long-poll (`flowId`'s, or any), at once if one does now;
   * rejects with the signal's reason on abort. What a test waits for instead of a fixed pause.
   */
  listening(flowId: string | undefined, signal?: AbortSignal): Promise<string> {
    const now = [...this.widgets].find(([id, widget]) => widget.deliver && (flowId === undefined || id === flowId));
    if (now) return Promise.resolve(now[0]);
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const stop = (): void => {
        this.watchers.delete(watcher);
        reject(signal?.reason);
      };
      const watcher: Watcher = {
        flowId,
        resolve: (id) => {
          signal?.removeEventListener('abort', stop);
          resolve(id);
        },
      };
      signal?.addEventListener('abort', stop, { once: true });
      this.watchers.add(watcher);
    });
  }

  /**
   * Hands `outcome` to the flow's widget (or, without `flowId`, the newest one listening), waiting up to
   * `timeoutMs` for one to listen. Resolves with the flow id; rejects with `NoOpenWidget` on timeout.
   */
  complete(outcome: Outcome, flowId: string | undefined, timeoutMs: number, signal: AbortSignal): Promise<string> {
    const listening = [...this.widgets]
      .filter(([id, widget]) => widget.deliver && (flowId === undefined || id === flowId))
      .sort(([, a], [, b]) => b.order - a.order);
    const [found] = listening;
    if (found) {
      const [id, widget] = found;
      this.widgets.delete(id);
      widget.deliver?.(outcome);
      return Promise.resolve(id);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        flowId,
        outcome,
        resolve: (id) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', cancel);
          resolve(id);
        },
      };
      const cancel = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        reject(new NoOpenWidget(flowId));
      };
      const timer = setTimeout(cancel, timeoutMs);
      signal.addEventListener('abort', cancel, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** The flow ended by other means (its own buttons): its widget is no longer a target; its poll is answered. */
  forget(flowId: string): void {
    this.widgets.get(flowId)?.deliver?.(undefined);
    this.widgets.delete(flowId);
  }
}

export class NoOpenWidget extends Error {
  override readonly name = 'NoOpenWidget';
  constructor(readonly flowId: string | undefined) {
    super(
      flowId === undefined
        ? 'No widget was open: click the element first (and let its widget load) before completing the flow.'
        : `The widget of flow ${flowId} was not open.`,
    );
  }
}
