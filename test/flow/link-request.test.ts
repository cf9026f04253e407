import { expect } from '@open-wc/testing';
import type { LinkRequest } from '../../src/index.js';
import { ConnectError } from '../../src/protocol/connect-error.js';
import { readLinkAfterIban } from '../../src/flow/link-request.js';
import { sendLinkRequest } from '../../src/flow/send-link-request.js';
import { ConnectHarness } from '../harness.js';
import { lastRecordedRequest, nextTask, recordingEndpoint, respond, waitFor } from '../helpers.js';

/** The link request runs inside the element's flow: each test drives the element against a real endpoint. */
async function failWith(endpoint: string, setup: (connect: ConnectHarness) => void = () => {}) {
  const connect = await ConnectHarness.create({ endpoint });
  setup(connect);
  connect.field!.value = 'DE89 3704 0044 0532 0130 00';
  connect.field!.dispatchEvent(new Event('input'));
  const ended = connect.next('error');
  connect.el.open();
  const { detail } = await ended;
  await connect.el.updateComplete;
  return { connect, detail };
}

/** After a failed request the element is idle, keeps the IBAN, and starts the next flow. */
async function expectUsable(connect: ConnectHarness) {
  expect(connect.button.getAttribute('aria-busy')).to.equal('false');
  expect(connect.field!.value).to.equal('DE89 3704 0044 0532 0130 00');
  connect.el.endpoint = recordingEndpoint;
  const again = connect.next('error');
  connect.el.open();
  expect((await again).detail.message).to.equal('recorded');
}

describe('<nrich-connect> link request', () => {
  it('POSTs the documented snake_case body, IBAN first, with fetchOptions merged', async () => {
    const { el } = await ConnectHarness.create({
      endpoint: recordingEndpoint,
      language: 'en',
      'sync-period': '30',
      state: 's-1',
      'redirect-uri': 'https://app.example/back',
      iban: 'fr14 2004 1010 0505 0001 3m02 606',
    });
    el.accounts = [{ id: '4111111111111111' }];
    el.fetchOptions = { headers: { 'X-Csrf-Token': 'abc' }, credentials: 'same-origin' };
    const ended = new ConnectHarness(el).next('error');
    el.open();
    await ended;
    const { body, headers } = await lastRecordedRequest();
    expect(body).to.deep.equal({
      redirect_uri: 'https://app.example/back',
      language: 'en',
      state: 's-1',
      accounts: [{ id: 'FR1420041010050500013M02606' }, { id: '4111111111111111' }],
      sync_period: 30,
    });
    expect(headers['x-csrf-token']).to.equal('abc');
    expect(headers['content-type']).to.equal('application/json');
  });

  it('defaults redirect_uri to this page without query and hash, language to the page lang, and omits empty fields', async () => {
    const connect = await ConnectHarness.create({ endpoint: recordingEndpoint });
    const ended = connect.next('error');
    connect.el.open();
    await ended;
    const { body } = await lastRecordedRequest();
    expect(body.redirect_uri).to.equal(window.location.origin + window.location.pathname);
    expect(body.language).to.equal('de');
    expect(body).to.not.have.any.keys('accounts', 'sync_period');
  });

  it('uses createLink instead of the endpoint when set', async () => {
    const connect = await ConnectHarness.create({ language: 'fr' });
    const requests: LinkRequest[] = [];
    connect.el.createLink = async (request) => {
      requests.push(request);
      return { location: 'javascript:alert(1)', id: 'x' };
    };
    const ended = connect.next('error');
    connect.el.open();
    expect((await ended).detail.code).to.equal('invalid-link');
    expect(requests).to.have.length(1);
    expect(requests[0]!.language).to.equal('fr');
  });

  it('reports a rejecting createLink as endpoint with its message (the host’s link source, not the network)', async () => {
    const connect = await ConnectHarness.create();
    connect.el.createLink = () => Promise.reject(new Error('session expired'));
    const ended = connect.next('error');
    connect.el.open();
    expect((await ended).detail).to.deep.equal({ code: 'endpoint', message: 'createLink rejected: session expired' });
  });

  it('reports a non-2xx answer as endpoint with status and the JSON message', async () => {
    const { connect, detail } = await failWith(respond(500, JSON.stringify({ message: 'Upstream is down' })));
    expect(detail).to.include({ code: 'endpoint', status: 500, message: 'Upstream is down' });
    await expectUsable(connect);
  });

  it('takes the message from a JSON error field, or a generic text for a non-JSON body', async () => {
    expect((await failWith(respond(400, JSON.stringify({ error: 'redirect_uri_not_allowed' })))).detail).to.include({
      status: 400,
      message: 'redirect_uri_not_allowed',
    });
    const { connect, detail } = await failWith(respond(404, '<h1>Not found</h1>', 'text/html'));
    expect(detail).to.include({ code: 'endpoint', status: 404 });
    expect(detail.message).to.contain('404');
    await expectUsable(connect);
  });

  for (const [name, body] of [
    ['unparseable JSON', '{"location": '],
    ['a missing location', JSON.stringify({ id: 'abc' })],
    ['a missing id', JSON.stringify({ location: 'https://widget.example/' })],
    ['a javascript: location', JSON.stringify({ location: 'javascript:alert(1)', id: 'abc' })],
    ['an http location off loopback', JSON.stringify({ location: 'http://widget.example/', id: 'abc' })],
  ] as const) {
    it(`reports ${name} as invalid-link`, async () => {
      const { connect, detail } = await failWith(respond(200, body));
      expect(detail.code).to.equal('invalid-link');
      expect(connect.dialog).to.equal(null);
      await expectUsable(connect);
    });
  }

  it('reports an unreachable endpoint as network', async () => {
    const { connect, detail } = await failWith('http://127.0.0.1:9/unreachable');
    expect(detail.code).to.equal('network');
    await expectUsable(connect);
  });

  it('reports an endpoint that never answers as timeout', async () => {
    const { connect, detail } = await failWith('/test/hang', ({ el }) => (el.timeout = 300));
    expect(detail.code).to.equal('timeout');
    await expectUsable(connect);
  });

  it('shows a busy button and starts nothing on a second click', async () => {
    const connect = await ConnectHarness.create();
    const { el } = connect;
    let calls = 0;
    let answer!: (link: { location: string; id: string }) => void;
    el.createLink = () => {
      calls++;
      return new Promise((resolve) => (answer = resolve));
    };
    connect.button.click();
    await el.updateComplete;
    connect.button.click();
    el.open();
    await waitFor(() => calls);
    await nextTask(); // a second flow would have asked in its click already; this is for its promise chain
    expect(calls).to.equal(1);
    expect(connect.button.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    const ended = connect.next('error');
    answer({ location: 'ftp://x', id: 'y' });
    await ended;
    await el.updateComplete;
    expect(connect.button.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows the failure to the user, axe-clean', async () => {
    const { connect } = await failWith(respond(502, '{}'));
    expect(connect.errorText).to.not.equal('');
    await expect(connect.el).to.be.accessible();
  });
});

describe('readLinkAfterIban (the click came before ibantools)', () => {
  const sent = (asked: string[]) => (iban: string) => {
    asked.push(iban);
    return sendLinkRequest(
      { createLink: async () => ({ location: 'https://widget.example/', id: 'flow-1' }), timeout: 5000 },
      { redirect_uri: 'https://app.example/', language: 'en', state: 's' },
      new AbortController().signal,
    );
  };

  it('checks the IBAN once ibantools is here, then sends it in electronic format', async () => {
    const asked: string[] = [];
    const link = await readLinkAfterIban(
      import('../../src/iban.js'),
      'de89 3704 0044 0532 0130 00',
      false,
      sent(asked),
    );
    expect(link.id).to.equal('flow-1');
    expect(asked).to.deep.equal(['DE89370400440532013000']);
  });

  it('an invalid or missing IBAN is `invalid-iban`, and nothing is sent', async () => {
    const asked: string[] = [];
    for (const [typed, required] of [
      ['DE00 1234', false],
      ['', true],
    ] as const) {
      const failed = await readLinkAfterIban(import('../../src/iban.js'), typed, required, sent(asked)).catch(
        (error: unknown) => error,
      );
      expect(failed).to.be.instanceOf(ConnectError).and.to.have.property('code', 'invalid-iban');
    }
    expect(asked).to.deep.equal([]);
  });

  it('ibantools that failed to load is `load`, and nothing is sent', async () => {
    const asked: string[] = [];
    const failed = await readLinkAfterIban(Promise.resolve(undefined), 'DE89', false, sent(asked)).catch(
      (error: unknown) => error,
    );
    expect(failed).to.be.instanceOf(ConnectError).and.to.have.property('code', 'load');
    expect(asked).to.deep.equal([]);
  });
});
