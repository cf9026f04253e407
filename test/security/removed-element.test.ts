// Issue 14, item 13: an element removed mid-flow ends it with `abort` (reason `host`); the listeners that were
// above it hear that abort too, although a removed element has no ancestors left to bubble to.
import { expect } from '@open-wc/testing';
import { ConnectHarness } from '../harness.js';
import { nextTask, widgetLinkEndpoint } from '../helpers.js';
import type { AbortEvent } from '../../src/index.js';

describe('security: the abort of a removed element', () => {
  it('reaches the element, its former parent and the document, once each', async () => {
    const harness = await ConnectHarness.create({
      endpoint: widgetLinkEndpoint(),
    });
    const parent = harness.el.parentElement!;
    const heard: string[] = [];
    const onParent = (event: Event) => heard.push(`parent:${(event as AbortEvent).detail.reason}`);
    const onDocument = (event: Event) => heard.push(`document:${(event as AbortEvent).detail.reason}`);
    parent.addEventListener('abort', onParent);
    document.addEventListener('abort', onDocument);
    try {
      await harness.open();
      const ended = harness.next('abort');
      harness.el.remove();
      expect((await ended).detail.reason).to.equal('host');
      await nextTask(); // the copy for the former parent is sent right after, in the same chain
      expect(heard).to.deep.equal(['parent:host', 'document:host']);
      expect(harness.ended).to.have.length(1);
    } finally {
      parent.removeEventListener('abort', onParent);
      document.removeEventListener('abort', onDocument);
    }
  });
});
