import { expect, fixture } from '@open-wc/testing';
import sinon from 'sinon';
import { NrichConnect, type LinkRequest, type WidgetLink } from '../../src/index.js';
import { ConnectHarness } from '../harness.js';
import { lastRecordedRequest, nextTask, recordingEndpoint, waitFor, widgetLinkEndpoint } from '../helpers.js';

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

/** Polls the server until `read` of `/test/preload-gate?key=` holds (see test/test-endpoints.mjs). */
async function gateSays(key: string, read: (seen: { preloads: number; clicks: number }) => boolean): Promise<void> {
  for (;;) {
    const seen = (await (await fetch(`/test/preload-gate?key=${key}`)).json()) as { preloads: number; clicks: number };
    if (read(seen)) return;
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
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

/**
 * Hover and focus: every sign of intent there is. A preload they set off asks in the promise chain of the event
 * (the flow's code is here by then): done by the next task.
 */
async function showIntent(connect: ConnectHarness) {
  connect.part('base')!.dispatchEvent(new PointerEvent('pointerenter'));
  connect.button.focus();
  connect.button.blur();
  await nextTask();
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
    await waitFor(async () => (await recorded())?.state === 'preload-1');
    expect((await recorded())!.preload).to.equal(true);
    // The endpoint refused it (503): no event of its own, nothing shown; the click asks again, as a click, and its
    // error is the element's one event.
    const ended = connect.next('error');
    connect.button.click();
    await ended;
    expect(await recorded()).to.not.have.property('preload');
    await nextTask();
    expect(connect.ended).to.have.length(1);
    expect(connect.frame).to.equal(null);
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

  it('a refusal still on its way never reaches the click: 0 of 5 clicks fail (the issue 20 page)', async () => {
    // A host that refuses `preload: true` with 403, slowly; the user clicks before the refusal arrives.
    const failed: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const key = `${Math.random().toString(36).slice(2)}-${i}`;
      const connect = await ConnectHarness.create({
        endpoint: `/test/refuse-preloads?key=${key}`,
        preload: i % 2 ? 'intent' : '',
        'iban-field': 'hidden',
      });
      connect.part('base')!.dispatchEvent(new PointerEvent('pointerenter'));
      await gateSays(key, (seen) => seen.preloads === 1);
      const outcome = Promise.race([connect.next('open'), connect.nextTerminal()]);
      connect.button.click();
      await fetch(`/test/answer-preloads?key=${key}`, { method: 'POST' }); // now the 403 comes
      const event = await outcome;
      if (event.type !== 'open') failed.push(`${event.type} ${JSON.stringify(event.detail)}`);
      const seen = (await (await fetch(`/test/preload-gate?key=${key}`)).json()) as { clicks: number };
      if (seen.clicks !== 1) failed.push(`the click sent ${seen.clicks} requests`);
      connect.el.close();
      connect.el.remove();
    }
    expect(failed).to.deep.equal([]);
  });

  it('`discardPreload()` (the user changed): the link is dropped and the click shows a new one', async () => {
    const { connect, requests } = await preloading({ preload: '', 'iban-field': 'hidden', state: 'user-a' });
    const old = await preloadedFrame(connect, requests);
    connect.el.discardPreload();
    await connect.el.updateComplete;
    expect(old.isConnected).to.equal(false);
    connect.el.state = 'user-b';
    const opened = connect.next('open');
    connect.button.click();
    await opened;
    expect(connect.frame!.src).to.not.equal(old.src);
    expect(requests.at(-1)!.state).to.equal('user-b');
    connect.el.close();
  });

  it('10 `<html lang>` changes make one new link, once they rest', async () => {
    const { connect, requests } = await preloading({ preload: '', 'iban-field': 'hidden' });
    await preloadedFrame(connect, requests);
    const pageLang = document.documentElement.lang;
    // setTimeout only: the preloader's half-second rest is counted by the test, the network runs as ever.
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldClearNativeTimers: true });
    try {
      for (let i = 0; i < 10; i += 1) {
        document.documentElement.lang = i % 2 ? pageLang : 'en'; // the burst ends where it began
        await connect.el.updateComplete;
        connect.part('base')!.dispatchEvent(new PointerEvent('pointerenter')); // and hovers: signs of intent wait too
        await clock.tickAsync(300); // a user who flips the language every 0.3 s: one burst
      }
      expect(requests).to.have.length(1);
      await clock.tickAsync(500);
    } finally {
      clock.restore();
    }
    const frame = await waitFor(() => requests.length === 2 && connect.frame);
    expect(requests.map((request) => request.language)).to.deep.equal(['de', 'de']);
    await waitFor(() => connect.frame === frame && frame.isConnected); // the new link is held and shown hidden
  });

  it('5 moves in the DOM keep the preloaded link', async () => {
    const { connect, requests } = await preloading({ preload: '', 'iban-field': 'hidden' });
    await preloadedFrame(connect, requests);
    const [first, second] = [document.createElement('div'), document.createElement('div')];
    document.body.append(first, second);
    try {
      for (let i = 0; i < 5; i += 1) {
        (i % 2 ? first : second).append(connect.el);
        await connect.el.updateComplete;
      }
      await nextTask(); // the removals' checks (microtasks) have run
      const opened = connect.next('open');
      connect.button.click();
      await opened;
      expect(requests).to.have.length(1); // the click took the link the moves kept: none asked since
      connect.el.close();
    } finally {
      first.remove();
      second.remove();
    }
  });

  it('one element of the page holds a link at a time (`NrichConnect.preloadLimit`)', async () => {
    const log: string[] = [];
    const source = (name: string) => {
      const inner = linkSource();
      return {
        requests: inner.requests,
        createLink: (request: LinkRequest) => (log.push(name), inner.createLink(request)),
      };
    };
    expect(NrichConnect.preloadLimit).to.equal(1);
    const a = await preloading({ preload: '', 'iban-field': 'hidden' }, source('a'));
    await preloadedFrame(a.connect, a.requests);
    const b = await preloading({ preload: '', 'iban-field': 'hidden' }, source('b'));
    await showIntent(b.connect);
    a.connect.el.remove();
    log.push('a removed');
    await showIntent(b.connect);
    await preloadedFrame(b.connect, b.requests);
    expect(log).to.deep.equal(['a', 'a removed', 'b']);

    NrichConnect.preloadLimit = 2;
    try {
      const c = await preloading({ preload: '', 'iban-field': 'hidden' }, source('c'));
      await preloadedFrame(c.connect, c.requests);
    } finally {
      NrichConnect.preloadLimit = 1;
    }
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
    // The element's observer was told first (it observed first): off screen, so no sign of intent.
    const entries = await new Promise<IntersectionObserverEntry[]>((resolve) => {
      const observer = new IntersectionObserver((seen) => (observer.disconnect(), resolve(seen)));
      observer.observe(connect.el);
    });
    expect(entries.some((entry) => entry.isIntersecting)).to.equal(false);
    await nextTask();
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

    it("new `fetchOptions` (another session's headers) or a new `createLink`", async () => {
      const { connect, requests } = await preloading({ preload: '' });
      const old = await preloadedFrame(connect, requests);
      connect.el.fetchOptions = { headers: { authorization: 'Bearer next-user' } };
      await connect.el.updateComplete;
      expect(old.isConnected).to.equal(false);
      const again = await waitFor(() => connect.frame); // preloaded again once the settings rest
      const source = linkSource();
      connect.el.createLink = source.createLink;
      await connect.el.updateComplete;
      expect(again.isConnected).to.equal(false);
      await showsANewLink(connect, again);
      expect(source.requests).to.have.length.greaterThan(0); // the new createLink was asked
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
      // The first link is fetched ahead, so the preload has it at once: its age, not a slow sandbox, is tested.
      const source = linkSource();
      const ready = await source.createLink({ redirect_uri: window.location.href, language: 'de', state: 'ahead' });
      source.requests.length = 0;
      let first = true;
      const createLink = (request: LinkRequest) => {
        if (!first) return source.createLink(request);
        first = false;
        source.requests.push(request);
        return Promise.resolve(ready);
      };
      const { connect, requests } = await preloading(
        { preload: '', 'preload-max-age': '1000' },
        { requests: source.requests, createLink },
      );
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
