import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { ConnectHarness as Harness } from '../harness.js';
import {
  freshElement,
  holdNextLoadOf,
  lastRecordedRequest,
  nextTask,
  recordingEndpoint,
  typeText,
  waitFor,
} from '../helpers.js';

/**
 * Records every fetch() and whether it was called while a click or key press was being dispatched: after window's
 * capturing listener for that event ran and before its bubbling one did, i.e. inside the event's own handlers, in
 * the task of the user's act.
 */
function watchFetches() {
  const calls: { url: string; inAct: boolean }[] = [];
  let dispatching = 0;
  const enter = () => (dispatching += 1);
  const leave = () => (dispatching -= 1);
  const original = window.fetch;
  window.fetch = (input, init) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), inAct: dispatching > 0 });
    return original(input, init);
  };
  for (const type of ['click', 'keydown']) {
    window.addEventListener(type, enter, true);
    window.addEventListener(type, leave);
  }
  return {
    /** The calls to the link endpoint. */
    links: () => calls.filter((call) => call.url.includes('/test/record')),
    stop() {
      window.fetch = original;
      for (const type of ['click', 'keydown']) {
        window.removeEventListener(type, enter, true);
        window.removeEventListener(type, leave);
      }
    },
  };
}

/** The element's own request, answered 503 by the recording endpoint: the flow then ends with `error` `endpoint`. */
async function endsRecorded(connect: Harness, ended: Promise<Event>) {
  const { detail } = (await ended) as CustomEvent<{ code: string; message: string }>;
  expect(detail.code).to.equal('endpoint');
  expect(detail.message).to.equal('recorded');
  await nextTask();
  expect(connect.ended).to.have.length(1);
}

describe('<nrich-connect> the link request leaves with the click', () => {
  let ConnectHarness: typeof Harness;
  let prefix: string;
  let fetches: ReturnType<typeof watchFetches>;

  before(async () => ({ ConnectHarness, prefix } = await freshElement()));
  beforeEach(() => (fetches = watchFetches()));
  afterEach(() => fetches.stop());

  it('in the click’s own task, while the flow’s code is still loading (the endpoint has it before the code)', async () => {
    // Fresh URLs: the flow's code has never loaded on this page. The test server holds it until released.
    const held = await holdNextLoadOf(`${prefix}/src/element/first-use.ts`);
    const connect = await ConnectHarness.create({
      endpoint: recordingEndpoint,
      state: 'click-while-loading',
      'iban-field': 'hidden', // nothing to check: ibantools is not loaded (the next test needs it not loaded)
    });
    const ended = connect.next('error');
    connect.button.click();
    expect(fetches.links()).to.deep.equal([{ url: recordingEndpoint, inAct: true }]);
    // The endpoint has the request, and the flow's code is still held by the server: they travel in parallel.
    await waitFor(async () => (await lastRecordedRequest())?.body.state === 'click-while-loading');
    expect(await held.release()).to.equal(true); // the code's GET had arrived and was waiting
    await endsRecorded(connect, ended);
  });

  it('a prefilled IBAN clicked before ibantools arrived: the request waits for the check, then carries it', async () => {
    const held = await holdNextLoadOf(`${prefix}/src/iban.ts`);
    const connect = await ConnectHarness.create({ endpoint: recordingEndpoint, iban: 'de89 3704 0044 0532 0130 00' });
    const ended = connect.next('error');
    connect.button.click();
    await held.arrived(); // the element asked for ibantools, which the server holds
    await nextTask();
    expect(fetches.links()).to.deep.equal([]); // an IBAN is never sent unchecked
    expect(await held.release()).to.equal(true);
    await endsRecorded(connect, ended);
    expect(fetches.links()).to.deep.equal([{ url: recordingEndpoint, inAct: false }]);
    expect((await lastRecordedRequest()).body.accounts).to.deep.equal([{ id: 'DE89370400440532013000' }]);
  });

  it('mouse: a real click on the button', async () => {
    const connect = await ConnectHarness.create({ endpoint: recordingEndpoint });
    const ended = connect.next('error');
    const box = connect.button.getBoundingClientRect();
    try {
      await sendMouse({
        type: 'click',
        position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
      });
    } finally {
      await resetMouse();
    }
    expect(fetches.links()).to.deep.equal([{ url: recordingEndpoint, inAct: true }]);
    await endsRecorded(connect, ended);
  });

  it('keyboard: Enter on the focused button, and Enter in the IBAN field', async () => {
    const connect = await ConnectHarness.create({ endpoint: recordingEndpoint });
    let ended = connect.next('error');
    connect.button.focus();
    await sendKeys({ press: 'Enter' });
    await endsRecorded(connect, ended);

    ended = connect.next('error');
    connect.field!.focus();
    await typeText('DE89 3704 0044 0532 0130 00');
    await sendKeys({ press: 'Enter' });
    const { detail } = await ended;
    expect(detail.code).to.equal('endpoint');
    expect(fetches.links()).to.deep.equal([
      { url: recordingEndpoint, inAct: true },
      { url: recordingEndpoint, inAct: true },
    ]);
    expect((await lastRecordedRequest()).body.accounts).to.deep.equal([{ id: 'DE89370400440532013000' }]);
  });

  it('popup mode: the window opens and the request leaves in the same click', async () => {
    const connect = await ConnectHarness.create({ endpoint: recordingEndpoint, mode: 'popup' });
    const opened: (Window | null)[] = [];
    const open = window.open;
    window.open = (...args) => {
      const popup = open.apply(window, args);
      opened.push(popup);
      return popup;
    };
    try {
      const ended = connect.next('error');
      connect.button.click();
      expect(opened).to.have.length(1);
      expect(fetches.links()).to.deep.equal([{ url: recordingEndpoint, inAct: true }]);
      await endsRecorded(connect, ended);
      await waitFor(() => opened[0]?.closed !== false); // a failed link request closes the window again
    } finally {
      window.open = open;
    }
  });
});
