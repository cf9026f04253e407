import { expect } from '@open-wc/testing';
import type { CSSResult } from 'lit';
import type { NrichConnect } from '../../src/index.js';
import { ConnectHarness } from '../harness.js';
import { widgetLinkEndpoint } from '../helpers.js';

// docs/performance.md says what loads when: the page's own sheet has the field and the button only; the dialog,
// the frames and the popup panel, and their styles, come with the flow's code (src/element/widget-view.ts).
describe('<nrich-connect> the widget’s parts', () => {
  it('are not in the page’s own sheet, and are styled once the overlay shows', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    const element = customElements.get('nrich-connect') as typeof NrichConnect;
    const pageCss = element.elementStyles
      .map((style) => (style as CSSResult).cssText.replace(/\/\*[\s\S]*?\*\//g, ''))
      .join('');
    expect(pageCss).to.include('.connect');
    expect(pageCss).to.not.match(/dialog|iframe|\.waiting|\.inline/);
    await connect.open();
    // Not the browser's own dialog (1em padding, a border): the element's rules reached its shadow root.
    expect(getComputedStyle(connect.dialog!).paddingTop).to.equal('0px');
    expect(getComputedStyle(connect.frame!).borderTopStyle).to.equal('none');
    expect(connect.frame!.getBoundingClientRect().width).to.equal(connect.dialog!.getBoundingClientRect().width);
    connect.el.close();
  });
});
