/**
 * Accounts a test adds (`sandbox.addAccount(...)`, `POST /_sandbox/accounts`) with a chosen IBAN, balance and
 * transactions. A flow started with that IBAN (the element's IBAN field, or `accounts: [{ id: iban }]`) connects
 * exactly that account, so a test can assert on figures it wrote itself; other flows get the seeded accounts.
 */
import { NrichError } from '../server/index.js';
import { isValidIban, normalizeIban } from './iban.js';

export interface AddedTransaction {
  amount: number;
  purpose: string;
  /** The counterparty. Default `Sandbox counterparty`. */
  name?: string;
  /** YYYY-MM-DD. Default: one day earlier per transaction, counting back from the day the flow started. */
  bookingDate?: string;
}

export interface AddedAccount {
  iban: string;
  balance: number;
  /** Default `Girokonto`. */
  name?: string;
  /** Default `Giro account`. */
  type?: string;
  /** Default `EUR`. */
  currency?: string;
  /** Default `Max Mustermann`. */
  owner?: string;
  /** Newest first, as the API lists them. Default none. */
  transactions?: AddedTransaction[];
}

/** An added account (`sandbox.addAccount(...)`) has a bad field. One of the kit's errors (`NrichError`), code `invalid_account`. */
export class AccountError extends NrichError {
  override readonly name = 'AccountError';
  readonly code = 'invalid_account';
  readonly retryable = false;
}

const ACCOUNT_KEYS = ['iban', 'balance', 'name', 'type', 'currency', 'owner', 'transactions'];
const TRANSACTION_KEYS = ['amount', 'purpose', 'name', 'bookingDate'];

function refuseUnknown(record: Record<string, unknown>, keys: string[], what: string): void {
  const unknown = Object.keys(record).filter((key) => !keys.includes(key));
  if (unknown.length > 0)
    throw new AccountError(`Unknown ${what} field ${unknown.join(', ')}; known: ${keys.join(', ')}.`);
}

function optionalText(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new AccountError(`${key} must be a non-empty string.`);
  return value;
}

function isDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function parseTransaction(input: unknown, index: number): AddedTransaction {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AccountError(`transactions[${index}] must be an object such as { amount: -12.5, purpose: "Coffee" }.`);
  }
  const record = input as Record<string, unknown>;
  refuseUnknown(record, TRANSACTION_KEYS, 'transaction');
  const { amount, purpose } = record;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new AccountError(`transactions[${index}].amount must be a number.`);
  }
  if (typeof purpose !== 'string') throw new AccountError(`transactions[${index}].purpose must be a string.`);
  const name = optionalText(record, 'name');
  const bookingDate = optionalText(record, 'bookingDate');
  if (bookingDate !== undefined && !isDate(bookingDate)) {
    throw new AccountError(`transactions[${index}].bookingDate must be a date as YYYY-MM-DD.`);
  }
  return { amount, purpose, ...(name ? { name } : {}), ...(bookingDate ? { bookingDate } : {}) };
}

/** Checks an account from JS or JSON; the IBAN is stored normalized (no spaces, upper case). */
function parseAddedAccount(input: unknown): AddedAccount {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AccountError('An account is an object such as { iban, balance, transactions }.');
  }
  const record = input as Record<string, unknown>;
  refuseUnknown(record, ACCOUNT_KEYS, 'account');
  const { iban, balance, transactions } = record;
  if (typeof iban !== 'string' || !isValidIban(iban)) throw new AccountError('iban must be a valid IBAN.');
  if (typeof balance !== 'number' || !Number.isFinite(balance)) throw new AccountError('balance must be a number.');
  if (transactions !== undefined && !Array.isArray(transactions)) {
    throw new AccountError('transactions must be an array.');
  }
  const account: AddedAccount = { iban: normalizeIban(iban), balance };
  for (const key of ['name', 'type', 'currency', 'owner'] as const) {
    const value = optionalText(record, key);
    if (value !== undefined) account[key] = value;
  }
  if (account.currency !== undefined && !/^[A-Z]{3}$/.test(account.currency)) {
    throw new AccountError('currency must be an ISO 4217 code such as EUR.');
  }
  account.transactions = (transactions ?? []).map(parseTransaction);
  return account;
}

/** Added accounts by IBAN; adding the same IBAN again replaces it. */
export class AddedAccounts {
  private readonly byIban = new Map<string, AddedAccount>();

  /** Checked here, so JSON from the HTTP control and objects from JS get the same errors. */
  add(input: unknown): AddedAccount {
    const account = parseAddedAccount(input);
    this.byIban.set(account.iban, account);
    return account;
  }

  forIban(iban: string | undefined): AddedAccount | undefined {
    return iban === undefined ? undefined : this.byIban.get(normalizeIban(iban));
  }

  reset(): void {
    this.byIban.clear();
  }
}
