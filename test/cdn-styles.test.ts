import { expect } from '@open-wc/testing';
import { ConnectHarness } from './harness.js';
import { waitFor } from './helpers.js';

/** The CSS rules of an element's shadow root, as the browser parsed and serializes them. */
function shadowRules(el: Element): string[] {
  const root = el.shadowRoot!;
  const sheets = root.adoptedStyleSheets.length
    ? root.adoptedStyleSheets
    : [...root.querySelectorAll('style')].map((style) => style.sheet!);
  return sheets.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText));
}

/**
 * scripts/cdn.mjs shrinks the text of css`` literals in dist/cdn/ (whitespace around `{};:,`, the last `;`,
 * comments) and in dist/ (the same, line breaks kept): each build's element must parse to the very rules of the
 * source's. Needs `npm run build`.
 */
for (const script of ['/dist/cdn/nrich-connect.js', '/dist/nrich-connect.js']) {
  describe(`${script} styles`, () => {
    afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

    it('parse to the same rules as src/element/styles.ts', async () => {
      const frame = document.createElement('iframe');
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      frame.srcdoc = `<!doctype html><script type="module" src="${script}"></script><nrich-connect></nrich-connect>`;
      document.body.append(frame);
      await loaded;
      const bundled = await waitFor(() => frame.contentDocument!.querySelector('nrich-connect')?.shadowRoot && frame);
      const source = shadowRules((await ConnectHarness.create()).el);
      expect(source.length).to.be.greaterThan(10);
      expect(shadowRules(bundled.contentDocument!.querySelector('nrich-connect')!)).to.deep.equal(source);
    });
  });
}
