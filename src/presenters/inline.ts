import type { Presenter, PresenterContext } from './presenter.js';
import { createWidgetFrame } from './widget-frame.js';

/** The widget's frame in the page flow, inside the element (height: `--nrich-connect-frame-height`). */
export class InlinePresenter implements Presenter {
  readonly mode = 'inline';
  readonly channel = 'widget';
  #container?: HTMLElement;
  #frame?: HTMLIFrameElement;

  constructor(private readonly context: PresenterContext) {}

  get widgetWindow(): Window | null {
    return this.#frame?.contentWindow ?? null;
  }

  show(location: URL): void {
    const container = document.createElement('div');
    container.className = 'inline';
    container.part.add('inline');
    this.#frame = createWidgetFrame(location, this.context.strings.frameTitle);
    container.append(this.#frame);
    this.context.root.append(container);
    this.#container = container;
  }

  dispose(): void {
    this.#container?.remove();
    this.#container = undefined;
    this.#frame = undefined;
  }
}
