// Issue 14, item 14: an IBAN copied out of a banking app carries no-break or thin spaces, or tabs.
import { expect } from '@open-wc/testing';
import { ibanProblem, isIban, parseIban } from '../../src/iban.js';

const separators: [string, string][] = [
  ['no-break space U+00A0', '\u00a0'],
  ['narrow no-break space U+202F', '\u202f'],
  ['thin space U+2009', '\u2009'],
  ['figure space U+2007', '\u2007'],
  ['zero-width space U+200B', '\u200b'],
  ['ideographic space U+3000', '\u3000'],
  ['tab', '\t'],
  ['line break', '\n'],
  ['hyphen', '-'],
];

describe('security: IBAN input tolerates pasted separators', () => {
  for (const [name, separator] of separators) {
    it(`accepts DE89 3704 0044 0532 0130 00 grouped with ${name}`, () => {
      const pasted = ['DE89', '3704', '0044', '0532', '0130', '00'].join(separator);
      expect(parseIban(`${separator}${pasted}${separator}`)).to.equal('DE89370400440532013000');
      expect(isIban(pasted)).to.equal(true);
      expect(ibanProblem(pasted, true)).to.equal(null);
    });
  }

  it('still refuses a wrong check sum, whatever the separators', () => {
    expect(isIban('DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a001')).to.equal(false);
  });
});
