import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import { relayChannelName, type RelayMessage } from '../../src/callback.js';
import type { NrichConnect } from '../../src/index.js';
import {
  callbackPage,
  connectButton,
  dialogOf,
  nextTerminal,
  recordTerminalEvents,
  sandboxUrl,
  settle,
  waitFor,
  widgetLinkEndpoint,
} from '../helpers.js';

async function popupElement(switches: Record<string, string> = {}, redirectUri = callbackPage): Promise<NrichConnect> {
  return fixture<NrichConnect>(html`
    <nrich-connect mode="popup" redirect-uri=${redirectUri} endpoint=${widgetLinkEndpoint(switches)}></nrich-connect>
  `);
}

function waitingPanel(el: NrichConnect): HTMLElement | null {
  return el.shadowRoot!.querySelector('[part="waiting"]');
}

function waitingButton(el: NrichConnect, name: string): HTMLButtonElement {
  const button = [...waitingPanel(el)!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);
  if (!button) throw new Error(`no "${name}" button`);
  return button;
}

describe('popup presenter', () => {
  afterEach(() => sinon.restore());

  it('opens a blank window inside the click, navigates it, and ends with success through the callback page', async () => {
    const el = await popupElement({ autopilot: 'authorize' });
    const open = sinon.spy(window, 'open');
    const seen = recordTerminalEvents(el);
    const opened = oneEvent(el, 'open');
    const ended = nextTerminal(el);
    connectButton(el).click();
    // Synchronously in the click, before any await: what popup blockers require.
    expect(open.callCount).to.equal(1);
    expect(open.firstCall.args[0]).to.equal('');
    expect(open.firstCall.args[2]).to.match(/popup,width=480,height=720/);
    expect((await opened).detail.mode).to.equal('popup');
    const event = await ended;
    expect(event.type).to.equal('success');
    await settle();
    expect(seen).to.have.length(1);
    expect(open.firstCall.returnValue!.closed).to.equal(true);
    expect(waitingPanel(el)).to.equal(null);
  });

  it('shows a waiting panel with continue and cancel, axe-clean; cancel ends with abort dismissed', async () => {
    const el = await popupElement();
    const opened = oneEvent(el, 'open');
    el.open();
    await opened;
    await el.updateComplete;
    expect(waitingPanel(el)).to.not.equal(null);
    expect(connectButton(el).hidden).to.equal(true);
    await expect(el).to.be.accessible();
    waitingButton(el, 'Im Fenster fortfahren').click(); // focuses the popup, ends nothing
    const ended = oneEvent(el, 'abort');
    waitingButton(el, 'Abbrechen').click();
    expect((await ended).detail.reason).to.equal('dismissed');
    await el.updateComplete;
    expect(connectButton(el).hidden).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(connectButton(el));
  });

  it('reports a cancel in the widget as abort widget and a failure as flow-failed', async () => {
    let el = await popupElement({ autopilot: 'cancel' });
    const aborted = oneEvent(el, 'abort');
    el.open();
    expect((await aborted).detail.reason).to.equal('widget');

    el = await popupElement({ autopilot: 'fail' });
    const failed = oneEvent(el, 'error');
    el.open();
    expect((await failed).detail.code).to.equal('flow-failed');
  });

  it('completes with success when a COOP page severs the opener, with no abort before it', async () => {
    // The widget page is served with Cross-Origin-Opener-Policy: same-origin; it authorizes after 2 s, long
    // enough for the element to see the popup as "closed".
    const el = await popupElement({ coop: '1', autopilot: 'authorize', autopilot_delay: '2000' });
    const seen = recordTerminalEvents(el);
    const ended = nextTerminal(el);
    el.open();
    await waitFor(() => waitingPanel(el)?.textContent?.includes('geschlossen'));
    expect(seen, 'no premature abort while the popup only looks closed').to.have.length(0);
    const event = await ended;
    expect(event.type).to.equal('success');
    await settle();
    expect(seen).to.have.length(1);
  });

  it('ends with abort popup-closed when the user closed the popup and nothing arrives', async () => {
    const el = await popupElement();
    el.popupClosedTimeout = 600;
    const open = sinon.spy(window, 'open');
    const opened = oneEvent(el, 'open');
    el.open();
    await opened;
    const ended = oneEvent(el, 'abort');
    open.firstCall.returnValue!.close();
    await waitFor(() => waitingPanel(el)?.textContent?.includes('Fenster erneut öffnen'));
    await expect(el).to.be.accessible();
    expect((await ended).detail.reason).to.equal('popup-closed');
  });

  it('reopens a closed popup on request and still completes', async () => {
    const el = await popupElement();
    const open = sinon.spy(window, 'open');
    const opened = oneEvent(el, 'open');
    el.open();
    await opened;
    open.firstCall.returnValue!.close();
    await waitFor(() => waitingPanel(el)?.textContent?.includes('Fenster erneut öffnen'));
    waitingButton(el, 'Fenster erneut öffnen').click();
    expect(open.callCount).to.equal(2);
    await el.updateComplete;
    expect(waitingPanel(el)!.textContent).to.include('Im Fenster fortfahren');
    const ended = oneEvent(el, 'abort');
    el.close();
    await ended;
    expect(open.secondCall.returnValue!.closed).to.equal(true);
  });

  it('falls back to the overlay when the popup is blocked, and says so in the open event', async () => {
    sinon.stub(window, 'open').returns(null);
    const el = await popupElement();
    const opened = oneEvent(el, 'open');
    el.open();
    expect((await opened).detail.mode).to.equal('overlay');
    expect(dialogOf(el)).to.not.equal(null);
    el.close();
  });

  it('ends with error popup-blocked when blocked and popup-fallback="none"', async () => {
    sinon.stub(window, 'open').returns(null);
    const el = await popupElement();
    el.popupFallback = 'none';
    const ended = oneEvent(el, 'error');
    el.open();
    expect((await ended).detail.code).to.equal('popup-blocked');
    expect(dialogOf(el)).to.equal(null);
    await el.updateComplete;
    expect(connectButton(el).getAttribute('aria-busy')).to.equal('false');
  });

  it('closes the blank popup again when the link request fails', async () => {
    const el = await fixture<NrichConnect>(
      html`<nrich-connect mode="popup" endpoint="/test/respond?status=500"></nrich-connect>`,
    );
    const open = sinon.spy(window, 'open');
    const ended = oneEvent(el, 'error');
    el.open();
    expect((await ended).detail.code).to.equal('endpoint');
    expect(open.firstCall.returnValue!.closed).to.equal(true);
  });

  it('ignores relayed results from another origin or for another state, and takes the right one', async () => {
    const el = await popupElement();
    el.state = 'popup-state';
    const seen = recordTerminalEvents(el);
    const opened = oneEvent(el, 'open');
    el.open();
    const { flowId } = (await opened).detail;
    const relay = (state: string): RelayMessage => ({
      type: 'nrich-connect:callback',
      query: { state, code: 'relayed-code', success: 'true', abort: 'false', flow_id: flowId },
    });

    // Right state, wrong origin: a page of the sandbox origin posting to this window.
    const forger = document.createElement('iframe');
    forger.title = 'forger';
    const posted = new Promise((resolve) => forger.addEventListener('load', resolve));
    forger.src = `${await sandboxUrl()}/_test/post-message?target=${encodeURIComponent(window.location.origin)}#${encodeURIComponent(
      JSON.stringify(relay('popup-state')),
    )}`;
    document.body.append(forger);
    await posted;
    // Same origin, another tab's state (every tab hears the channel).
    const channel = new BroadcastChannel(relayChannelName);
    channel.postMessage(relay('another-tabs-state'));
    await settle(300);
    expect(seen).to.have.length(0);

    const ended = oneEvent(el, 'success');
    channel.postMessage(relay('popup-state'));
    expect((await ended).detail.code).to.equal('relayed-code');
    channel.close();
    forger.remove();
  });

  it('needs only the element on the redirect_uri page: it relays and closes the popup', async () => {
    const page = `${window.location.origin}/test/fixtures/element-page.html`;
    const el = await popupElement({ autopilot: 'authorize' }, page);
    const ended = nextTerminal(el);
    el.open();
    expect((await ended).type).to.equal('success');
  });
});
