import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { NrichConnect } from '../../src/index.js';
import { widgetLinkEndpoint } from '../helpers.js';

declare global {
  // Lit's development build records every warning it prints here.
  var litIssuedWarnings: Set<string | undefined> | undefined;
}

describe('Lit development mode', () => {
  it('runs in the development build, and the element causes no Lit warnings through a whole flow', async () => {
    expect(globalThis.litIssuedWarnings, 'tests must load Lit in dev mode').to.be.instanceOf(Set);
    const el = await fixture<NrichConnect>(
      html`<nrich-connect endpoint=${widgetLinkEndpoint({ autopilot: 'authorize' })} iban="DE00"></nrich-connect>`,
    );
    const invalid = oneEvent(el, 'error');
    el.open(); // invalid IBAN state
    await invalid;
    await el.updateComplete;
    el.iban = 'DE89370400440532013000';
    const ended = oneEvent(el, 'success');
    el.open();
    await ended;
    await el.updateComplete;
    const warnings = [...globalThis.litIssuedWarnings!].filter((warning) => !warning?.includes('dev mode'));
    expect(warnings).to.deep.equal([]);
  });
});
