import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConnectHarness } from '../harness.js';
import { typeText, widgetLinkEndpoint } from '../helpers.js';

declare global {
  // Lit's development build records every warning it prints here.
  var litIssuedWarnings: Set<string | undefined> | undefined;
}

describe('Lit development mode', () => {
  it('runs in the development build, and the element causes no Lit warnings through a whole flow', async () => {
    expect(globalThis.litIssuedWarnings, 'tests must load Lit in dev mode').to.be.instanceOf(Set);
    const connect = await ConnectHarness.create({
      endpoint: widgetLinkEndpoint({ autopilot: 'authorize' }),
      iban: 'DE00',
    });
    const { el } = connect;
    const invalid = connect.next('error');
    el.open(); // invalid IBAN state
    await invalid;
    await el.updateComplete;
    // The user fixes the IBAN and presses Enter: the dialog takes the focus from the field.
    connect.field!.select();
    await typeText('DE89370400440532013000');
    const ended = connect.next('success');
    await sendKeys({ press: 'Enter' });
    await ended;
    await el.updateComplete;
    const warnings = [...globalThis.litIssuedWarnings!].filter((warning) => !warning?.includes('dev mode'));
    expect(warnings).to.deep.equal([]);
  });
});
