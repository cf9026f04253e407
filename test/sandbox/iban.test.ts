import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIban, germanIban, isValidIban, normalizeIban } from '../../src/sandbox/iban.js';

describe('sandbox IBAN helpers', () => {
  test('accepts valid IBANs from several countries, with spaces and lower case', () => {
    for (const iban of [
      'NL17INGB0002822608',
      'DE89370400440532013000',
      'FR1420041010050500013M02606',
      'SK3112000000198742637541',
      'de89 3704 0044 0532 0130 00',
    ]) {
      assert.ok(isValidIban(iban), iban);
    }
  });

  test('rejects wrong check digits, account numbers and junk', () => {
    for (const input of ['DE88370400440532013000', '0532013000', 'DE89', '', 'XX89370400440532013000!']) {
      assert.equal(isValidIban(input), false, input);
    }
  });

  test('normalizes and formats in groups of four', () => {
    assert.equal(normalizeIban(' de89 3704 0044 0532 0130 00 '), 'DE89370400440532013000');
    assert.equal(formatIban('DE89370400440532013000'), 'DE89 3704 0044 0532 0130 00');
  });

  test('germanIban builds valid check digits', () => {
    assert.equal(germanIban('37040044', '532013000'), 'DE89370400440532013000');
    assert.ok(isValidIban(germanIban('99900001', '1234567890')));
  });
});
