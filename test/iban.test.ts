import { expect } from '@open-wc/testing';
import * as source from '../src/iban.js';

// Real IBANs from several countries (Lion's test vectors plus two more).
const valid = {
  NL17INGB0002822608: 'NL17 INGB 0002 8226 08',
  DE89370400440532013000: 'DE89 3704 0044 0532 0130 00',
  FR1420041010050500013M02606: 'FR14 2004 1010 0505 0001 3M02 606',
  SK3112000000198742637541: 'SK31 1200 0000 1987 4263 7541',
  GB29NWBK60161331926819: 'GB29 NWBK 6016 1331 9268 19',
  ES9121000418450200051332: 'ES91 2100 0418 4502 0005 1332',
};

// The CDN's IBAN chunk is built with ibantools' unread country-table fields left out (scripts/cdn.mjs,
// ibantoolsAsUsed): it must answer as the source does. Needs `npm run build`.
const cdnChunk = '/dist/cdn/chunks/iban.js';
for (const [name, load] of [
  ['src/iban.ts', async () => source],
  [cdnChunk, async () => (await import(/* @vite-ignore */ cdnChunk)) as typeof source],
] as const) {
  describe(`iban (${name})`, () => {
    let formatIban: typeof source.formatIban;
    let isIban: typeof source.isIban;
    let parseIban: typeof source.parseIban;
    before(async () => ({ formatIban, isIban, parseIban } = await load()));

    for (const [electronic, friendly] of Object.entries(valid)) {
      it(`accepts ${electronic} typed with spaces and in lower case`, () => {
        expect(isIban(friendly.toLowerCase())).to.equal(true);
        expect(parseIban(` ${friendly.toLowerCase()} `)).to.equal(electronic);
        expect(formatIban(electronic)).to.equal(friendly);
      });
    }

    it('rejects a wrong check sum, a wrong length and an unknown country', () => {
      expect(isIban('DE89370400440532013001')).to.equal(false);
      expect(isIban('DE8937040044053201300')).to.equal(false);
      expect(isIban('XX89370400440532013000')).to.equal(false);
      expect(isIban('')).to.equal(false);
    });

    it('leaves an invalid input as typed when formatting', () => {
      expect(formatIban('de89 3704 oops')).to.equal('de89 3704 oops');
    });
  });
}
