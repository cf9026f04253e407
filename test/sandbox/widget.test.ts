import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { HOUR, VALID_IBAN, completeOk, extractPage, startFlow, startHarness, tokenOf } from './helpers.js';
import { WIDGET_SCRIPT } from '../../src/sandbox/widget-script.js';
import { TEST_PAGE_SCRIPT } from '../../src/sandbox/test-page.js';

const CSP = "frame-ancestors 'self' http://localhost:* http://127.0.0.1:* https://localhost:* https://127.0.0.1:*";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

async function page(location: string): Promise<{ response: Response; html: string }> {
  const response = await fetch(location);
  const html = await response.text();
  h.seen.push(html);
  return { response, html };
}

describe('GET /widget', () => {
  test('serves HTML with the framing CSP, no-store and no-referrer, and no COOP by default', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb' });
    const { response } = await page(flow.location);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(response.headers.get('cross-origin-opener-policy'), null);
  });

  test('coop=1 on flow initiation adds Cross-Origin-Opener-Policy: same-origin', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb' }, '?coop=1');
    const { response, html } = await page(flow.location);
    assert.equal(response.headers.get('cross-origin-opener-policy'), 'same-origin');
    assert.equal(extractPage(html).config['coop'], true);
  });

  test('unknown token: 404 page with a human message, same CSP', async () => {
    const { response, html } = await page(`${h.url}/widget?token=nope`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    assert.match(html, /<h1>This link is unknown or has expired<\/h1>/);
  });

  test('expired token (one hour on the injected clock): 404', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb' });
    h.advance(HOUR + 1);
    const { response } = await page(flow.location);
    assert.equal(response.status, 404);
  });

  test('a completed flow: 410 page', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb', language: 'en' });
    await completeOk(h, flow.location, 'cancel');
    const { response, html } = await page(flow.location);
    assert.equal(response.status, 410);
    assert.match(html, /already used/);
  });

  test('without an IBAN: bank selection is shown with four bank buttons and a Cancel', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb', accounts: [{ id: '0532013000' }] });
    const { html } = await page(flow.location);
    const { config } = extractPage(html);
    assert.equal(config['skipBankSelection'], false);
    assert.match(html, /<section id="screen-banks" aria-labelledby="banks-title">/);
    assert.match(html, /<section id="screen-authorize" aria-labelledby="authorize-title" hidden>/);
    for (const name of ['Sandbox Bank', 'Demo Sparkasse', 'Test Volksbank', 'Example Direct']) {
      assert.match(html, new RegExp(`<button type="button" class="bank" data-bank="[a-z-]+"[^>]*>${name}</button>`));
    }
    assert.match(html, /<button type="button" data-outcome="cancel" lang="en">Cancel<\/button>/);
  });

  test('a valid IBAN (any spacing/case) skips bank selection and shows the IBAN grouped', async () => {
    const flow = await startFlow(h, {
      redirect_uri: 'http://localhost:5173/cb',
      accounts: [{ id: 'de89 3704 0044 0532 0130 00' }],
    });
    const { html } = await page(flow.location);
    const { config } = extractPage(html);
    assert.equal(config['skipBankSelection'], true);
    assert.equal(config['iban'], VALID_IBAN);
    assert.equal(config['ibanFormatted'], 'DE89 3704 0044 0532 0130 00');
    assert.match(html, /<section id="screen-banks" aria-labelledby="banks-title" hidden>/);
    assert.match(html, /<section id="screen-authorize" aria-labelledby="authorize-title">/);
    assert.match(html, />DE89 3704 0044 0532 0130 00</);
  });

  test('an IBAN with a wrong check digit does not skip bank selection', async () => {
    const flow = await startFlow(h, {
      redirect_uri: 'http://localhost:5173/cb',
      accounts: [{ id: 'DE88370400440532013000' }],
    });
    const { config } = extractPage((await page(flow.location)).html);
    assert.equal(config['skipBankSelection'], false);
    assert.equal(config['iban'], null);
  });

  test('the authorization screen has exactly the three English buttons', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb', language: 'de' });
    const { html } = await page(flow.location);
    const authorize = /<section id="screen-authorize"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const names = [...authorize.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]);
    assert.deepEqual(names, ['Authorize', 'Cancel', 'Simulate failure']);
  });

  test('the English authorization screen says "Authorize" above its "Authorize" button (American spelling)', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb', language: 'en' });
    const { html } = await page(flow.location);
    const authorize = /<section id="screen-authorize"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    assert.match(authorize, />Authorize access</);
    assert.doesNotMatch(html, /authoris/i);
  });

  test('language: default de, en texts, ar is right-to-left', async () => {
    const deHtml = (await page((await startFlow(h, { redirect_uri: 'http://localhost/cb' })).location)).html;
    assert.equal(extractPage(deHtml).config['language'], 'de');
    assert.match(deHtml, /<html lang="de">/);
    assert.match(deHtml, /Wählen Sie Ihre Bank/);
    const enHtml = (await page((await startFlow(h, { redirect_uri: 'http://localhost/cb', language: 'en' })).location))
      .html;
    assert.match(enHtml, /<html lang="en">/);
    assert.match(enHtml, /<h1 id="banks-title" tabindex="-1">Choose your bank<\/h1>/);
    const arHtml = (await page((await startFlow(h, { redirect_uri: 'http://localhost/cb', language: 'ar' })).location))
      .html;
    assert.match(arHtml, /<html lang="ar" dir="rtl">/);
  });

  test('landmarks and headings are present', async () => {
    const { html } = await page((await startFlow(h, { redirect_uri: 'http://localhost/cb' })).location);
    assert.match(html, /<main>/);
    assert.match(html, /<header>/);
    assert.equal([...html.matchAll(/<h1 /g)].length, 4); // one per screen, only one visible at a time
    assert.match(html, /button:focus-visible\{outline:3px solid/);
  });

  test('legacy message shape is reflected in the embedded config; target origin is the redirect_uri origin', async () => {
    const legacy = await startFlow(h, { redirect_uri: 'https://app.example.com:8443/cb?x=1' }, '?message_shape=legacy');
    const { config } = extractPage((await page(legacy.location)).html);
    assert.equal(config['messageShape'], 'legacy');
    assert.equal(config['targetOrigin'], 'https://app.example.com:8443');
    const current = await startFlow(h, { redirect_uri: 'http://localhost/cb' });
    assert.equal(extractPage((await page(current.location)).html).config['messageShape'], 'current');
  });

  test('autopilot=<outcome> on flow initiation is embedded for the page script; other values are refused', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost/cb' }, '?autopilot=cancel&message_shape=legacy');
    const { config } = extractPage((await page(flow.location)).html);
    assert.equal(config['autopilot'], 'cancel');
    assert.equal(config['messageShape'], 'legacy');
    const plain = await startFlow(h, { redirect_uri: 'http://localhost/cb' });
    assert.equal(extractPage((await page(plain.location)).html).config['autopilot'], null);
    const refused = await h.fetch('/onetime/access?autopilot=yes', {
      method: 'POST',
      headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ redirect_uri: 'http://localhost/cb' }),
    });
    assert.equal(refused.status, 400);
  });

  test('the embedded config cannot break out of its script element', async () => {
    const flow = await startFlow(h, {
      redirect_uri: 'http://localhost/cb',
      state: '</script><script>alert(1)</script>',
    });
    const { html } = await page(flow.location);
    assert.equal([...html.matchAll(/<\/script>/g)].length, 2);
  });

  test('the inline scripts parse, and the page embeds exactly WIDGET_SCRIPT', async () => {
    const { html } = await page((await startFlow(h, { redirect_uri: 'http://localhost/cb' })).location);
    const { script } = extractPage(html);
    assert.equal(script, WIDGET_SCRIPT);
    assert.doesNotThrow(() => new Function(script));
    assert.doesNotThrow(() => new Function(TEST_PAGE_SCRIPT));
    // The script must never post to any window with a wildcard target.
    assert.doesNotMatch(script, /postMessage\([^)]*'\*'/);
  });
});

describe('POST /widget/await (the widget page’s long-poll)', () => {
  const poll = async (token: string) => {
    const response = await h.fetch('/widget/await', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return { status: response.status, body: response.status === 200 ? await response.json() : undefined };
  };

  test('a flow that ended while the poll was held: answered "ended" at once, then every time', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb' });
    let answered = false;
    const held = poll(tokenOf(flow.location)).finally(() => (answered = true));
    await h.sandbox.widgetListening(flow.id, { signal: AbortSignal.timeout(5000) });
    await completeOk(h, flow.location, 'cancel');
    assert.deepEqual(await poll(tokenOf(flow.location)), { status: 200, body: { ended: true } });
    // "At once": the held poll was answered before the next poll was, not after its 20 s hold (an order, not a time).
    assert.equal(answered, true);
    assert.deepEqual(await held, { status: 200, body: { ended: true } });
  });

  test('an expired flow (one hour on the injected clock): "ended", not an error', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb' });
    h.advance(HOUR + 1);
    assert.deepEqual(await poll(tokenOf(flow.location)), { status: 200, body: { ended: true } });
  });
});

describe('GET /_test/post-message', () => {
  test('serves the helper page with the same CSP and the target in it', async () => {
    const { response, html } = await page(
      `${h.url}/_test/post-message?target=${encodeURIComponent('http://localhost:8000')}#%7B%22a%22%3A1%7D`,
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), CSP);
    assert.match(html, /<code>http:\/\/localhost:8000<\/code>/);
    assert.match(html, /id="status"/);
  });

  test('a target that is not an origin: 400', async () => {
    const response = await h.fetch(`/_test/post-message?target=${encodeURIComponent('http://localhost:8000/path')}`);
    assert.equal(response.status, 400);
    assert.equal((await h.fetch('/_test/post-message')).status, 400);
  });
});
