// Issue 14, item 9: SECURITY.md's Trusted Types recipe works, also on a host that uses Lit itself.
import { expect } from '@open-wc/testing';
import { waitFor } from '../helpers.js';

type Page = Window & { ready?: boolean; trustedTypes?: unknown };

async function load(path: string): Promise<Page> {
  const frame = document.createElement('iframe');
  frame.title = 'host page with Trusted Types';
  frame.src = path;
  document.body.append(frame);
  after(() => frame.remove());
  const page = frame.contentWindow as Page;
  await waitFor(() => page.ready);
  return page;
}

/** Where the engine supports Trusted Types, the page really enforces them: a string is refused as HTML. */
function expectEnforced(page: Page): void {
  if (!page.trustedTypes) return; // an engine without Trusted Types ignores the policy (Firefox ESR)
  expect(() => (page.document.body.innerHTML = '<b>x</b>')).to.throw();
}

describe('security: Trusted Types', () => {
  for (const [name, path] of [
    ['trusted-types lit-html, host on the same Lit', '/test/fixtures/trusted-types-page.html'],
    ["two copies of Lit with 'allow-duplicates'", '/test/fixtures/trusted-types-two-lits-page.html'],
  ]) {
    it(`${name}: the element defines, renders and opens its overlay`, async () => {
      const page = await load(path!);
      const el = page.document.querySelector('nrich-connect') as HTMLElement & {
        updateComplete: Promise<unknown>;
      };
      await waitFor(() => el.shadowRoot?.querySelector('button'));
      expect(page.customElements.get('nrich-connect')).to.not.equal(undefined);
      expectEnforced(page);
    });
  }
});
