import { expect } from '@open-wc/testing';
import { ConnectHarness } from '../harness.js';
import { callbackPage, trackWindowListeners, typeText, waitFor, widgetLinkEndpoint } from '../helpers.js';

/**
 * The element listens on `window` or `document` only while a flow runs (the widget's messages, the popup relay),
 * and every such listener is gone when the flow ends: no global listener while the element idles.
 */
describe('<nrich-connect> global listeners', () => {
  let tracker: ReturnType<typeof trackWindowListeners>;
  beforeEach(() => (tracker = trackWindowListeners()));
  afterEach(() => {
    tracker.stop();
    document.documentElement.removeAttribute('lang');
  });

  it('installs none while idle: rendered, hovered, focused, typed into, left, relabeled', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    connect.part('base')!.dispatchEvent(new PointerEvent('pointerenter'));
    connect.field!.focus();
    await typeText('DE89 3704');
    connect.field!.blur();
    document.documentElement.lang = 'en';
    connect.el.language = 'es';
    await waitFor(() => connect.button.textContent!.includes('Conectar'));
    expect(tracker.installed()).to.deep.equal([]);
  });

  for (const [mode, ending] of [
    ['overlay', 'authorize'],
    ['inline', 'cancel'],
    ['popup', 'authorize'],
  ] as const) {
    it(`listens only while a flow runs, and leaves nothing behind when it ends (${mode})`, async () => {
      const connect = await ConnectHarness.create({
        mode,
        'redirect-uri': callbackPage,
        endpoint: widgetLinkEndpoint({ autopilot: ending }),
      });
      const ended = connect.nextTerminal();
      await connect.open();
      expect(tracker.installed()).to.include('window message');
      await ended;
      expect(tracker.installed()).to.deep.equal([]);
    });
  }

  it('leaves nothing behind when the host closes a flow or removes the element', async () => {
    let connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    await connect.open();
    let ended = connect.next('abort');
    connect.el.close();
    await ended;
    expect(tracker.installed()).to.deep.equal([]);

    connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    await connect.open();
    ended = connect.next('abort');
    connect.el.remove();
    await ended;
    expect(tracker.installed()).to.deep.equal([]);
  });
});
