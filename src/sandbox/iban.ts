/**
 * Just enough IBAN handling for an emulator: the sandbox must not import the library's
 * own `src/iban.ts` (that is the code under test), nor pull in a dependency.
 */

/** Strips spaces and upper-cases, the way a user may type an IBAN. */
export function normalizeIban(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** ISO 13616 mod-97 check over the rearranged IBAN; no per-country length table (an emulator). */
export function isValidIban(input: string): boolean {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Groups of four, as printed on bank cards and statements. */
export function formatIban(input: string): string {
  return normalizeIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}

/** Builds a valid German IBAN, so seeded accounts and counterparties pass any client's check. */
export function germanIban(bankCode: string, accountNumber: string): string {
  const bban = bankCode.padStart(8, '0') + accountNumber.padStart(10, '0');
  const check = 98 - mod97(bban + 'DE00');
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

/** Letters count as 10..35; chunked so the number never leaves double precision. */
function mod97(rearranged: string): number {
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}
