/** The fake banks the widget offers; their codes are used for seeded German IBANs. */
export interface SandboxBank {
  id: string;
  name: string;
  bankCode: string;
  bic: string;
}

export const BANKS: readonly SandboxBank[] = [
  { id: 'sandbox-bank', name: 'Sandbox Bank', bankCode: '99900001', bic: 'SBOXDEFFXXX' },
  { id: 'demo-sparkasse', name: 'Demo Sparkasse', bankCode: '99900002', bic: 'DSPKDEM1XXX' },
  { id: 'test-volksbank', name: 'Test Volksbank', bankCode: '99900003', bic: 'TVOBDE33XXX' },
  { id: 'example-direct', name: 'Example Direct', bankCode: '99900004', bic: 'EXDIDEB1XXX' },
];

const DEFAULT_BANK = BANKS[0] as SandboxBank;

export function bankById(id: string | undefined): SandboxBank | undefined {
  return BANKS.find((bank) => bank.id === id);
}

/**
 * The bank an entered IBAN belongs to: one of ours when the German bank code matches, otherwise
 * the default sandbox bank (an emulator cannot know every real bank, and need not).
 */
export function bankForIban(iban: string): SandboxBank {
  const bankCode = iban.startsWith('DE') ? iban.slice(4, 12) : '';
  return BANKS.find((bank) => bank.bankCode === bankCode) ?? DEFAULT_BANK;
}

export function defaultBank(): SandboxBank {
  return DEFAULT_BANK;
}
