import { fixture, oneEvent } from '@open-wc/testing';
import '../src/nrich-connect.js';
import type { NrichConnect, NrichConnectEventMap, OpenEvent } from '../src/index.js';

export type Terminal = NrichConnectEventMap['success' | 'abort' | 'error'];

/**
 * One `<nrich-connect>` under test (Material Web's harness pattern): its parts, its actions, and every terminal
 * event it dispatched since the harness was made (`ended`), to check that a flow ends exactly once.
 */
export class ConnectHarness {
  readonly ended: Terminal[] = [];

  constructor(readonly el: NrichConnect) {
    for (const type of ['success', 'abort', 'error'] as const) el.addEventListener(type, (e) => this.ended.push(e));
  }

  /** A new element with these attributes, in the document and rendered. */
  static async create(attributes: Record<string, string> = {}): Promise<ConnectHarness> {
    const el = document.createElement('nrich-connect');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    return new ConnectHarness(await fixture<NrichConnect>(el));
  }

  part<T extends Element = HTMLElement>(name: string): T | null {
    return this.el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
  }

  get button(): HTMLButtonElement {
    return this.part<HTMLButtonElement>('button')!;
  }

  get field(): HTMLInputElement | null {
    return this.part<HTMLInputElement>('field');
  }

  get dialog(): HTMLDialogElement | null {
    return this.part<HTMLDialogElement>('dialog');
  }

  get frame(): HTMLIFrameElement | null {
    return this.part<HTMLIFrameElement>('frame');
  }

  /** The popup waiting panel. */
  get waiting(): HTMLElement | null {
    return this.part('waiting');
  }

  /** The text the user sees under the field (IBAN or flow error). */
  get errorText(): string {
    return this.part('error')!.textContent!.trim();
  }

  /** What has focus inside the element. */
  get focused(): Element | null {
    return this.el.shadowRoot!.activeElement;
  }

  /** A button of the popup waiting panel, by its text. */
  waitingButton(text: string): HTMLButtonElement {
    const button = [...(this.waiting?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim() === text);
    if (!button) throw new Error(`no "${text}" button in the waiting panel`);
    return button;
  }

  /** Starts a flow (as a click does) and waits until the widget shows. */
  async open(): Promise<OpenEvent> {
    const opened = oneEvent(this.el, 'open');
    this.el.open();
    return opened;
  }

  /** The next `success`, `abort` or `error`. */
  nextTerminal(): Promise<Terminal> {
    const { el } = this;
    return Promise.race([oneEvent(el, 'success'), oneEvent(el, 'abort'), oneEvent(el, 'error')]) as Promise<Terminal>;
  }

  /** The next event of one type: `await harness.next('error')` gives a typed `ConnectErrorEvent`. */
  next<K extends keyof NrichConnectEventMap>(type: K): Promise<NrichConnectEventMap[K]> {
    return oneEvent(this.el, type) as Promise<NrichConnectEventMap[K]>;
  }
}
