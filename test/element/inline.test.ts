import { expect } from '@open-wc/testing';
import { ConnectHarness } from '../harness.js';
import { widgetLinkEndpoint } from '../helpers.js';

describe('inline (the frame in the element’s template)', () => {
  it('renders the widget frame inside the element, in the page flow, axe-clean', async () => {
    const connect = await ConnectHarness.create({ mode: 'inline', endpoint: widgetLinkEndpoint() });
    expect((await connect.open()).detail.mode).to.equal('inline');
    const frame = connect.frame!;
    expect(frame.closest('[part="inline"]')).to.not.equal(null);
    expect(connect.dialog).to.equal(null);
    expect(frame.getBoundingClientRect().height).to.be.greaterThan(300);
    await expect(connect.el).to.be.accessible();
    connect.el.close();
  });

  it('ends with success from the real widget and removes the frame', async () => {
    const connect = await ConnectHarness.create({
      mode: 'inline',
      endpoint: widgetLinkEndpoint({ autopilot: 'authorize' }),
    });
    const ended = connect.nextTerminal();
    connect.el.open();
    expect((await ended).type).to.equal('success');
    await connect.el.updateComplete;
    expect(connect.frame).to.equal(null);
  });

  it('takes its height from --nrich-connect-frame-height', async () => {
    const connect = await ConnectHarness.create({
      mode: 'inline',
      style: '--nrich-connect-frame-height: 333px',
      endpoint: widgetLinkEndpoint(),
    });
    await connect.open();
    expect(Math.round(connect.frame!.getBoundingClientRect().height)).to.equal(333);
    connect.el.close();
  });
});
