// The example apps in demo/examples, as built (`npm run build && npm run build:examples`, which `npm run
// test:package` does), each driven through a complete flow against the embedded sandbox: the page must show the
// authorization code the `success` event carried. Each app runs in a same-origin iframe, as its own page.
import { expect } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { waitFor, widgetLinkEndpoint } from '../helpers.js';

const examples = {
  'plain HTML + CDN bundle': '/demo/examples/html/index.html',
  'React 19, native custom element': '/demo/examples/react/dist/index.html',
  'React, @lit/react wrapper': '/demo/examples/react/dist/wrapper.html',
  'Vue 3': '/demo/examples/vue/dist/index.html',
};

async function openExample(path: string): Promise<HTMLIFrameElement> {
  const response = await fetch(path, { method: 'HEAD' });
  if (!response.ok) throw new Error(`${path} is not built: run \`npm run build && npm run build:examples\` first.`);
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 800px; height: 900px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame;
}

describe('example apps', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  for (const [name, path] of Object.entries(examples)) {
    it(`${name}: a complete sandbox flow shows the received code`, async () => {
      frame = await openExample(path);
      const page = frame.contentWindow!;
      // The app's element, once its framework rendered it and the element upgraded.
      const el = await waitFor(() => {
        const found = page.document.querySelector<NrichConnect>('nrich-connect');
        return found?.shadowRoot?.querySelector<HTMLButtonElement>('button.connect') ? found : null;
      });
      // The app asks /api/widget-link; the sandbox's autopilot switch makes its widget authorize by itself.
      el.setAttribute('endpoint', widgetLinkEndpoint({ autopilot: 'authorize' }));
      await el.updateComplete;
      el.shadowRoot!.querySelector<HTMLButtonElement>('button.connect')!.click();
      const text = await waitFor(() => {
        const shown = page.document.querySelector('#result')?.textContent ?? '';
        return /^Received code: \S+/.test(shown) ? shown : null;
      }, 15000);
      expect(text).to.match(/^Received code: \S{8,}$/);
      // The overlay closed when the flow ended.
      expect(el.shadowRoot!.querySelector('dialog')).to.equal(null);
    });
  }
});
