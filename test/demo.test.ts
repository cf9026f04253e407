import { expect } from '@open-wc/testing';
import type { NrichConnect } from '../src/index.js';
import { waitFor } from './helpers.js';

/**
 * The demo page end to end, as `npm start` serves it: click → sandbox widget → code → the demo's backend
 * exchanges it and keeps the tokens → accounts and transactions tables → token rotation.
 */
describe('demo page', () => {
  it('goes from the click to the transactions table, and rotates the refresh token', async () => {
    const frame = document.createElement('iframe');
    frame.title = 'demo';
    frame.style.width = '1000px';
    frame.style.height = '800px';
    frame.src = '/index.html';
    document.body.append(frame);
    const page = await waitFor(
      () => frame.contentDocument?.querySelector('nrich-connect')?.shadowRoot && frame.contentDocument,
    );
    const el = page.querySelector('nrich-connect') as NrichConnect;
    el.endpoint = '/api/widget-link?autopilot=authorize';
    el.iban = 'DE89 3704 0044 0532 0130 00';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.connect')!.click();

    const rows = await waitFor(
      () =>
        page.querySelectorAll('#transactions tbody tr').length > 0 && page.querySelectorAll('#transactions tbody tr'),
      15000,
    );
    expect(rows.length).to.be.greaterThan(0);
    expect(page.querySelector('#accounts tbody')!.textContent).to.contain('DE89370400440532013000');
    expect(page.querySelector('#log')!.textContent).to.contain('success');
    // The page never holds a token: nothing token-like in its DOM or storage.
    expect(page.documentElement.outerHTML).to.not.match(/access_token|refresh_token/);

    (page.querySelector('#refresh') as HTMLButtonElement).click();
    const rotation = await waitFor(
      () => page.querySelector('#rotation')!.textContent?.includes('→') && page.querySelector('#rotation')!.textContent,
    );
    const [before, after] = rotation.match(/[0-9a-f]{8}/g)!;
    expect(before).to.not.equal(after);
    frame.remove();
  });
});
