/**
 * Properties a host set to something the flow cannot use, checked first thing in the flow (before anything is
 * requested), each refused with a message that starts with the property's name.
 */
import type { AccountHint } from '../protocol/link.js';

const modes = ['overlay', 'popup', 'inline', 'redirect'];

/**
 * The accounts to send (`null` or `undefined` is none), or what is wrong with `accounts` or `mode`: one check for
 * the click and the preloader alike.
 */
export function checkSettings({ accounts, mode }: { accounts: unknown; mode: unknown }): AccountHint[] | string {
  if (
    accounts != null &&
    !(
      Array.isArray(accounts) &&
      accounts.every((entry) => typeof entry === 'object' && entry !== null && typeof entry.id === 'string')
    )
  )
    return 'accounts: must be an array of { id: string } objects (or null for none).';
  if (!modes.includes(mode as string)) return `mode: must be one of ${modes.join(', ')}.`;
  return accounts ? (accounts as AccountHint[]).map(({ id }) => ({ id })) : [];
}
