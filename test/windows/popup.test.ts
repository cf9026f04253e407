import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { relayChannelName, type RelayMessage } from '../../src/protocol/relay-message.js';
import { ConnectHarness } from '../harness.js';
import { callbackPage, nextTask, sandboxUrl, waitFor, windowMessage, widgetLinkEndpoint } from '../helpers.js';

function popupElement(switches: Record<string, string> = {}, redirectUri = callbackPage): Promise<ConnectHarness> {
  return ConnectHarness.create({ mode: 'popup', 'redirect-uri': redirectUri, endpoint: widgetLinkEndpoint(switches) });
}

describe('popup mode (src/windows/popup-window.ts, popup-watch.ts)', () => {
  afterEach(() => sinon.restore());

  it('opens a blank window inside the click, navigates it, and ends with success through the callback page', async () => {
    const connect = await popupElement({ autopilot: 'authorize' });
    const open = sinon.spy(window, 'open');
    const opened = connect.next('open');
    const ended = connect.nextTerminal();
    connect.button.click();
    // Synchronously in the click, before any await: what popup blockers require.
    expect(open.callCount).to.equal(1);
    expect(open.firstCall.args[0]).to.equal('');
    expect(open.firstCall.args[2]).to.match(/popup,width=480,height=720/);
    expect((await opened).detail.mode).to.equal('popup');
    const event = await ended;
    expect(event.type).to.equal('success');
    await connect.el.updateComplete;
    await nextTask();
    expect(connect.ended).to.have.length(1);
    expect(open.firstCall.returnValue!.closed).to.equal(true);
    expect(connect.waiting).to.equal(null);
  });

  it('shows a waiting panel with continue and cancel, axe-clean; cancel ends with abort dismissed', async () => {
    const connect = await popupElement();
    const opened = connect.next('open');
    connect.el.open();
    await opened;
    await connect.el.updateComplete;
    expect(connect.waiting).to.not.equal(null);
    expect(connect.button.hidden).to.equal(true);
    await expect(connect.el).to.be.accessible();
    connect.waitingButton('Im Fenster fortfahren').click(); // focuses the popup, ends nothing
    const ended = connect.next('abort');
    connect.waitingButton('Abbrechen').click();
    expect((await ended).detail.reason).to.equal('dismissed');
    await connect.el.updateComplete;
    expect(connect.button.hidden).to.equal(false);
    expect(connect.focused).to.equal(connect.button);
  });

  it('reports a cancel in the widget as abort widget and a failure as flow-failed', async () => {
    let connect = await popupElement({ autopilot: 'cancel' });
    const aborted = connect.next('abort');
    connect.el.open();
    expect((await aborted).detail.reason).to.equal('widget');

    connect = await popupElement({ autopilot: 'fail' });
    const failed = connect.next('error');
    connect.el.open();
    expect((await failed).detail.code).to.equal('flow-failed');
  });

  it('completes with success when a COOP page severs the opener, with no abort before it', async () => {
    // The widget page is served with Cross-Origin-Opener-Policy: same-origin; it authorizes after 2 s, long
    // enough for the element to see the popup as "closed".
    const connect = await popupElement({ coop: '1', autopilot: 'authorize', autopilot_delay: '2000' });
    const ended = connect.nextTerminal();
    connect.el.open();
    await waitFor(() => connect.waiting?.textContent?.includes('geschlossen'));
    expect(connect.ended, 'no premature abort while the popup only looks closed').to.have.length(0);
    const event = await ended;
    expect(event.type).to.equal('success');
    await nextTask();
    expect(connect.ended).to.have.length(1);
  });

  it('ends with abort popup-closed when the user closed the popup and nothing arrives', async () => {
    const connect = await popupElement();
    connect.el.popupClosedTimeout = 600;
    const open = sinon.spy(window, 'open');
    const opened = connect.next('open');
    connect.el.open();
    await opened;
    const ended = connect.next('abort');
    open.firstCall.returnValue!.close();
    await waitFor(() => connect.waiting?.textContent?.includes('Fenster erneut öffnen'));
    await expect(connect.el).to.be.accessible();
    expect((await ended).detail.reason).to.equal('popup-closed');
  });

  it('reopens a closed popup on request and still completes', async () => {
    const connect = await popupElement();
    const open = sinon.spy(window, 'open');
    const opened = connect.next('open');
    connect.el.open();
    await opened;
    open.firstCall.returnValue!.close();
    await waitFor(() => connect.waiting?.textContent?.includes('Fenster erneut öffnen'));
    connect.waitingButton('Fenster erneut öffnen').click();
    expect(open.callCount).to.equal(2);
    await connect.el.updateComplete;
    expect(connect.waiting!.textContent).to.include('Im Fenster fortfahren');
    const ended = connect.next('abort');
    connect.el.close();
    await ended;
    expect(open.secondCall.returnValue!.closed).to.equal(true);
  });

  it('falls back to the overlay when the popup is blocked, and says so in the open event', async () => {
    sinon.stub(window, 'open').returns(null);
    const connect = await popupElement();
    const opened = connect.next('open');
    connect.el.open();
    expect((await opened).detail.mode).to.equal('overlay');
    expect(connect.dialog).to.not.equal(null);
    connect.el.close();
  });

  it('ends with error popup-blocked when blocked and popup-fallback="none"', async () => {
    sinon.stub(window, 'open').returns(null);
    const connect = await popupElement();
    connect.el.popupFallback = 'none';
    const ended = connect.next('error');
    connect.el.open();
    expect((await ended).detail.code).to.equal('popup-blocked');
    expect(connect.dialog).to.equal(null);
    await connect.el.updateComplete;
    expect(connect.button.getAttribute('aria-busy')).to.equal('false');
  });

  it('closes the blank popup again when the link request fails', async () => {
    const connect = await ConnectHarness.create({ mode: 'popup', endpoint: '/test/respond?status=500' });
    const open = sinon.spy(window, 'open');
    const ended = connect.next('error');
    connect.el.open();
    expect((await ended).detail.code).to.equal('endpoint');
    expect(open.firstCall.returnValue!.closed).to.equal(true);
  });

  it('ignores relayed results from another origin or for another state, and takes the right one', async () => {
    const connect = await popupElement();
    connect.el.state = 'popup-state';
    const opened = connect.next('open');
    connect.el.open();
    const { flow_id } = (await opened).detail;
    const relay = (state: string): RelayMessage => ({
      type: 'nrich-connect:callback',
      query: { state, code: 'relayed-code', success: 'true', abort: 'false', flow_id },
    });

    // Right state, wrong origin: a page of the sandbox origin posting to this window.
    const forger = document.createElement('iframe');
    forger.title = 'forger';
    const posted = new Promise((resolve) => forger.addEventListener('load', resolve));
    forger.src = `${await sandboxUrl()}/_test/post-message?target=${encodeURIComponent(window.location.origin)}#${encodeURIComponent(
      JSON.stringify(relay('popup-state')),
    )}`;
    const forged = windowMessage((event) => event.source === forger.contentWindow); // after the element's listener
    document.body.append(forger);
    await posted;
    await forged;
    // Same origin, another tab's state (every tab hears the channel). A channel made after the element's hears a
    // message after it (channels are told in the order they were made).
    const channel = new BroadcastChannel(relayChannelName);
    const witness = new BroadcastChannel(relayChannelName);
    const heard = new Promise((resolve) => (witness.onmessage = resolve));
    channel.postMessage(relay('another-tabs-state'));
    await heard;
    witness.close();
    await nextTask();
    expect(connect.ended).to.have.length(0);

    const ended = connect.next('success');
    channel.postMessage(relay('popup-state'));
    expect((await ended).detail.code).to.equal('relayed-code');
    channel.close();
    forger.remove();
  });

  it('needs only the element on the redirect_uri page: it relays and closes the popup', async () => {
    const page = `${window.location.origin}/test/fixtures/element-page.html`;
    const connect = await popupElement({ autopilot: 'authorize' }, page);
    const ended = connect.nextTerminal();
    connect.el.open();
    expect((await ended).type).to.equal('success');
  });
});
