// The CDN's IBAN chunk is built from ibantools with the country-table fields the element's functions never read
// left out, and its error enums made pure (scripts/cdn.mjs, ibantoolsAsUsed): what validation reads must be
// exactly ibantools' own, for every country, and the enums must still be what they were.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as ibantools from 'ibantools';
import { trimIbantools, unreadIbanFields } from '../../scripts/cdn.mjs';

const file = createRequire(import.meta.url)
  .resolve('ibantools')
  .replace(/build[\\/]ibantools\.cjs$/, 'jsnext/ibantools.js');
const dir = mkdtempSync(path.join(tmpdir(), 'ibantools-'));
writeFileSync(path.join(dir, 'trimmed.mjs'), trimIbantools(readFileSync(file, 'utf8')));
const trimmed = (await import(pathToFileURL(path.join(dir, 'trimmed.mjs')).href)) as typeof ibantools;

test('every country keeps what validation reads, and nothing it does not', () => {
  const countries = Object.keys(ibantools.countrySpecs);
  assert.ok(countries.length > 200);
  assert.deepEqual(Object.keys(trimmed.countrySpecs), countries);
  for (const country of countries) {
    const { chars, bban_regexp, bban_validation_func, ...rest } = ibantools.countrySpecs[country]!;
    const kept = trimmed.countrySpecs[country]!;
    assert.deepEqual(
      [kept.chars, kept.bban_regexp, kept.bban_validation_func?.toString()],
      [chars, bban_regexp, bban_validation_func?.toString()],
      country,
    );
    assert.deepEqual(
      Object.keys(kept).filter((key) => unreadIbanFields.includes(key)),
      [],
      country,
    );
    assert.deepEqual(
      Object.keys(rest).filter((key) => !unreadIbanFields.includes(key)),
      [],
      `${country}: a new field`,
    );
  }
});

test('the enums, made pure, are still the enums', () => {
  assert.deepEqual(trimmed.ValidationErrorsIBAN, ibantools.ValidationErrorsIBAN);
  assert.deepEqual(trimmed.ValidationErrorsBIC, ibantools.ValidationErrorsBIC);
});

test('the trimmed module validates and formats as ibantools does', () => {
  for (const iban of ['DE89370400440532013000', 'DE89370400440532013001', 'FR1420041010050500013M02606', 'XX00']) {
    assert.equal(trimmed.isValidIBAN(iban), ibantools.isValidIBAN(iban), iban);
    assert.equal(trimmed.friendlyFormatIBAN(iban), ibantools.friendlyFormatIBAN(iban), iban);
  }
});
