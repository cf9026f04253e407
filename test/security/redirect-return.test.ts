// Issue 14, items 5, 6, 7 and 8: the way back from redirect mode. The pending flow names its element, the result
// waits for a listener, only the widget's full callback is taken for one, and a page the back/forward cache
// restores is not stuck.
import { expect } from '@open-wc/testing';
import { nextTask, waitFor } from '../helpers.js';
import { strandedRedirectFlow } from './stranded-redirect.js';

interface Recorded {
  element?: string;
  type: string;
  detail: Record<string, unknown>;
}
type HostPage = Window & { nrichEvents?: Recorded[]; nrichListening?: boolean };

const twoElements = `${window.location.origin}/test/fixtures/two-elements-page.html`;
const elementPage = `${window.location.origin}/test/fixtures/element-page.html`;
const authorize = '/api/widget-link?autopilot=authorize';

function openWindow(url: string): HostPage {
  const win = window.open(url, '_blank') as HostPage | null;
  if (!win) throw new Error('the test browser blocked window.open');
  return win;
}

function terminal(win: HostPage): Recorded[] {
  return (win.nrichEvents ?? []).filter((event) => event.type !== 'open');
}

/** Back on this origin after the widget, with at least one terminal event recorded. */
function returned(win: HostPage, timeout = 15000): Promise<Recorded[]> {
  return waitFor(
    () =>
      win.location.origin === window.location.origin && win.nrichListening && terminal(win).length > 0 && terminal(win),
    timeout,
  );
}

function loadInFrame(url: string): HostPage {
  const frame = document.createElement('iframe');
  frame.title = 'host page';
  frame.src = url;
  document.body.append(frame);
  after(() => frame.remove());
  return frame.contentWindow as HostPage;
}

/**
 * Resolves once every element of `page` has looked at the page's address for a result: each asked for
 * page-return.ts when it connected, and reports one page task after the module is there (takeReturnOutcome). The
 * same import, asked now, resolves after theirs; a page task after that, they are done.
 */
async function looked(page: HostPage): Promise<void> {
  await (page as unknown as { eval(code: string): Promise<unknown> }).eval("import('/src/return/page-return.ts')");
  await nextTask(page);
}

describe('security: the way back from redirect mode', () => {
  let win: HostPage | undefined;
  afterEach(() => {
    win?.close();
    sessionStorage.clear();
  });

  it('item 5: with two elements on the return page, the one that started the flow reports it', async () => {
    win = openWindow(`${twoElements}?start=second&endpoint=${encodeURIComponent(authorize)}`);
    const events = await returned(win);
    await looked(win);
    expect(terminal(win).map((e) => [e.element, e.type])).to.deep.equal([['second', 'success']]);
    expect(events[0]!.detail.code).to.be.a('string');
  });

  it('item 6: a host that listens late still hears the result, once', async () => {
    const back = `${twoElements}?listen=late`;
    win = openWindow(
      `${twoElements}?start=first&endpoint=${encodeURIComponent(authorize)}&redirect-uri=${encodeURIComponent(back)}`,
    );
    // The page that starts the flow listens late too: its `open` is not awaited.
    const events = await returned(win, 20000);
    await looked(win);
    expect(terminal(win).map((e) => [e.element, e.type])).to.deep.equal([['first', 'success']]);
    expect(events[0]!.detail.code).to.be.a('string');
  });

  it("item 7: a host page's own ?success=true&order=42 is left alone: no event, address bar untouched", async () => {
    const page = loadInFrame(`${elementPage}?success=true&order=42`);
    await waitFor(() => page.nrichEvents);
    await looked(page);
    expect(terminal(page)).to.deep.equal([]);
    expect(page.location.search).to.equal('?success=true&order=42');
  });

  it('item 7: such a page opened with window.open does not close itself', async () => {
    win = openWindow(`${elementPage}?success=true&order=42`);
    const page = win;
    await waitFor(() => page.nrichEvents);
    await looked(page);
    expect(page.closed).to.equal(false);
    expect(page.location.search).to.equal('?success=true&order=42');
  });

  it('item 7: nor does the standalone callback page', async () => {
    win = openWindow(`${window.location.origin}/demo/callback.html?success=true&order=42`);
    const page = win;
    // Its script writes this text after it decided not to relay (and not to close): a positive sign it decided.
    await waitFor(() => page.document?.body?.textContent?.trim());
    expect(page.closed).to.equal(false);
    expect(page.location.search).to.equal('?success=true&order=42');
  });

  it('item 8: pageshow from the back/forward cache ends a stale redirect flow, and open() works again', async () => {
    const { el, win, frame, events } = await strandedRedirectFlow();
    after(() => frame.remove());
    el.open(); // still held: nothing happens (the abort below is the next event, and the only one)
    expect(events.map((event) => event.type)).to.deep.equal(['open']);
    win.dispatchEvent(new win.PageTransitionEvent('pageshow', { persisted: true }));
    const ended = await waitFor(() => events.length > 1 && events.slice(1));
    expect(ended.map((event) => [event.type, event.detail.reason])).to.deep.equal([['abort', 'dismissed']]);
    expect(Object.keys(sessionStorage).filter((key) => key.startsWith('nrich-connect:'))).to.deep.equal([]);
    el.createLink = async () => ({
      location: 'https://widget.invalid/x',
      id: 'again',
    });
    el.mode = 'overlay';
    el.open();
    await waitFor(() => events.length > 2 && events[2]!.type === 'open');
    el.close();
  });
});
