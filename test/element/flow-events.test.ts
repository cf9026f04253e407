import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import {
  connectButton,
  dialogOf,
  element,
  frameOf,
  nextTerminal,
  recordTerminalEvents,
  settle,
  widgetLinkEndpoint,
} from '../helpers.js';

/** Each flow runs against the real sandbox widget in a real cross-origin iframe. */
describe('<nrich-connect> flow events (overlay, sandbox widget)', () => {
  it('ends with exactly one success carrying code, state and flowId', async () => {
    const el = await element(widgetLinkEndpoint({ autopilot: 'authorize' }));
    const seen = recordTerminalEvents(el);
    const opened = oneEvent(el, 'open');
    const ended = nextTerminal(el);
    connectButton(el).click();

    const open = await opened;
    expect(open.detail.mode).to.equal('overlay');
    expect(open.detail.flowId).to.match(/^[0-9a-f-]{36}$/);
    expect(frameOf(el)!.title).to.not.equal('');

    const event = await ended;
    expect(event.type).to.equal('success');
    const detail = (event as CustomEvent<{ code: string; state: string; flowId: string }>).detail;
    expect(detail.code).to.be.a('string').and.not.equal('');
    expect(detail.state).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(detail.flowId).to.equal(open.detail.flowId);
    await settle();
    expect(seen).to.have.length(1);
    expect(dialogOf(el)).to.equal(null);
    expect(el.shadowRoot!.innerHTML).to.not.contain(detail.code);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'focus returns to the button').to.equal(connectButton(el));
  });

  it('bubbles and composes its events so a host can listen above the element', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div><nrich-connect endpoint=${widgetLinkEndpoint({ autopilot: 'authorize' })}></nrich-connect></div>`,
    );
    const el = host.querySelector('nrich-connect')!;
    const bubbled = oneEvent(host, 'success');
    connectButton(el).click();
    const event = await bubbled;
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('uses the state the host sets, and a new random state per flow otherwise', async () => {
    const el = await element(widgetLinkEndpoint({ autopilot: 'authorize' }));
    el.state = 'host-chosen_state';
    let ended = oneEvent(el, 'success');
    el.open();
    expect((await ended).detail.state).to.equal('host-chosen_state');

    el.state = undefined;
    const states = [];
    for (let i = 0; i < 2; i++) {
      ended = oneEvent(el, 'success');
      el.open();
      states.push((await ended).detail.state);
    }
    expect(states[0]).to.not.equal(states[1]);
  });

  it('reports a cancel inside the widget as abort with reason widget', async () => {
    const el = await element(widgetLinkEndpoint({ autopilot: 'cancel' }));
    const seen = recordTerminalEvents(el);
    const opened = oneEvent(el, 'open');
    const ended = oneEvent(el, 'abort');
    el.open();
    const { flowId } = (await opened).detail;
    expect((await ended).detail).to.include({ reason: 'widget', flowId });
    await settle();
    expect(seen).to.have.length(1);
    expect(el.shadowRoot!.activeElement, 'focus returns to the button').to.equal(connectButton(el));
  });

  it('reports a failed flow as error flow-failed', async () => {
    const el = await element(widgetLinkEndpoint({ autopilot: 'fail' }));
    const ended = oneEvent(el, 'error');
    el.open();
    const { detail } = await ended;
    expect(detail.code).to.equal('flow-failed');
    expect(detail.flowId).to.be.a('string');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement, 'focus returns to the button').to.equal(connectButton(el));
  });

  describe('the older message shape { location, query, url }', () => {
    it('completes with success', async () => {
      const el = await element(widgetLinkEndpoint({ autopilot: 'authorize', message_shape: 'legacy' }));
      const ended = nextTerminal(el);
      el.open();
      const event = await ended;
      expect(event.type).to.equal('success');
    });

    it('reads cancel=true as abort', async () => {
      const el = await element(widgetLinkEndpoint({ autopilot: 'cancel', message_shape: 'legacy' }));
      const ended = oneEvent(el, 'abort');
      el.open();
      expect((await ended).detail.reason).to.equal('widget');
    });
  });

  it('can run another flow after one ended', async () => {
    const el: NrichConnect = await element(widgetLinkEndpoint({ autopilot: 'cancel' }));
    const aborted = oneEvent(el, 'abort');
    el.open();
    await aborted;
    el.endpoint = widgetLinkEndpoint({ autopilot: 'authorize' });
    const success = oneEvent(el, 'success');
    el.open();
    await success;
  });
});
