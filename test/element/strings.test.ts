import { expect, fixture, html } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { connectButton } from '../helpers.js';

describe('<nrich-connect> language', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('speaks German by default, like the widget', async () => {
    const el = await fixture<NrichConnect>(html`<nrich-connect></nrich-connect>`);
    expect(connectButton(el).textContent!.trim()).to.equal('Bankkonto verbinden');
  });

  it("follows the page's lang when supported", async () => {
    document.documentElement.lang = 'en-GB';
    const el = await fixture<NrichConnect>(html`<nrich-connect></nrich-connect>`);
    expect(connectButton(el).textContent!.trim()).to.equal('Connect bank account');
    document.documentElement.lang = 'it';
    const other = await fixture<NrichConnect>(html`<nrich-connect></nrich-connect>`);
    expect(connectButton(other).textContent!.trim()).to.equal('Bankkonto verbinden');
  });

  it('uses the language attribute, right-to-left for Arabic', async () => {
    const el = await fixture<NrichConnect>(html`<nrich-connect language="ar"></nrich-connect>`);
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(base.getAttribute('lang')).to.equal('ar');
    await expect(el).to.be.accessible();
  });

  it('uses the slotted text for the button', async () => {
    const el = await fixture<NrichConnect>(html`<nrich-connect>Link my bank</nrich-connect>`);
    expect(el.textContent).to.equal('Link my bank');
    expect(connectButton(el).querySelector('slot')!.assignedNodes()).to.have.length(1);
  });
});
