// Issue 14, item 10: bad values are coerced or clamped to documented defaults, or refused with a typed error that
// names the property; open() on a detached element is a typed error and sends no request.
import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { ConnectHarness } from '../harness.js';
import { lastRecordedRequest, recordingEndpoint, widgetLinkEndpoint } from '../helpers.js';

describe('security: attributes are coerced, clamped or refused by name', () => {
  for (const timeout of ['abc', '-1', '1e20', '0', '']) {
    it(`timeout="${timeout}" falls back to a usable timeout: the flow opens`, async () => {
      const harness = await ConnectHarness.create({
        endpoint: widgetLinkEndpoint(),
        timeout,
      });
      const opened = await harness.open();
      expect(opened.detail.mode).to.equal('overlay');
      const ended = harness.nextTerminal();
      harness.el.close();
      expect((await ended).type).to.equal('abort');
    });
  }

  it('popup sizes from bad attributes fall back to their defaults, and huge ones are clamped', async () => {
    const harness = await ConnectHarness.create({ mode: 'popup', 'popup-width': '-5', 'popup-height': 'abc' });
    const open = sinon.stub(window, 'open').returns(null); // blocked: only the features asked for matter here
    try {
      harness.el.open();
      expect(open.firstCall.args[2]).to.match(/width=480,height=720/);
      const ended = harness.nextTerminal();
      harness.el.close();
      await ended;
      harness.el.setAttribute('popup-width', '1e9');
      harness.el.open();
      expect(open.secondCall.args[2]).to.match(/width=4096,height=720/);
      const second = harness.nextTerminal();
      harness.el.close();
      await second;
    } finally {
      open.restore();
    }
  });

  it('accounts = null is no accounts: the flow opens', async () => {
    const harness = await ConnectHarness.create({
      endpoint: widgetLinkEndpoint(),
    });
    (harness.el as unknown as { accounts: unknown }).accounts = null;
    await harness.open();
    harness.el.close();
  });

  for (const [name, value] of [
    ['a string', 'abc'],
    ['entries without id', [{ number: '1' }]],
    ['a number', 42],
  ] as const) {
    it(`accounts set to ${name} ends with error invalid-property naming accounts, and sends nothing`, async () => {
      const harness = await ConnectHarness.create({ endpoint: recordingEndpoint });
      await fetch(recordingEndpoint, { method: 'POST', body: '{"marker":1}' });
      (harness.el as unknown as { accounts: unknown }).accounts = value;
      const error = harness.next('error');
      harness.el.open();
      const { detail } = await error;
      expect(detail.code).to.equal('invalid-property');
      expect(detail.message).to.match(/^accounts\b/);
      expect((await lastRecordedRequest()).body).to.deep.equal({ marker: 1 }, 'no link request was sent');
    });
  }

  it('open() on a detached element is error not-connected, with no request', async () => {
    const el = document.createElement('nrich-connect');
    el.endpoint = recordingEndpoint;
    const harness = new ConnectHarness(el);
    // The link request would leave inside open(), before it returns (a fetch in the caller's task).
    const fetches = sinon.spy(window, 'fetch');
    try {
      el.open();
    } finally {
      fetches.restore();
    }
    expect(fetches.callCount, 'no link request was sent').to.equal(0);
    expect(harness.ended.map((e) => [e.type, (e.detail as { code?: string }).code])).to.deep.equal([
      ['error', 'not-connected'],
    ]);
  });
});
