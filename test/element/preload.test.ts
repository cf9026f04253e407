import { expect, fixture } from '@open-wc/testing';
import type { LinkRequest, NrichConnect, WidgetLink } from '../../src/index.js';
import { ConnectHarness } from '../harness.js';
import { lastRecordedRequest, recordingEndpoint, settle, waitFor, widgetLinkEndpoint } from '../helpers.js';

/** A `createLink` that asks the demo backend (the real sandbox) and remembers every request it was given. */
function linkSource(refusePreloads = false) {
  const requests: LinkRequest[] = [];
  const createLink = async (request: LinkRequest): Promise<WidgetLink> => {
    requests.push(request);
    if (refusePreloads && request.preload) throw new Error('no preloads here');
    const response = await fetch(widgetLinkEndpoint(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return (await response.json()) as WidgetLink;
  };
  return { requests, createLink };
}

/** An element with `createLink` set before it is connected (as a framework sets properties), then these attributes. */
async function preloading(attributes: Record<string, string>, source = linkSource(), style = '') {
  const el = document.createElement('nrich-connect');
  el.createLink = source.createLink;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (style) el.setAttribute('style', style);
  return { connect: new ConnectHarness(await fixture<NrichConnect>(el)), requests: source.requests };
}

/** Waits for the preloaded frame: rendered, hidden, its link asked for with `preload: true`. */
async function preloadedFrame(connect: ConnectHarness, requests: LinkRequest[]): Promise<HTMLIFrameElement> {
  const frame = await waitFor(() => connect.frame);
  expect(requests.map((request) => request.preload)).to.deep.equal([true]);
  expect(frame.checkVisibility()).to.equal(false);
  return frame;
}

/** The body the recording endpoint saw last, if any yet. */
async function recorded(): Promise<Record<string, unknown> | undefined> {
  return (await lastRecordedRequest().catch(() => undefined))?.body;
}

/** Hover, focus and the element on screen: every sign of intent there is. */
async function showIntent(connect: ConnectHarness) {
  connect.part('base')!.dispatchEvent(new PointerEvent('pointerenter'));
  connect.button.focus();
  connect.button.blur();
  await settle(700); // an idle moment, and the half second after a settings change
}

describe('<nrich-connect preload>', () => {
  for (const mode of ['overlay', 'inline'] as const) {
    it(`${mode}: loads the widget hidden, and the click only shows that same frame`, async () => {
      const { connect, requests } = await preloading({ mode, preload: '', 'iban-field': 'hidden' });
      const frame = await preloadedFrame(connect, requests);
      if (mode === 'overlay') expect(connect.dialog!.open).to.equal(false);
      else expect(connect.part('inline')!.hidden).to.equal(true);
      await expect(connect.el).to.be.accessible();

      const opened = connect.next('open');
      connect.button.click();
      const { detail } = await opened;
      expect(connect.frame).to.equal(frame); // the same element: not loaded again
      expect(frame.checkVisibility()).to.equal(true);
      expect(requests).to.have.length(1); // the click asked for nothing
      expect(detail.mode).to.equal(mode);
      if (mode === 'overlay') expect(connect.dialog!.open).to.equal(true);

      const ended = connect.next('abort');
      connect.el.close();
      expect((await ended).detail).to.include({ reason: 'host', flow_id: detail.flow_id });
      await connect.el.updateComplete;
      expect(connect.frame).to.equal(null);
      expect(connect.ended).to.have.length(1);
    });
  }

  it('tells the endpoint: the body carries `preload: true` (and the click’s own request does not)', async () => {
    const connect = await ConnectHarness.create({ endpoint: recordingEndpoint, preload: 'auto', state: 'preload-1' });
    while ((await recorded())?.state !== 'preload-1') await settle(50);
    expect((await recorded())!.preload).to.equal(true);
    // The endpoint refused it (503): no event, nothing shown; the click asks again, as a click.
    await settle();
    expect(connect.ended).to.deep.equal([]);
    expect(connect.frame).to.equal(null);
    const ended = connect.next('error');
    connect.button.click();
    await ended;
    expect(await recorded()).to.not.have.property('preload');
  });

  it('a refused preload is not asked again; the click works as ever', async () => {
    const { connect, requests } = await preloading({ preload: '', 'iban-field': 'hidden' }, linkSource(true));
    await waitFor(() => requests.length === 1);
    await showIntent(connect);
    expect(requests).to.have.length(1);
    expect(connect.ended).to.deep.equal([]);
    const opened = connect.next('open');
    connect.button.click();
    await opened;
    expect(requests.map((request) => request.preload)).to.deep.equal([true, undefined]);
    connect.el.close();
  });

  it('holds one link at most, whatever the signs of intent', async () => {
    const { connect, requests } = await preloading({ preload: 'intent', 'iban-field': 'hidden' });
    await preloadedFrame(connect, requests);
    await showIntent(connect);
    await showIntent(connect);
    expect(requests).to.have.length(1);
  });

  it('asks for nothing while a flow runs; the next sign of intent after it preloads again', async () => {
    const { connect, requests } = await preloading({ preload: 'intent', 'iban-field': 'hidden' });
    await preloadedFrame(connect, requests);
    const opened = connect.next('open');
    connect.button.click();
    await opened;
    await showIntent(connect); // focus is in the dialog now; hover and focus the element's base as well
    expect(requests).to.have.length(1);
    const ended = connect.next('abort');
    connect.el.close();
    await ended;
    await showIntent(connect);
    expect(requests.map((request) => request.preload)).to.deep.equal([true, true]);
    await waitFor(() => connect.frame);
  });

  it('`intent` waits for one: off screen, nothing until the pointer enters', async () => {
    const offScreen = 'position: absolute; top: 300vh';
    const { connect, requests } = await preloading(
      { preload: 'intent', 'iban-field': 'hidden' },
      linkSource(),
      offScreen,
    );
    await settle(700);
    expect(requests).to.deep.equal([]);
    connect.part('base')!.dispatchEvent(new PointerEvent('pointerenter'));
    await preloadedFrame(connect, requests);
  });

  describe('a stale preload is discarded and never shown', () => {
    /** Clicks, and checks the widget shown is a new link's, asked by the click or a later preload, never `old`'s. */
    async function showsANewLink(connect: ConnectHarness, old: HTMLIFrameElement) {
      const opened = connect.next('open');
      connect.button.click();
      await opened;
      expect(old.isConnected).to.equal(false);
      expect(connect.frame!.src).to.not.equal(old.src);
      expect(connect.frame!.checkVisibility()).to.equal(true);
      connect.el.close();
    }

    it('a changed IBAN', async () => {
      const { connect, requests } = await preloading({ preload: '' });
      const old = await preloadedFrame(connect, requests);
      connect.el.iban = 'DE89 3704 0044 0532 0130 00';
      await connect.el.updateComplete;
      expect(old.isConnected).to.equal(false); // gone at once, not at the click
      await showsANewLink(connect, old);
      expect(requests.at(-1)!.accounts).to.deep.equal([{ id: 'DE89370400440532013000' }]);
    });

    it('a changed language', async () => {
      const { connect, requests } = await preloading({ preload: '', language: 'en' });
      const old = await preloadedFrame(connect, requests);
      connect.el.language = 'fr';
      await connect.el.updateComplete;
      expect(old.isConnected).to.equal(false);
      await showsANewLink(connect, old);
      expect(requests.at(-1)!.language).to.equal('fr');
    });

    it('a link older than `preload-max-age`', async () => {
      const { connect, requests } = await preloading({ preload: '', 'preload-max-age': '400' });
      const old = await preloadedFrame(connect, requests);
      await waitFor(() => !old.isConnected); // went on its own
      await showsANewLink(connect, old);
    });

    it('a link past `preload-max-age` at the click, though its timer has not fired (a sleeping background tab)', async () => {
      const { connect, requests } = await preloading({ preload: '' }); // 10 min: the timer stays far off
      const old = await preloadedFrame(connect, requests);
      const realNow = performance.now.bind(performance);
      performance.now = () => realNow() + 600_000; // the clock moved on while the tab's timers slept
      try {
        expect(old.isConnected).to.equal(true);
        await showsANewLink(connect, old);
        expect(requests.at(-1)!.preload).to.equal(undefined); // the click asked anew
      } finally {
        performance.now = realNow;
      }
    });
  });

  for (const mode of ['popup', 'redirect'] as const) {
    it(`never in ${mode} mode`, async () => {
      const { connect, requests } = await preloading({ mode, preload: '' });
      await showIntent(connect);
      expect(requests).to.deep.equal([]);
      expect(connect.frame).to.equal(null);
    });
  }

  it('a held preload goes when the mode turns to popup', async () => {
    const { connect, requests } = await preloading({ preload: '' });
    const old = await preloadedFrame(connect, requests);
    connect.el.mode = 'popup';
    await connect.el.updateComplete;
    expect(old.isConnected).to.equal(false);
    expect(connect.dialog).to.equal(null);
    await showIntent(connect);
    expect(requests).to.have.length(1);
  });
});
