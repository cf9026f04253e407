import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { dialogOf, frameOf, nextTerminal, widgetLinkEndpoint } from '../helpers.js';

describe('inline presenter', () => {
  it('renders the widget frame inside the element, in the page flow, axe-clean', async () => {
    const el = await fixture<NrichConnect>(
      html`<nrich-connect mode="inline" endpoint=${widgetLinkEndpoint()}></nrich-connect>`,
    );
    const opened = oneEvent(el, 'open');
    el.open();
    expect((await opened).detail.mode).to.equal('inline');
    const frame = frameOf(el)!;
    expect(frame.closest('[part="inline"]')).to.not.equal(null);
    expect(dialogOf(el)).to.equal(null);
    expect(frame.getBoundingClientRect().height).to.be.greaterThan(300);
    await expect(el).to.be.accessible();
    el.close();
  });

  it('ends with success from the real widget and removes the frame', async () => {
    const el = await fixture<NrichConnect>(
      html`<nrich-connect mode="inline" endpoint=${widgetLinkEndpoint({ autopilot: 'authorize' })}></nrich-connect>`,
    );
    const ended = nextTerminal(el);
    el.open();
    expect((await ended).type).to.equal('success');
    expect(frameOf(el)).to.equal(null);
  });

  it('takes its height from --nrich-connect-frame-height', async () => {
    const el = await fixture<NrichConnect>(
      html`<nrich-connect
        mode="inline"
        style="--nrich-connect-frame-height: 333px"
        endpoint=${widgetLinkEndpoint()}
      ></nrich-connect>`,
    );
    const opened = oneEvent(el, 'open');
    el.open();
    await opened;
    expect(Math.round(frameOf(el)!.getBoundingClientRect().height)).to.equal(333);
    el.close();
  });
});
