// Issue 14, item 15: no silent hang. A host whose CSP lacks the widget's frame-src gets an `error` that names the
// cause and the fix, instead of an empty overlay forever.
import { expect } from '@open-wc/testing';
import { nextTask, sandboxUrl, waitFor } from '../helpers.js';

interface Recorded {
  type: string;
  detail: Record<string, unknown>;
}
type HostPage = Window & { nrichEvents?: Recorded[] };

describe('security: a widget frame the page blocks', () => {
  for (const [mode, preload] of [
    ['overlay', false],
    ['inline', false],
    // The preloaded frame is blocked before the click, when no flow listens yet: the click must not reveal it.
    ['overlay', true],
    ['inline', true],
  ] as const) {
    const name = `${mode}${preload ? ', preloaded' : ''}`;
    it(`${name}: a CSP without the widget's frame-src ends the flow with error frame-blocked naming it`, async () => {
      const frame = document.createElement('iframe');
      frame.title = 'host page with a strict CSP';
      frame.src =
        `/test/fixtures/csp-frame-page.html?mode=${mode}&endpoint=${encodeURIComponent('/api/widget-link')}` +
        (preload ? '&preload' : '');
      document.body.append(frame);
      after(() => frame.remove());
      const page = frame.contentWindow as HostPage & { nrichViolations?: number };
      await waitFor(() => page.nrichEvents && page.document.querySelector('nrich-connect')?.shadowRoot);
      if (preload) {
        // Wait until the preloaded frame was tried and blocked (the page saw the violation), then for the element's
        // reaction to that same event: what it queued is done by the frame's next task.
        await waitFor(() => page.nrichViolations! > 0, 10000);
        await nextTask(page);
      }
      (
        page.document.querySelector('nrich-connect') as HTMLElement & {
          open(): void;
        }
      ).open();
      const ended = await waitFor(() => {
        const terminal = page.nrichEvents!.filter((event) => event.type !== 'open');
        return terminal.length > 0 && terminal;
      }, 10000);
      expect(ended.map((event) => [event.type, event.detail.code])).to.deep.equal([['error', 'frame-blocked']]);
      const widgetOrigin = new URL(await sandboxUrl()).origin;
      expect(ended[0]!.detail.message).to.contain(`frame-src ${widgetOrigin}`);
    });
  }
});
