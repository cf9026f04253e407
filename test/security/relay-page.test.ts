// Issue 14, item 12: the standalone relay page says nothing positive unless it delivered a result.
import { expect } from '@open-wc/testing';
import { relayChannelName, type RelayMessage } from '../../src/protocol/relay-message.js';
import { callbackPage, waitFor } from '../helpers.js';

const forged = 'state=forged&code=attacker-code&success=true&abort=false&flow_id=f1';

function frame(url: string): HTMLIFrameElement {
  const element = document.createElement('iframe');
  element.title = 'callback page';
  element.src = url;
  document.body.append(element);
  after(() => element.remove());
  return element;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('security: the relay page', () => {
  it('opened by hand with a forged result, it never says the connection is complete', async () => {
    const page = frame(`${callbackPage}?${forged}`);
    await waitFor(() => page.contentDocument?.body.textContent?.trim());
    await settle(2500); // longer than the page waits for a receipt
    const text = page.contentDocument!.body.textContent!;
    expect(text).to.not.match(/complete|success|connected/i);
    expect(text).to.match(/another window/);
  });

  it('says the connection is complete only once the waiting page confirmed it received the result', async () => {
    const channel = new BroadcastChannel(relayChannelName);
    channel.onmessage = (event: MessageEvent<RelayMessage>) => {
      if (event.data.type !== 'nrich-connect:callback') return;
      // What a page whose flow waits for this state answers.
      channel.postMessage({
        type: 'nrich-connect:received',
        state: event.data.query.state,
      });
    };
    after(() => channel.close());
    const page = frame(`${callbackPage}?state=mine&code=c1&success=true&abort=false&flow_id=f1`);
    const text = await waitFor(
      () => /complete/.test(page.contentDocument?.body.textContent ?? '') && page.contentDocument!.body.textContent,
    );
    expect(text).to.contain('You can close this window');
  });
});
