import type * as Lit from 'lit';
import type { AbortReason, Mode } from '../events.js';
import type { WidgetToShow, WidgetWindow } from '../flow/run-flow.js';
import type { Run } from '../flow/start-flow.js';
import type { Outcome } from '../protocol/outcome.js';
import { frameLoadDeadline } from '../windows/frame-guard.js';
import { PopupWatch } from '../windows/popup-watch.js';
import type { openPopupWindow } from '../windows/popup-window.js';
import type { Strings } from './strings.js';
import type { View } from './view.js';

/**
 * What the element shows once a flow has its widget link, or a preload loads the widget hidden: showing the widget
 * as the mode says (flow's `onOpen`), and drawing the popup's waiting panel, the inline frame, the overlay's dialog,
 * and their styles. It loads with the flow's code (first-use.ts), not with the
 * page: none of it can show before that code is here (only the flow and the preloader set such a view), and the
 * element adopts these styles before it first sets one. Drawn with the element's own Lit, passed in: a CDN chunk
 * bundles its imports, and a second copy of Lit there would be a second Lit.
 */
export type LitParts = Pick<typeof Lit, 'html' | 'css' | 'nothing'>;

/** The element's settings showing reads (its public properties: the element itself). */
export interface ShowSettings {
  readonly frameTimeout: number;
  readonly popupWidth: number;
  readonly popupHeight: number;
  readonly popupClosedTimeout: number;
  readonly updateComplete: Promise<boolean>;
  /** The element's shadow root: a dialog's events count only while it is the one there. */
  readonly renderRoot: ParentNode;
}

/** What the widget's parts do on the element (its private state). */
export interface WidgetActions {
  /** The running flow, if any. */
  run(): Run | undefined;
  /** Sets what the element shows (it renders next). */
  view(view: View): void;
  /** Ends `run` with `outcome` (a stale run's ending is dropped). */
  end(run: Run, outcome: Outcome): void;
  /** Ends the flow as the user's dismissal (the dialog's close button and Escape, the panel's Cancel). */
  dismiss(): void;
  /** The widget is shown: the element announces it (`open`). */
  opened(flow_id: string, mode: Mode): void;
  /** The element's own popup opener (popup-window.ts), which the click used too. */
  openPopup: typeof openPopupWindow;
}

/** The widget's parts, drawn with `lit` (the element's Lit) for `element`, acting through `actions`. */
export function widgetView({ html, css, nothing }: LitParts, element: ShowSettings, actions: WidgetActions) {
  /** The location of the last widget frame that loaded (its `load` event fires for cross-origin pages too). */
  let loadedFrame: string | undefined;
  const find = <E extends Element>(selector: string) => element.renderRoot.querySelector<E>(selector);

  /**
   * Escape asks the dialog to close (`cancel`); the flow decides instead, and the next render removes the dialog.
   * A browser may skip `cancel` and close at once (a close request without user activation,
   * https://html.spec.whatwg.org/multipage/interaction.html#close-requests-and-close-watchers): `close` covers it.
   * Events of a dialog already replaced by a later flow's are ignored.
   */
  const onDialogClose = (event: Event) => {
    event.preventDefault();
    if (event.target === find('dialog')) actions.dismiss();
  };

  /** The widget's frame. Its origin learns the host's origin (it needs it to post back), not the path or query. */
  const frame = (location: URL, strings: Strings) =>
    html`<iframe
      part="frame"
      title=${strings.frameTitle}
      referrerpolicy="origin"
      src=${location.href}
      @load=${() => (loadedFrame = location.href)}
    ></iframe>`;

  return {
    /**
     * The flow's `onOpen`: shows the checked widget as the mode says (redirect: nothing to draw, the flow leaves the
     * page next), announces it, and returns the window its result comes from.
     */
    async show(run: Run, { flow_id, mode, location }: WidgetToShow): Promise<WidgetWindow> {
      if (mode === 'overlay' || mode === 'inline') {
        actions.view({ kind: mode, location });
        // A frame that never loads (a stalled server) would leave an empty box and no event: past `frame-timeout`
        // the flow ends with `frame-timeout`; the flow's own ending is stale then, and dropped by the element.
        frameLoadDeadline(
          element.frameTimeout,
          () => loadedFrame === location.href, // a preloaded frame may have loaded before the click
          run.controller.signal,
          (ms) => {
            actions.end(run, {
              type: 'error',
              code: 'frame-timeout',
              message: `The widget's frame did not load in ${ms} ms.`,
            });
            run.controller.abort('host' satisfies AbortReason);
          },
        );
      } else if (mode === 'popup' && run.popupWindow) {
        const size = { width: element.popupWidth, height: element.popupHeight };
        run.popup = new PopupWatch(run.popupWindow, location, {
          open: (name, url) => actions.openPopup(size, name, url),
          closedGraceMs: element.popupClosedTimeout,
          onClosedChange: (closed) => {
            if (actions.run() === run) actions.view({ kind: closed ? 'popup-closed' : 'popup-waiting' });
          },
          onGiveUp: () => run.controller.abort('popup-closed' satisfies AbortReason),
        });
        actions.view({ kind: 'popup-waiting' });
      }
      await element.updateComplete;
      if (run.controller.signal.aborted) return () => null;
      // The dialog is drawn by the element's render(); only opening it modally is imperative (as in Material Web's
      // dialog). Here, not in updated(): should it throw, the flow ends with that exception (`internal`), not Lit's
      // update cycle.
      find<HTMLDialogElement>('dialog')?.showModal();
      actions.opened(flow_id, mode);
      return mode === 'popup'
        ? () => run.popup?.window ?? null
        : () => find<HTMLIFrameElement>('iframe')?.contentWindow ?? null;
    },

    styles: css`
      .waiting {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        align-items: center;
      }
      .waiting p {
        flex-basis: 100%;
        margin: 0;
      }
      .secondary {
        padding: 0.5rem 1rem;
        border: 1px solid var(--nrich-connect-accent, #1d4ed8);
        background: none;
        color: var(--nrich-connect-accent, #1d4ed8);
      }
      dialog {
        width: var(--nrich-connect-dialog-width, min(480px, 100vw));
        height: var(--nrich-connect-dialog-height, min(720px, 100vh));
        max-width: 100vw;
        max-height: 100vh;
        padding: 0;
        border: none;
        border-radius: var(--nrich-connect-radius, 0.5rem);
        overflow: hidden;
      }
      dialog::backdrop {
        background: var(--nrich-connect-backdrop, rgb(0 0 0 / 0.5));
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      .close {
        align-self: flex-end;
        margin: 0.25rem;
        padding: 0.25rem 0.75rem;
        border: none;
        background: none;
        font-size: 1.5rem;
        line-height: 1;
      }
      iframe {
        flex: 1;
        width: 100%;
        border: none;
      }
      .inline {
        align-self: stretch;
      }
      .inline iframe {
        height: var(--nrich-connect-frame-height, 640px);
      }
      /* Windows High Contrast (test/element/forced-colors): the close button and the dialog get edges of their own. */
      @media (forced-colors: active) {
        .close {
          border: 1px solid ButtonText;
        }
        dialog {
          border: 2px solid CanvasText;
        }
      }
    `,

    /** The popup's waiting panel (continue in the window or reopen it, cancel), in place of the button. */
    panel: (closed: boolean, strings: Strings) => html`
      <div part="waiting" class="waiting" role="group" aria-label=${strings.dialogLabel}>
        <p role="status">${closed ? strings.popupClosed : strings.popupWaiting}</p>
        <button
          type="button"
          class="secondary"
          @click=${() => (closed ? actions.run()?.popup?.reopen() : actions.run()?.popup?.focus())}
        >
          ${closed ? strings.popupReopen : strings.popupFocus}
        </button>
        <button type="button" class="secondary" @click=${actions.dismiss}>${strings.cancel}</button>
      </div>
    `,

    /** The widget's frame: shown in overlay and inline; preloaded, the same frame, hidden, until then. */
    widget: (view: View, strings: Strings) => {
      const shown = view.kind === 'overlay' || view.kind === 'inline' ? { ...view, mode: view.kind } : undefined;
      const drawn = shown ?? ((view.kind === 'idle' || view.kind === 'requesting') && view.preloaded);
      if (!drawn) return nothing;
      return drawn.mode === 'inline'
        ? html`<div part="inline" class="inline" ?hidden=${!shown}>${frame(drawn.location, strings)}</div>`
        : html`
            <dialog part="dialog" aria-label=${strings.dialogLabel} @cancel=${onDialogClose} @close=${onDialogClose}>
              <button
                type="button"
                part="close-button"
                class="close"
                aria-label=${strings.close}
                @click=${actions.dismiss}
              >
                ×
              </button>
              ${frame(drawn.location, strings)}
            </dialog>
          `;
    },
  };
}
