import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';

// What people and banking apps put between the groups: any Unicode space (no-break U+00A0, thin U+2009,
// narrow no-break U+202F, ideographic…), tabs and line breaks (\s covers them), the zero-width space and
// joiners (not \s), hyphens and dots. ibantools itself strips only ASCII spaces and hyphens.
const SEPARATORS = /[\s\u200b-\u200d\u2060.-]/g;

/** What the user typed or pasted, reduced to the electronic format: no separators, upper case. */
export function parseIban(input: string): string {
  return electronicFormatIBAN(input.replace(SEPARATORS, '')) ?? '';
}

/** True for a structurally valid IBAN with a correct check sum (country rules from ibantools). */
export function isIban(input: string): boolean {
  return isValidIBAN(parseIban(input));
}

/** Groups of four for display, e.g. `DE89 3704 0044 0532 0130 00`; anything invalid is returned as typed. */
export function formatIban(input: string): string {
  return isIban(input) ? (friendlyFormatIBAN(parseIban(input)) ?? input) : input;
}

/** Why the IBAN field blocks a flow: `missing` (empty but required), `invalid`, or null when it does not. */
export function ibanProblem(input: string, required: boolean): 'missing' | 'invalid' | null {
  if (parseIban(input) === '') return required ? 'missing' : null;
  return isIban(input) ? null : 'invalid';
}

/** What an `invalid-iban` error says to developers (the element shows its own localized text to the user). */
export const ibanProblemMessages = {
  missing: 'An IBAN is required (iban-field="required") and none was entered.',
  invalid: 'The IBAN is not valid (length or check digits).',
} as const;
