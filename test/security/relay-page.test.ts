// Issue 14, item 12: the standalone relay page says nothing positive unless it delivered a result.
import { expect } from '@open-wc/testing';
import { relayChannelName, type RelayMessage } from '../../src/protocol/relay-message.js';
import { callbackPage, nextTask, waitFor } from '../helpers.js';

const forged = 'state=forged&code=attacker-code&success=true&abort=false&flow_id=f1';

function frame(url: string): HTMLIFrameElement {
  const element = document.createElement('iframe');
  element.title = 'callback page';
  element.src = url;
  document.body.append(element);
  after(() => element.remove());
  return element;
}

describe('security: the relay page', () => {
  it('opened by hand with a forged result, it never says the connection is complete', async () => {
    // The forged result goes out on the channel; what answers is a page waiting for another state.
    const channel = new BroadcastChannel(relayChannelName);
    after(() => channel.close());
    const relayed = new Promise((resolve) => (channel.onmessage = resolve));
    const page = frame(`${callbackPage}?${forged}`);
    await relayed;
    await waitFor(() => page.contentDocument?.body.textContent?.trim());
    // A channel made in the page after its own hears the receipt after it: the page has read it by then.
    const witness = new (page.contentWindow as typeof window).BroadcastChannel(relayChannelName);
    const read = new Promise((resolve) => (witness.onmessage = resolve));
    channel.postMessage({ type: 'nrich-connect:received', state: 'another-state' });
    await read;
    witness.close();
    await nextTask(page.contentWindow!);
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
