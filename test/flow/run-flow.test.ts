import { expect } from '@open-wc/testing';
import { ConnectError } from '../../src/protocol/connect-error.js';
import { readLink } from '../../src/flow/link-request.js';
import { runFlow, type FlowInput, type WidgetToShow } from '../../src/flow/run-flow.js';
import { sendLinkRequest, type CreateLink } from '../../src/flow/send-link-request.js';
import { trackWindowListeners } from '../helpers.js';

/**
 * A flow shown in the overlay whose link comes from `createLink`, sent the way the element sends it (before the
 * flow runs); nothing is rendered (onOpen is the test's).
 */
function input(createLink: CreateLink, signal = new AbortController().signal): FlowInput {
  const request = { redirect_uri: 'https://app.example/back', language: 'en', state: 'state-1' } as const;
  return {
    state: 'state-1',
    mode: 'overlay',
    link: readLink(sendLinkRequest({ createLink, timeout: 5000 }, request, signal)),
  };
}

const link = async () => ({ location: 'https://widget.example/flow', id: 'flow-1' });

describe('runFlow(input, signal, { onOpen }) -> Promise<Outcome>', () => {
  it('returns abort at once for an aborted signal, and shows nothing', async () => {
    let shown = false;
    const controller = new AbortController();
    controller.abort('dismissed');
    const outcome = await runFlow(input(link, controller.signal), controller.signal, {
      onOpen: () => ((shown = true), () => null),
    });
    expect(outcome).to.deep.equal({ type: 'abort', state: 'state-1', reason: 'dismissed' });
    expect(shown).to.equal(false);
  });

  it('ends with the reason the element aborts with, carrying the flow id once the link arrived', async () => {
    const controller = new AbortController();
    let shown: WidgetToShow | undefined;
    const outcome = runFlow(input(link), controller.signal, {
      onOpen: (widget) => {
        shown = widget;
        setTimeout(() => controller.abort('popup-closed'));
        return () => null;
      },
    });
    expect(await outcome).to.deep.equal({ type: 'abort', state: 'state-1', flow_id: 'flow-1', reason: 'popup-closed' });
    expect(shown).to.deep.include({ flow_id: 'flow-1', state: 'state-1', mode: 'overlay' });
    expect(shown!.location.href).to.equal('https://widget.example/flow');
  });

  it('calls an exception inside the flow `internal` (with the flow id), never a network error', async () => {
    const outcome = await runFlow(input(link), new AbortController().signal, {
      onOpen: () => {
        throw new TypeError('cannot show');
      },
    });
    expect(outcome).to.deep.equal({
      type: 'error',
      code: 'internal',
      message: 'Unexpected error in the flow: TypeError: cannot show',
      flow_id: 'flow-1',
    });
  });

  it('passes a ConnectError from createLink through with its code and status', async () => {
    const createLink = () => Promise.reject(new ConnectError('endpoint', 'Sign in again.', 401));
    const outcome = await runFlow(input(createLink), new AbortController().signal, { onOpen: () => () => null });
    expect(outcome).to.deep.equal({ type: 'error', code: 'endpoint', message: 'Sign in again.', status: 401 });
  });

  it('reads a link that failed while the flow’s code loaded: one error, nothing shown', async () => {
    const failed = input(() => Promise.reject(new ConnectError('timeout', 'No widget link after 5000 ms.')));
    await failed.link.catch(() => undefined); // the failure happened before runFlow was even called
    let shown = false;
    const outcome = await runFlow(failed, new AbortController().signal, { onOpen: () => ((shown = true), () => null) });
    expect(outcome).to.deep.equal({ type: 'error', code: 'timeout', message: 'No widget link after 5000 ms.' });
    expect(shown).to.equal(false);
  });

  it('listens on window while it waits for the widget, and releases everything before it returns', async () => {
    const tracker = trackWindowListeners();
    try {
      const controller = new AbortController();
      let listening: string[] = [];
      const outcome = runFlow(input(link), controller.signal, {
        onOpen: () => {
          setTimeout(() => {
            listening = tracker.installed();
            controller.abort('host');
          });
          return () => null;
        },
      });
      expect((await outcome).type).to.equal('abort');
      // The widget's messages, and a CSP refusing its frame (src/windows/frame-guard.ts).
      expect(listening).to.have.members(['window message', 'document securitypolicyviolation']);
      expect(tracker.installed()).to.deep.equal([]);
    } finally {
      tracker.stop();
    }
  });
});
