import { expect } from '@open-wc/testing';
import { savePendingRedirect } from '../../src/return/pending-redirect.js';
import { waitFor } from '../helpers.js';

interface Recorded {
  type: string;
  detail: Record<string, unknown>;
}
type ElementPage = Window & { nrichEvents?: Recorded[] };

const elementPage = `${window.location.origin}/test/fixtures/element-page.html`;

/** A real window (the test page itself cannot navigate away) showing the fixture page that hosts the element. */
async function openElementPage(query: string): Promise<ElementPage> {
  const win = window.open(`${elementPage}?${query}`, '_blank') as ElementPage | null;
  if (!win) throw new Error('the test browser blocked window.open');
  await waitFor(() => win.nrichEvents && win.document.querySelector('nrich-connect')?.shadowRoot);
  return win;
}

function terminalEvents(win: ElementPage): Recorded[] {
  return (win.nrichEvents ?? []).filter((event) => event.type !== 'open');
}

describe('redirect mode: leaving for the widget and the way back (src/windows/redirect.ts, src/return/)', () => {
  let win: ElementPage | undefined;
  afterEach(() => win?.close());

  it('leaves for the widget and, back on redirect_uri, ends with success and a clean address bar', async () => {
    const endpoint = '/api/widget-link?autopilot=authorize';
    win = await openElementPage(`mode=redirect&endpoint=${encodeURIComponent(endpoint)}`);
    const page = win;
    (page.document.querySelector('nrich-connect') as HTMLElement & { open(): void }).open();
    // The page leaves for the sandbox widget (another origin), which redirects back with the callback query.
    const events = await waitFor(
      () => page.location.origin === window.location.origin && terminalEvents(page).length > 0 && terminalEvents(page),
      15000,
    );
    expect(events.map((event) => event.type)).to.deep.equal(['success']);
    expect(events[0]!.detail.code).to.be.a('string');
    const search = new URLSearchParams(page.location.search);
    for (const name of ['code', 'state', 'flow_id', 'success', 'abort', 'cancel']) {
      expect(search.has(name), name).to.equal(false);
    }
    expect(Object.keys(page.sessionStorage).filter((key) => key.startsWith('nrich-connect:'))).to.deep.equal([]);
  });

  // A forged or stale callback is loaded in a frame: a window this test opened by script would be taken for a
  // popup's callback (relayed, then closed), which is right for a popup but not what is tested here.
  async function loadInFrame(query: string): Promise<ElementPage> {
    const frame = document.createElement('iframe');
    frame.title = 'element page';
    frame.src = `${elementPage}?${query}`;
    document.body.append(frame);
    after(() => frame.remove());
    return frame.contentWindow as ElementPage;
  }

  it('ends a forged callback (no pending flow in this tab) with state-mismatch, never success', async () => {
    const page = await loadInFrame('state=forged&code=attacker-code&success=true&abort=false&flow_id=x');
    const events = await waitFor(() => terminalEvents(page).length > 0 && terminalEvents(page));
    expect(events.map((event) => [event.type, event.detail.code])).to.deep.equal([['error', 'state-mismatch']]);
    expect(page.location.search).to.not.contain('attacker-code');
  });

  it("leaves a page's own ?state= and ?code= alone (no widget result without success=)", async () => {
    const page = await loadInFrame('state=CA&code=94103&endpoint=%2Fno-such-endpoint');
    await waitFor(() => page.nrichEvents && page.document.querySelector('nrich-connect')?.shadowRoot);
    // A later positive signal instead of a pause: the click's own error (its endpoint answers 404). A widget result
    // taken from the address would have been reported before it.
    (page.document.querySelector('nrich-connect') as HTMLElement & { open(): void }).open();
    const events = await waitFor(() => terminalEvents(page).length > 0 && terminalEvents(page), 10000);
    expect(events.map((event) => [event.type, event.detail.code])).to.deep.equal([['error', 'endpoint']]);
    expect(page.location.search).to.equal('?state=CA&code=94103&endpoint=%2Fno-such-endpoint');
  });

  it('ends a callback for another state than the pending flow with state-mismatch', async () => {
    // Frames share this tab's sessionStorage: a flow "pending" here is pending for the frame too.
    savePendingRedirect({ state: 'mine', flow_id: 'f' });
    const page = await loadInFrame('state=stale&code=old-code&success=true&flow_id=f');
    const events = await waitFor(() => terminalEvents(page).length > 0 && terminalEvents(page));
    expect(events.map((event) => [event.type, event.detail.code])).to.deep.equal([['error', 'state-mismatch']]);
    // Not this flow's return: the pending flow is left for its own (a forged link cannot cancel it).
    expect(sessionStorage.getItem('nrich-connect:pending-redirect:mine')).to.not.equal(null);
    sessionStorage.clear();
  });
});
