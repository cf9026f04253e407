import { expect, fixture, html } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { ConnectHarness } from '../harness.js';
import { waitFor } from '../helpers.js';

/** The button's text at every render of an element, from its first. */
function recordButtonTexts(el: NrichConnect): string[] {
  const texts: string[] = [];
  el.addController({
    hostUpdated: () => texts.push(el.shadowRoot!.querySelector('[part="button"]')!.textContent!.trim()),
  });
  return texts;
}

describe('<nrich-connect> language', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('speaks German by default, like the widget', async () => {
    const connect = await ConnectHarness.create();
    expect(connect.button.textContent!.trim()).to.equal('Bankkonto verbinden');
  });

  it('speaks a language that loads later from its first render on (no English flash)', async () => {
    const el = document.createElement('nrich-connect');
    el.language = 'es';
    const texts = recordButtonTexts(el);
    await fixture(el);
    expect(texts.length).to.be.greaterThan(0);
    expect(new Set(texts)).to.deep.equal(new Set(['Conectar cuenta bancaria']));
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('es');
  });

  it("follows the page's lang when supported, also when it changes later", async () => {
    document.documentElement.lang = 'en-GB';
    const connect = await ConnectHarness.create();
    expect(connect.button.textContent!.trim()).to.equal('Connect bank account');
    document.documentElement.lang = 'es';
    await waitFor(() => connect.button.textContent!.trim() === 'Conectar cuenta bancaria');
    document.documentElement.lang = 'it';
    await waitFor(() => connect.button.textContent!.trim() === 'Bankkonto verbinden');
  });

  it('uses the language attribute, right-to-left for Arabic', async () => {
    const connect = await ConnectHarness.create({ language: 'ar' });
    const base = connect.part('base')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(base.getAttribute('lang')).to.equal('ar');
    await expect(connect.el).to.be.accessible();
  });

  it('uses the slotted text for the button', async () => {
    const el = await fixture<NrichConnect>(html`<nrich-connect>Link my bank</nrich-connect>`);
    expect(el.textContent).to.equal('Link my bank');
    expect(new ConnectHarness(el).button.querySelector('slot')!.assignedNodes()).to.have.length(1);
  });

  it("takes the host's strings per language (`strings`), keeps the rest and the direction", async () => {
    const connect = await ConnectHarness.create({ 'iban-field': 'required' });
    const { el } = connect;
    el.strings = {
      de: { connect: 'Konto verknüpfen' },
      en: { connect: 'Link your account', ibanLabel: 'Account IBAN' },
      ar: { connect: 'اربط حسابك' },
    };
    await el.updateComplete;
    expect(connect.button.textContent!.trim()).to.equal('Konto verknüpfen');
    expect(connect.part('label')!.textContent!.trim()).to.equal('IBAN'); // not overridden in German
    el.language = 'en';
    await el.updateComplete;
    expect(connect.button.textContent!.trim()).to.equal('Link your account');
    expect(connect.part('label')!.textContent!.trim()).to.equal('Account IBAN');
    el.language = 'fr';
    await waitFor(() => connect.button.textContent!.trim() === 'Connecter un compte bancaire'); // none for fr
    el.language = 'ar';
    await waitFor(() => connect.button.textContent!.trim() === 'اربط حسابك');
    expect(connect.part('base')!.getAttribute('dir')).to.equal('rtl');
    // The texts of a flow's failure too: what the user reads, in the host's words.
    el.strings = { ...el.strings, ar: { ...el.strings.ar, ibanRequired: 'أدخل رقم الآيبان' } };
    const ended = connect.next('error');
    el.open();
    await ended;
    await el.updateComplete;
    expect(connect.errorText).to.equal('أدخل رقم الآيبان');
    await expect(el).to.be.accessible();
  });
});
