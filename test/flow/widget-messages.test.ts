import { expect, oneEvent } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { element, frameOf, recordTerminalEvents, sandboxUrl, settle, widgetLinkEndpoint } from '../helpers.js';

/** A widget result that would be a success for this flow, were it accepted. */
function forgedSuccess(state: string, flowId: string) {
  const query = { state, code: 'forged-code', success: 'true', abort: 'false', flow_id: flowId };
  return { link: `${window.location.origin}/?${new URLSearchParams(query)}`, query };
}

/** Opens a flow that stays open (the sandbox widget waits for the user). */
async function openFlow(): Promise<{ el: NrichConnect; flowId: string }> {
  const el = await element(widgetLinkEndpoint());
  el.state = 'pinned-state';
  const opened = oneEvent(el, 'open');
  el.open();
  return { el, flowId: (await opened).detail.flowId };
}

describe('widget messages are accepted only from the flow frame on the widget origin', () => {
  it('ignores a well-formed result posted from the wrong origin (this page)', async () => {
    const { el, flowId } = await openFlow();
    const seen = recordTerminalEvents(el);
    window.postMessage(forgedSuccess('pinned-state', flowId), '*');
    await settle(300);
    expect(seen).to.have.length(0);
    expect(frameOf(el)).to.not.equal(null);
    el.close();
  });

  it('ignores a well-formed result from the widget origin but another window', async () => {
    const { el, flowId } = await openFlow();
    const seen = recordTerminalEvents(el);
    const sandbox = await sandboxUrl();
    const forger = document.createElement('iframe');
    forger.title = 'forger';
    const posted = new Promise((resolve) => forger.addEventListener('load', resolve));
    forger.src = `${sandbox}/_test/post-message?target=${encodeURIComponent(window.location.origin)}#${encodeURIComponent(
      JSON.stringify(forgedSuccess('pinned-state', flowId)),
    )}`;
    // Proof the forger really posts: this page receives its message from the sandbox origin.
    const received = new Promise<MessageEvent>((resolve) =>
      window.addEventListener('message', (event) => event.source === forger.contentWindow && resolve(event)),
    );
    document.body.append(forger);
    await posted;
    expect((await received).origin).to.equal(new URL(sandbox).origin);
    await settle(300);
    expect(seen).to.have.length(0);
    forger.remove();
    el.close();
  });

  it('ends with state-mismatch, never success, when the real widget reports another state', async () => {
    const el = await element();
    const seen = recordTerminalEvents(el);
    // The host's backend (or an attacker in between) starts the widget with a state the element did not choose.
    el.createLink = async (request) => {
      const response = await fetch(widgetLinkEndpoint({ autopilot: 'authorize' }), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...request, state: 'someone-elses-state' }),
      });
      return response.json();
    };
    const ended = oneEvent(el, 'error');
    el.open();
    const { detail } = await ended;
    expect(detail.code).to.equal('state-mismatch');
    await settle();
    expect(seen.map((event) => event.type)).to.deep.equal(['error']);
  });
});
