import { expect } from '@open-wc/testing';
import { waitFor } from './helpers.js';

/**
 * dist/cdn/nrich-connect.classic.js (src/classic-loader.ts) in every engine: pasted as a classic `<script src>`,
 * or as a module, it loads nrich-connect.js from beside itself and the page gets a working element. Needs
 * `npm run build` (npm test builds before the browser suite). The cross-origin case and the console message for a
 * module that cannot load are in test/examples/html.test.ts.
 */
async function pageWith(scriptTag: string): Promise<{ page: Window; errors: string[] }> {
  const frame = document.createElement('iframe');
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  // Errors are recorded before the loader runs; the page is otherwise what a CMS user pastes.
  frame.srcdoc = `<!doctype html><html lang="en"><head>
    <script>window.errors = []; const error = console.error; console.error = (...args) => { errors.push(args.join(' ')); error(...args); };</script>
    ${scriptTag}</head><body><nrich-connect endpoint="/api/widget-link">Connect</nrich-connect></body></html>`;
  document.body.append(frame);
  await loaded;
  const page = frame.contentWindow!;
  return { page, errors: (page as unknown as { errors: string[] }).errors };
}

describe('classic-script loader', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  for (const [name, tag] of [
    ['a classic script tag', '<script src="/dist/cdn/nrich-connect.classic.js"></script>'],
    ['a classic script tag with async', '<script src="/dist/cdn/nrich-connect.classic.js" async></script>'],
    ['a module script tag', '<script type="module" src="/dist/cdn/nrich-connect.classic.js"></script>'],
  ] as const) {
    it(`${name} gives a working button`, async () => {
      const { page, errors } = await pageWith(tag);
      const button = await waitFor(
        () => page.document.querySelector('nrich-connect')?.shadowRoot?.querySelector('button.connect') ?? null,
        5000,
      );
      expect(button.getBoundingClientRect().width).to.be.greaterThan(0);
      expect(page.customElements.get('nrich-connect')).to.be.a('function');
      expect(errors).to.deep.equal([]);
    });
  }
});
