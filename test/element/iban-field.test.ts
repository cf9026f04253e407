import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { sendKeys } from '@web/test-runner-commands';
import type { LinkRequest } from '../../src/index.js';
import { ConnectHarness } from '../harness.js';
import { nextTask, typeText, waitFor } from '../helpers.js';

/** An element whose createLink records requests and never answers, so tests see exactly what would be sent. */
async function recordingElement(attributes: Record<string, string> = {}) {
  const connect = await ConnectHarness.create(attributes);
  const requests: LinkRequest[] = [];
  connect.el.createLink = (request) => {
    requests.push(request);
    return new Promise(() => {});
  };
  return { connect, el: connect.el, requests };
}

describe('<nrich-connect> IBAN field', () => {
  it('is labelled and optional by default, axe-clean', async () => {
    const { connect, el } = await recordingElement();
    const input = connect.field!;
    expect(input.labels?.[0]?.textContent).to.contain('IBAN');
    expect(input.required).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('sends the electronic format of what the user typed with spaces in lower case', async () => {
    const { connect, el, requests } = await recordingElement();
    connect.field!.focus();
    await typeText('nl17 ingb 0002 8226 08');
    connect.button.click();
    expect((await waitFor(() => requests[0])).accounts).to.deep.equal([{ id: 'NL17INGB0002822608' }]);
    el.close();
  });

  it('shows the friendly format when the field is left', async () => {
    const { connect, el } = await recordingElement();
    connect.field!.focus();
    await typeText('sk3112000000198742637541');
    connect.field!.blur();
    await el.updateComplete;
    expect(connect.field!.value).to.equal('SK31 1200 0000 1987 4263 7541');
  });

  it('prefills from the iban attribute', async () => {
    const { connect, el, requests } = await recordingElement({ iban: 'DE89370400440532013000' });
    expect(connect.field!.value).to.equal('DE89370400440532013000');
    el.open();
    expect((await waitFor(() => requests[0])).accounts).to.deep.equal([{ id: 'DE89370400440532013000' }]);
    el.close();
  });

  it('blocks an invalid IBAN with an announced inline error, sends nothing, keeps the text', async () => {
    const { connect, el, requests } = await recordingElement();
    connect.field!.focus();
    await typeText('DE89 3704 0044 0532 0130 01');
    const failed = connect.next('error');
    connect.button.click();
    expect((await failed).detail.code).to.equal('invalid-iban');
    await el.updateComplete;
    const input = connect.field!;
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
    const { connect, el, requests } = await recordingElement({ iban: 'DE00' });
    const failed = connect.next('error');
    el.open();
    await failed;
    await el.updateComplete;
    expect(connect.field!.getAttribute('aria-invalid')).to.equal('true');
    connect.field!.select();
    await typeText('DE89370400440532013000');
    await el.updateComplete;
    expect(connect.field!.getAttribute('aria-invalid')).to.equal('false');
    el.open();
    await waitFor(() => requests.length);
    expect(requests).to.have.length(1);
    el.close();
  });

  it('requires a value with iban-field="required"', async () => {
    const { connect, el, requests } = await recordingElement({ 'iban-field': 'required' });
    expect(connect.field!.required).to.equal(true);
    const failed = connect.next('error');
    el.open();
    const { detail } = await failed;
    expect(detail).to.deep.equal({
      code: 'invalid-iban',
      message: 'An IBAN is required (iban-field="required") and none was entered.',
    });
    expect(requests).to.have.length(0);
  });

  // Checked by the flow on the first click (ibantools not loaded yet), by the element itself once it is.
  for (const path of ['the flow', 'the element']) {
    it(`moves focus to the field once, and says it in English to developers and in the page's language to users (${path})`, async () => {
      const { connect, el } = await recordingElement({ iban: 'DE00', language: 'fr' });
      if (path === 'the element') {
        const first = connect.next('error');
        el.open();
        await first;
        await el.updateComplete;
        await nextTask(); // the first error's focus move is done
        connect.button.focus();
      }
      const focus = sinon.spy(connect.field!, 'focus');
      const failed = connect.next('error');
      connect.button.click();
      const { detail } = await failed;
      await el.updateComplete;
      await nextTask(); // the focus move follows the update
      expect(focus.callCount).to.equal(1);
      expect(connect.focused).to.equal(connect.field);
      expect(detail.message).to.equal('The IBAN is not valid (length or check digits).');
      expect(connect.errorText).to.equal('Cet IBAN n’est pas valide. Veuillez le vérifier.');
    });
  }

  it('renders no field with iban-field="hidden" but still sends a set iban', async () => {
    const { connect, el, requests } = await recordingElement({
      'iban-field': 'hidden',
      iban: 'GB29NWBK60161331926819',
    });
    expect(connect.field).to.equal(null);
    el.open();
    expect((await waitFor(() => requests[0])).accounts).to.deep.equal([{ id: 'GB29NWBK60161331926819' }]);
    el.close();
    await expect(el).to.be.accessible();
  });

  it('starts the flow with Enter in the field', async () => {
    const { connect, el, requests } = await recordingElement();
    connect.field!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => requests.length);
    expect(requests).to.have.length(1);
    el.close();
  });

  it('an Enter that ends an IME composition picks the text and starts nothing; the next Enter does', async () => {
    const { connect, el, requests } = await recordingElement();
    const field = connect.field!;
    field.focus();
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
    // Safari ends a composition with a keydown that says isComposing false, and keyCode 229 ("being composed").
    const safari = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true });
    Object.defineProperty(safari, 'keyCode', { value: 229 });
    field.dispatchEvent(safari);
    el.iban = 'DE89 3704 0044 0532 0130 00'; // typed after the compositions: the flow the next Enter starts has it
    await el.updateComplete;
    await sendKeys({ press: 'Enter' });
    await waitFor(() => requests.length);
    expect(requests.map((request) => request.accounts)).to.deep.equal([[{ id: 'DE89370400440532013000' }]]);
    el.close();
  });
});
