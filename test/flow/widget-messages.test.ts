import { expect } from '@open-wc/testing';
import { ConnectHarness } from '../harness.js';
import { nextTask, sandboxUrl, windowMessage, widgetLinkEndpoint } from '../helpers.js';

/** A widget result that would be a success for this flow, were it accepted. */
function forgedSuccess(state: string, flow_id: string) {
  const query = { state, code: 'forged-code', success: 'true', abort: 'false', flow_id };
  return { link: `${window.location.origin}/?${new URLSearchParams(query)}`, query };
}

/** Opens a flow that stays open (the sandbox widget waits for the user). */
async function openFlow(): Promise<{ connect: ConnectHarness; flow_id: string }> {
  const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint(), state: 'pinned-state' });
  return { connect, flow_id: (await connect.open()).detail.flow_id };
}

describe('widget messages are accepted only from the flow frame on the widget origin', () => {
  it('ignores a well-formed result posted from the wrong origin (this page)', async () => {
    const { connect, flow_id } = await openFlow();
    const seen = windowMessage((event) => event.source === window); // after the element's listener, and its effects
    window.postMessage(forgedSuccess('pinned-state', flow_id), '*');
    await seen;
    expect(connect.ended).to.have.length(0);
    expect(connect.frame).to.not.equal(null);
    connect.el.close();
  });

  it('ignores a well-formed result from the widget origin but another window', async () => {
    const { connect, flow_id } = await openFlow();
    const sandbox = await sandboxUrl();
    const forger = document.createElement('iframe');
    forger.title = 'forger';
    const posted = new Promise((resolve) => forger.addEventListener('load', resolve));
    forger.src = `${sandbox}/_test/post-message?target=${encodeURIComponent(window.location.origin)}#${encodeURIComponent(
      JSON.stringify(forgedSuccess('pinned-state', flow_id)),
    )}`;
    // Proof the forger really posts: this page receives its message from the sandbox origin.
    const received = new Promise<MessageEvent>((resolve) =>
      window.addEventListener('message', (event) => event.source === forger.contentWindow && resolve(event)),
    );
    document.body.append(forger);
    await posted;
    expect((await received).origin).to.equal(new URL(sandbox).origin); // a listener added after the element's
    await nextTask();
    expect(connect.ended).to.have.length(0);
    forger.remove();
    connect.el.close();
  });

  it('ends with state-mismatch, never success, when the real widget reports another state', async () => {
    const connect = await ConnectHarness.create();
    // The host's backend (or an attacker in between) starts the widget with a state the element did not choose.
    connect.el.createLink = async (request) => {
      const response = await fetch(widgetLinkEndpoint({ autopilot: 'authorize' }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...request, state: 'someone-elses-state' }),
      });
      return response.json();
    };
    const ended = connect.next('error');
    connect.el.open();
    const { detail } = await ended;
    expect(detail.code).to.equal('state-mismatch');
    await nextTask();
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['error']);
  });
});
