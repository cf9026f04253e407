import { expect } from '@open-wc/testing';
import { relayChannelName, type RelayMessage } from '../../src/protocol/relay-message.js';
import { callbackPage, waitFor } from '../helpers.js';

describe('callback page (standalone relay)', () => {
  it('relays over BroadcastChannel, cleans its address bar, and shows a human message when it cannot close', async () => {
    const channel = new BroadcastChannel(relayChannelName);
    const relayed = new Promise<RelayMessage>((resolve) => (channel.onmessage = (event) => resolve(event.data)));
    const frame = document.createElement('iframe');
    frame.title = 'callback page';
    frame.src = `${callbackPage}?state=s1&code=c1&success=true&abort=false&flow_id=f1`;
    document.body.append(frame);
    const message = await relayed;
    expect(message).to.deep.equal({
      type: 'nrich-connect:callback',
      query: { state: 's1', code: 'c1', success: 'true', abort: 'false', flow_id: 'f1' },
    });
    // A frame cannot close itself: the page says what to do, and the code is gone from its address.
    const text = await waitFor(() => frame.contentDocument?.body.textContent?.trim());
    expect(text).to.contain('started in another window');
    expect(frame.contentWindow!.location.search).to.equal('');
    channel.close();
    frame.remove();
  });

  it('says there is nothing to do when opened without a result', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'callback page';
    frame.src = callbackPage;
    document.body.append(frame);
    const text = await waitFor(() => frame.contentDocument?.body.textContent?.trim());
    expect(text).to.contain('Nothing to do here');
    frame.remove();
  });
});
