import type * as Lit from 'lit';
import type { PopupWatch } from '../windows/popup-watch.js';
import type { Strings } from './strings.js';
import type { View } from './view.js';

/**
 * What the element draws once a flow shows the widget, or a preload loads it hidden: the popup's waiting panel, the
 * inline frame, the overlay's dialog, and their styles. It loads with the flow's code (first-use.ts), not with the
 * page: none of it can show before that code is here (only the flow and the preloader set such a view), and the
 * element adopts these styles before it first sets one. Drawn with the element's own Lit, passed in: a CDN chunk
 * bundles its imports, and a second copy of Lit there would be a second Lit.
 */
export type LitParts = Pick<typeof Lit, 'html' | 'css' | 'nothing'>;

/** What the drawn parts do on the element. */
export interface WidgetActions {
  /** Ends the flow as the user's dismissal (the dialog's close button and Escape, the panel's Cancel). */
  dismiss(): void;
  /** The running flow's popup watcher, for the panel's "continue" and "reopen". */
  popup(): PopupWatch | undefined;
  /** The widget frame at `href` loaded (its `load` event fires for cross-origin pages too). */
  loaded(href: string): void;
  /** The element's shadow root: a dialog's events count only while it is the one there. */
  readonly root: ParentNode;
}

/** The widget's parts, drawn with `lit` (the element's Lit) and acting through `actions`. */
export function widgetView({ html, css, nothing }: LitParts, actions: WidgetActions) {
  /**
   * Escape asks the dialog to close (`cancel`); the flow decides instead, and the next render removes the dialog.
   * A browser may skip `cancel` and close at once (a close request without user activation,
   * https://html.spec.whatwg.org/multipage/interaction.html#close-requests-and-close-watchers): `close` covers it.
   * Events of a dialog already replaced by a later flow's are ignored.
   */
  const onDialogClose = (event: Event) => {
    event.preventDefault();
    if (event.target === actions.root.querySelector('dialog')) actions.dismiss();
  };

  /** The widget's frame. Its origin learns the host's origin (it needs it to post back), not the path or query. */
  const frame = (location: URL, strings: Strings) =>
    html`<iframe
      part="frame"
      title=${strings.frameTitle}
      referrerpolicy="origin"
      src=${location.href}
      @load=${() => actions.loaded(location.href)}
    ></iframe>`;

  return {
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
          @click=${() => (closed ? actions.popup()?.reopen() : actions.popup()?.focus())}
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
