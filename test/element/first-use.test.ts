import { expect, fixture } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { freshElement, nextTask, waitFor } from '../helpers.js';

/** Whether the page fetched the flow's code from these (fresh) URLs. */
const loaded = (prefix: string) =>
  performance.getEntriesByType('resource').some((entry) => entry.name.includes(`${prefix}/src/element/first-use.ts`));

describe('<nrich-connect> the flow’s code', () => {
  it('loads once the element is on screen (and the browser idle), with no hover, focus or click: touch has none', async () => {
    const { prefix } = await freshElement();
    const el = await fixture<NrichConnect>(
      '<nrich-connect endpoint="/api/widget-link" style="position: absolute; top: 300vh"></nrich-connect>',
    );
    // The element's own observer was told first (it observed first): off screen.
    const entries = await new Promise<IntersectionObserverEntry[]>((resolve) => {
      const observer = new IntersectionObserver((seen) => (observer.disconnect(), resolve(seen)));
      observer.observe(el);
    });
    expect(entries.some((entry) => entry.isIntersecting)).to.equal(false);
    await nextTask();
    expect(loaded(prefix)).to.equal(false); // off screen: nothing asked for
    el.style.top = '0';
    await waitFor(() => loaded(prefix));
  });
});
