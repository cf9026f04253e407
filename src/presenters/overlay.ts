import type { Presenter, PresenterContext } from './presenter.js';
import { createWidgetFrame } from './widget-frame.js';

/**
 * The widget in a modal native `<dialog>`: the browser traps focus, makes the page inert and maps Escape to
 * `cancel`, so none of that is hand-written here.
 */
export class OverlayPresenter implements Presenter {
  readonly mode = 'overlay';
  readonly channel = 'widget';
  #dialog?: HTMLDialogElement;
  #frame?: HTMLIFrameElement;

  constructor(private readonly context: PresenterContext) {}

  get widgetWindow(): Window | null {
    return this.#frame?.contentWindow ?? null;
  }

  show(location: URL): void {
    const { root, strings, onDismiss } = this.context;
    const dialog = document.createElement('dialog');
    dialog.part.add('dialog');
    dialog.setAttribute('aria-label', strings.dialogLabel);

    const close = document.createElement('button');
    close.type = 'button';
    close.part.add('close-button');
    close.className = 'close';
    close.setAttribute('aria-label', strings.close);
    close.textContent = '×';
    close.addEventListener('click', onDismiss);

    // Escape: the dialog would close itself; the flow decides instead, and disposes it. Browsers may skip
    // `cancel` (close watcher rules without user activation) and close at once: `close` covers that.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      onDismiss();
    });
    dialog.addEventListener('close', onDismiss);

    this.#frame = createWidgetFrame(location, strings.frameTitle);
    dialog.append(close, this.#frame);
    root.append(dialog);
    this.#dialog = dialog;
    dialog.showModal();
  }

  dispose(): void {
    this.#dialog?.close();
    this.#dialog?.remove();
    this.#dialog = undefined;
    this.#frame = undefined;
  }
}
