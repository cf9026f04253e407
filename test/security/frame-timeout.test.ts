// Issue 14, item 15, second half: a widget frame that never loads (a stalled server) is no silent hang either.
import { expect } from '@open-wc/testing';
import { ConnectHarness } from '../harness.js';
import { nextTask, waitFor } from '../helpers.js';

describe('security: a widget frame that never loads', () => {
  for (const mode of ['overlay', 'inline']) {
    it(`${mode}: ends the flow with one error frame-timeout, and the element is usable again`, async () => {
      const connect = await ConnectHarness.create({ mode, 'frame-timeout': '300' });
      // A loopback page that never answers (test/test-endpoints.mjs): the frame's load event never fires.
      connect.el.createLink = () =>
        Promise.resolve({ location: `${window.location.origin}/test/hang`, id: crypto.randomUUID() });
      const failed = connect.next('error');
      connect.button.click();
      const { detail } = await failed;
      expect(detail.code).to.equal('frame-timeout');
      expect(detail.message).to.contain('300 ms');
      await nextTask(); // the flow's own ending, stale now, would come in the same chain
      expect(connect.ended.map((event) => event.type)).to.deep.equal(['error']);
      await connect.el.updateComplete;
      expect(connect.el.shadowRoot!.querySelector('iframe')).to.equal(null);
      expect(connect.button.getAttribute('aria-busy')).to.equal('false');
    });
  }

  it('a frame that loads is not ended by the guard', async () => {
    const connect = await ConnectHarness.create({ 'frame-timeout': '3000' });
    const location = `${window.location.origin}/test/fixtures/element-page.html`;
    connect.el.createLink = () => Promise.resolve({ location, id: crypto.randomUUID() });
    const clicked = performance.now();
    const opened = connect.next('open');
    connect.button.click();
    await opened;
    const frame = connect.el.shadowRoot!.querySelector('iframe')!;
    await waitFor(
      () => frame.contentDocument?.readyState === 'complete' && frame.contentWindow?.location.href === location,
    );
    // Past the guard's deadline, counted from the click: a loaded frame must still be open.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, clicked + 3300 - performance.now())));
    expect(connect.ended).to.deep.equal([]);
    const aborted = connect.next('abort');
    connect.el.close();
    await aborted;
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['abort']);
  });
});
