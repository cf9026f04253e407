import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { SuccessEvent } from '../../src/index.js';
import { ConnectHarness } from '../harness.js';
import { nextTask, widgetLinkEndpoint } from '../helpers.js';

/** Each flow runs against the real sandbox widget in a real cross-origin iframe. */
describe('<nrich-connect> events (overlay, sandbox widget)', () => {
  it('ends with exactly one success whose detail is exactly { code, state, flow_id }', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'authorize' }) });
    const ended = connect.nextTerminal();
    const opened = connect.next('open');
    connect.button.click();

    const open = await opened;
    expect(Object.keys(open.detail).sort()).to.deep.equal(['flow_id', 'mode']);
    expect(open.detail.mode).to.equal('overlay');
    expect(open.detail.flow_id).to.match(/^[0-9a-f-]{36}$/);
    expect(connect.frame!.title).to.not.equal('');

    const event = await ended;
    expect(event.type).to.equal('success');
    const { detail } = event as SuccessEvent;
    expect(Object.keys(detail).sort()).to.deep.equal(['code', 'flow_id', 'state']);
    expect(detail.code).to.be.a('string').and.not.equal('');
    expect(detail.state).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(detail.flow_id).to.equal(open.detail.flow_id);
    await connect.el.updateComplete;
    await nextTask();
    expect(connect.ended).to.have.length(1);
    expect(connect.dialog).to.equal(null);
    expect(connect.el.shadowRoot!.innerHTML).to.not.contain(detail.code);
    await connect.el.updateComplete;
    expect(connect.focused, 'focus returns to the button').to.equal(connect.button);
  });

  it('open, success and abort bubble and compose, so a host can listen above the element', async () => {
    const host = await fixture<HTMLDivElement>(
      html`<div><nrich-connect endpoint=${widgetLinkEndpoint({ autopilot: 'authorize' })}></nrich-connect></div>`,
    );
    const connect = new ConnectHarness(host.querySelector('nrich-connect')!);
    const opened = oneEvent(host, 'open');
    const succeeded = oneEvent(host, 'success');
    connect.button.click();
    for (const event of [await opened, await succeeded]) expect(event.bubbles && event.composed).to.equal(true);

    connect.el.endpoint = widgetLinkEndpoint({ autopilot: 'cancel' });
    const aborted = oneEvent(host, 'abort');
    connect.el.open();
    const event = await aborted;
    expect(event.bubbles && event.composed).to.equal(true);
  });

  it('error stays on the element, as the platform’s own error events do: window.onerror never sees it', async () => {
    const connect = await ConnectHarness.create({ endpoint: '/test/respond?status=500' });
    const reachedWindow: string[] = [];
    const onWindowError = (event: Event) => reachedWindow.push(`${event.type} listener`);
    const previous = window.onerror;
    window.onerror = () => void reachedWindow.push('window.onerror');
    window.addEventListener('error', onWindowError);
    document.addEventListener('error', onWindowError);
    try {
      const failed = connect.next('error');
      connect.el.open();
      const event = await failed;
      expect(event.bubbles, 'bubbles').to.equal(false);
      expect(event.detail.code).to.equal('endpoint');
      expect(reachedWindow).to.deep.equal([]); // dispatched synchronously: it would have reached them by now
    } finally {
      window.onerror = previous;
      window.removeEventListener('error', onWindowError);
      document.removeEventListener('error', onWindowError);
    }
  });

  it('uses the state the host sets, and a new random state per flow otherwise', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'authorize' }) });
    connect.el.state = 'host-chosen_state';
    let ended = connect.next('success');
    connect.el.open();
    expect((await ended).detail.state).to.equal('host-chosen_state');

    connect.el.state = undefined;
    const states = [];
    for (let i = 0; i < 2; i++) {
      ended = connect.next('success');
      connect.el.open();
      states.push((await ended).detail.state);
    }
    expect(states[0]).to.not.equal(states[1]);
  });

  it('reports a cancel inside the widget as abort { state, flow_id, reason: widget }', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'cancel' }) });
    const ended = connect.next('abort');
    const { flow_id } = (await connect.open()).detail;
    const { detail } = await ended;
    expect(Object.keys(detail).sort()).to.deep.equal(['flow_id', 'reason', 'state']);
    expect(detail).to.include({ reason: 'widget', flow_id });
    await connect.el.updateComplete;
    await nextTask();
    expect(connect.ended).to.have.length(1);
    expect(connect.focused, 'focus returns to the button').to.equal(connect.button);
  });

  it('reports a failed flow as error flow-failed with its flow_id and an English message', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'fail' }) });
    const ended = connect.next('error');
    connect.el.open();
    const { detail } = await ended;
    expect(detail.code).to.equal('flow-failed');
    expect(detail.flow_id).to.be.a('string');
    expect(detail.message).to.equal('The bank connection did not succeed.');
    await connect.el.updateComplete;
    expect(connect.errorText, 'the user sees the localized text').to.not.equal(detail.message);
    expect(connect.focused, 'focus returns to the button').to.equal(connect.button);
  });

  describe('the older message shape { location, query, url }', () => {
    it('completes with success', async () => {
      const switches = { autopilot: 'authorize', message_shape: 'legacy' };
      const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint(switches) });
      const ended = connect.nextTerminal();
      connect.el.open();
      expect((await ended).type).to.equal('success');
    });

    it('reads cancel=true as abort', async () => {
      const switches = { autopilot: 'cancel', message_shape: 'legacy' };
      const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint(switches) });
      const ended = connect.next('abort');
      connect.el.open();
      expect((await ended).detail.reason).to.equal('widget');
    });
  });

  it('can run another flow after one ended', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'cancel' }) });
    const aborted = connect.next('abort');
    connect.el.open();
    await aborted;
    connect.el.endpoint = widgetLinkEndpoint({ autopilot: 'authorize' });
    const success = connect.next('success');
    connect.el.open();
    await success;
  });
});
