// Issue 14, items 3 and 4: two popup flows never share a window, and a stale redirect entry in sessionStorage
// (the user pressed Back on the widget once) does not stop a popup's callback page from relaying.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { ConnectHarness } from '../harness.js';
import { callbackPage, nextTask, widgetLinkEndpoint } from '../helpers.js';
import { staleRedirectEntries } from './stranded-redirect.js';

const elementPage = `${window.location.origin}/test/fixtures/element-page.html`;

function popupElement(switches: Record<string, string> = {}, redirectUri = callbackPage): Promise<ConnectHarness> {
  return ConnectHarness.create({
    mode: 'popup',
    'redirect-uri': redirectUri,
    endpoint: widgetLinkEndpoint(switches),
  });
}

describe('security: popup windows', () => {
  afterEach(() => {
    sinon.restore();
    sessionStorage.clear();
  });

  it('two elements open two windows under different names, and both flows succeed', async () => {
    const first = await popupElement({
      autopilot: 'authorize',
      autopilot_delay: '1500',
    });
    const second = await popupElement({
      autopilot: 'authorize',
      autopilot_delay: '300',
    });
    const open = sinon.spy(window, 'open');
    const firstEnded = first.nextTerminal();
    const secondEnded = second.nextTerminal();
    first.el.open();
    second.el.open();
    const [firstName, secondName] = [open.firstCall.args[1], open.secondCall.args[1]];
    expect(firstName).to.not.equal(secondName);
    expect(open.firstCall.returnValue).to.not.equal(open.secondCall.returnValue);
    expect((await secondEnded).type).to.equal('success');
    expect((await firstEnded).type).to.equal('success');
    await nextTask();
    expect([first.ended.length, second.ended.length]).to.deep.equal([1, 1]);
  });

  it('a stale redirect entry does not make the popup callback page (the element page) report state-mismatch', async () => {
    // Left by a redirect flow whose user pressed Back on the widget. The popup gets a copy of this tab's
    // sessionStorage, so its callback page sees the entry too.
    await staleRedirectEntries();
    const connect = await popupElement({ autopilot: 'authorize' }, elementPage);
    const ended = connect.nextTerminal();
    connect.el.open();
    const event = await ended;
    expect(event.type, JSON.stringify(event.detail)).to.equal('success');
  });
});
