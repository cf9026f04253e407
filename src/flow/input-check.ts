/**
 * Properties a host set to something the flow cannot use, checked first thing in the flow (before anything is
 * requested), each refused with a message that starts with the property's name.
 */
import type { AccountHint } from '../protocol/link.js';

const modes = ['overlay', 'popup', 'inline', 'redirect'];

/** The accounts to send, or what is wrong with them. `null` or `undefined` is none. */
export function checkAccounts(value: unknown): AccountHint[] | string {
  if (value === null || value === undefined) return [];
  const valid =
    Array.isArray(value) &&
    value.every((entry) => typeof entry === 'object' && entry !== null && typeof entry.id === 'string');
  return valid
    ? value.map((entry: AccountHint) => ({ id: entry.id }))
    : 'accounts: must be an array of { id: string } objects (or null for none).';
}

/** What is wrong with the mode, if anything. */
export function modeProblem(value: unknown): string | undefined {
  return modes.includes(value as string) ? undefined : `mode: must be one of ${modes.join(', ')}.`;
}
