import { expect } from '@open-wc/testing';
import type { ConnectHarness as Harness } from '../harness.js';
import { failNextLoadOf, freshElement, nextTask, widgetLinkEndpoint } from '../helpers.js';

/**
 * Chunks of the element that fail to load, for real: the test server answers 503 once (test/test-endpoints.mjs),
 * and the element is loaded from URLs no other test page used, so the browser really asks.
 */
describe('<nrich-connect> chunks that fail to load', () => {
  let ConnectHarness: typeof Harness;
  let prefix: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);

  before(async () => {
    ({ ConnectHarness, prefix } = await freshElement());
    window.addEventListener('unhandledrejection', onUnhandled);
  });
  after(() => window.removeEventListener('unhandledrejection', onUnhandled));

  it('the flow’s code: one error `load`, and the next click loads it and works', async () => {
    await failNextLoadOf(`${prefix}/src/element/first-use.ts`);
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'authorize' }) });
    const failed = connect.next('error');
    connect.button.click();
    const { detail } = await failed;
    expect(detail.code).to.equal('load');
    expect(detail.message).to.contain('could not be loaded');
    await connect.el.updateComplete;
    await nextTask();
    expect(connect.ended).to.have.length(1);
    await connect.el.updateComplete;
    expect(connect.button.getAttribute('aria-busy')).to.equal('false');
    expect(connect.errorText).to.not.equal('');

    const succeeded = connect.next('success');
    connect.button.click();
    expect((await succeeded).detail.code).to.be.a('string');
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['error', 'success']);
    expect(unhandled).to.deep.equal([]);
  });

  it('a language’s strings: English stands in, asked for once, with no unhandled rejection', async () => {
    await failNextLoadOf(`${prefix}/src/element/locales/fr.ts`);
    const connect = await ConnectHarness.create({ language: 'fr' });
    expect(connect.button.textContent!.trim()).to.equal('Connect bank account');
    // The text is English and says so; the link request still asks the widget for French.
    expect(connect.part('base')!.getAttribute('lang')).to.equal('en');
    expect(connect.part('base')!.getAttribute('dir')).to.equal('ltr');
    // More updates and another element: the failed locale is not requested again on every update.
    connect.el.iban = 'DE89';
    await connect.el.updateComplete;
    // Its first render waited for the strings: a second request for them would have been made and answered.
    await ConnectHarness.create({ language: 'fr' });
    const requests = performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/fr.ts'));
    expect(requests).to.have.length(1);
    expect(unhandled).to.deep.equal([]);
  });
});
