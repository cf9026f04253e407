import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LinkRequest, NrichConnect } from '../../src/index.js';
import { connectButton, ibanInput, typeText, waitFor } from '../helpers.js';

/** An element whose createLink records requests and never answers, so tests see exactly what would be sent. */
async function recordingElement(template = html`<nrich-connect></nrich-connect>`) {
  const el = await fixture<NrichConnect>(template);
  const requests: LinkRequest[] = [];
  el.createLink = (request) => {
    requests.push(request);
    return new Promise(() => {});
  };
  return { el, requests };
}

describe('<nrich-connect> IBAN field', () => {
  it('is labelled and optional by default, axe-clean', async () => {
    const { el } = await recordingElement();
    const input = ibanInput(el)!;
    expect(input.labels?.[0]?.textContent).to.contain('IBAN');
    expect(input.required).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('sends the electronic format of what the user typed with spaces in lower case', async () => {
    const { el, requests } = await recordingElement();
    ibanInput(el)!.focus();
    await typeText('nl17 ingb 0002 8226 08');
    connectButton(el).click();
    expect((await waitFor(() => requests[0])).accounts).to.deep.equal([{ id: 'NL17INGB0002822608' }]);
    el.close();
  });

  it('shows the friendly format when the field is left', async () => {
    const { el } = await recordingElement();
    ibanInput(el)!.focus();
    await typeText('sk3112000000198742637541');
    ibanInput(el)!.blur();
    await el.updateComplete;
    expect(ibanInput(el)!.value).to.equal('SK31 1200 0000 1987 4263 7541');
  });

  it('prefills from the iban attribute', async () => {
    const { el, requests } = await recordingElement(
      html`<nrich-connect iban="DE89370400440532013000"></nrich-connect>`,
    );
    expect(ibanInput(el)!.value).to.equal('DE89370400440532013000');
    el.open();
    expect((await waitFor(() => requests[0])).accounts).to.deep.equal([{ id: 'DE89370400440532013000' }]);
    el.close();
  });

  it('blocks an invalid IBAN with an announced inline error, sends nothing, keeps the text', async () => {
    const { el, requests } = await recordingElement();
    ibanInput(el)!.focus();
    await typeText('DE89 3704 0044 0532 0130 01');
    const failed = oneEvent(el, 'error');
    connectButton(el).click();
    expect((await failed).detail.code).to.equal('invalid-iban');
    await el.updateComplete;
    const input = ibanInput(el)!;
    const error = el.shadowRoot!.getElementById(input.getAttribute('aria-describedby')!)!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.not.equal('');
    expect(input.value).to.equal('DE89 3704 0044 0532 0130 01');
    expect(requests).to.have.length(0);
    expect(el.shadowRoot!.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
  });

  it('clears the error once the IBAN is fixed', async () => {
    const { el, requests } = await recordingElement(html`<nrich-connect iban="DE00"></nrich-connect>`);
    const failed = oneEvent(el, 'error');
    el.open();
    await failed;
    await el.updateComplete;
    expect(ibanInput(el)!.getAttribute('aria-invalid')).to.equal('true');
    ibanInput(el)!.select();
    await typeText('DE89370400440532013000');
    await el.updateComplete;
    expect(ibanInput(el)!.getAttribute('aria-invalid')).to.equal('false');
    el.open();
    await waitFor(() => requests.length);
    expect(requests).to.have.length(1);
    el.close();
  });

  it('requires a value with iban-field="required"', async () => {
    const { el, requests } = await recordingElement(html`<nrich-connect iban-field="required"></nrich-connect>`);
    expect(ibanInput(el)!.required).to.equal(true);
    const failed = oneEvent(el, 'error');
    el.open();
    expect((await failed).detail.code).to.equal('invalid-iban');
    expect(requests).to.have.length(0);
  });

  it('renders no field with iban-field="hidden" but still sends a set iban', async () => {
    const { el, requests } = await recordingElement(
      html`<nrich-connect iban-field="hidden" iban="GB29NWBK60161331926819"></nrich-connect>`,
    );
    expect(ibanInput(el)).to.equal(null);
    el.open();
    expect((await waitFor(() => requests[0])).accounts).to.deep.equal([{ id: 'GB29NWBK60161331926819' }]);
    el.close();
    await expect(el).to.be.accessible();
  });

  it('starts the flow with Enter in the field', async () => {
    const { el, requests } = await recordingElement();
    ibanInput(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => requests.length);
    expect(requests).to.have.length(1);
    el.close();
  });
});
