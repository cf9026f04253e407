/**
 * Validation of the body the browser element POSTs to the host's widget-link endpoint.
 * Pure: turns untrusted JSON into the exact `/onetime/access` body to send, or one precise problem.
 * Only validated fields are forwarded, so a page cannot smuggle options past the host.
 */
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { languages } from '../protocol/languages.js';
import type { AccountHint, OnetimeAccessRequest, WidgetLanguage } from './types.js';

export const WIDGET_LANGUAGES: readonly WidgetLanguage[] = languages;
export const MAX_ACCOUNTS = 10;
export const MAX_ACCOUNT_ID_LENGTH = 64;
export const MAX_STATE_LENGTH = 512;
/** About two years of history; the API documents no ceiling, the host may lower or raise it. */
export const DEFAULT_MAX_SYNC_PERIOD = 730;

export type RedirectUriPolicy = readonly string[] | ((uri: string) => boolean);

export interface WidgetLinkRules {
  redirectUris: RedirectUriPolicy;
  maxSyncPeriod?: number;
  /** Sent when the page names no language; otherwise the widget uses its own default (`de`). */
  defaultLanguage?: WidgetLanguage;
}

export type ValidationResult =
  { ok: true; request: OnetimeAccessRequest } | { ok: false; error: string; message: string };

// RFC 3986 unreserved characters: the state travels in a query string and must survive it unchanged.
const URL_SAFE = /^[A-Za-z0-9._~-]*$/;
// "Looks like an IBAN": country letters and check digits first. Such an id is checked in full, so a typo
// is caught here instead of sending the user to a bank-selection screen.
const IBAN_LIKE = /^[A-Z]{2}[0-9]{2}/;

export function validateWidgetLinkRequest(body: unknown, rules: WidgetLinkRules): ValidationResult {
  const fail = (error: string, message: string): ValidationResult => ({ ok: false, error, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('invalid_body', 'The body must be a JSON object.');
  }
  const input = body as Record<string, unknown>;
  const request: Partial<OnetimeAccessRequest> = {};

  const redirectUri = input.redirect_uri;
  if (typeof redirectUri !== 'string' || redirectUri === '') {
    return fail('invalid_redirect_uri', 'redirect_uri must be a non-empty string.');
  }
  if (!isAllowedRedirectUri(redirectUri, rules.redirectUris)) {
    // An unlisted target would make this endpoint an open redirect carrying the user's code.
    return fail('redirect_uri_not_allowed', "redirect_uri is not on this server's allow-list.");
  }
  request.redirect_uri = redirectUri;

  const language = input.language ?? rules.defaultLanguage;
  if (language !== undefined) {
    if (!WIDGET_LANGUAGES.includes(language as WidgetLanguage)) {
      return fail('invalid_language', `language must be one of ${WIDGET_LANGUAGES.join(', ')}.`);
    }
    request.language = language as WidgetLanguage;
  }

  if (input.state !== undefined) {
    const { state } = input;
    if (typeof state !== 'string' || state.length > MAX_STATE_LENGTH || !URL_SAFE.test(state)) {
      return fail(
        'invalid_state',
        `state must be a string of at most ${MAX_STATE_LENGTH} URL-safe characters (A-Z a-z 0-9 . _ ~ -).`,
      );
    }
    request.state = state;
  }

  if (input.sync_period !== undefined) {
    const max = rules.maxSyncPeriod ?? DEFAULT_MAX_SYNC_PERIOD;
    const period = input.sync_period;
    if (typeof period !== 'number' || !Number.isInteger(period) || period < 1 || period > max) {
      return fail('invalid_sync_period', `sync_period must be a whole number of days from 1 to ${max}.`);
    }
    request.sync_period = period;
  }

  if (input.accounts !== undefined) {
    const accounts = validateAccounts(input.accounts);
    if (typeof accounts === 'string') return fail('invalid_accounts', accounts);
    if (accounts.length > 0) request.accounts = accounts;
  }

  return { ok: true, request: request as OnetimeAccessRequest };
}

/** Exact match against a list (prefix or pattern matching is how open redirects slip in), or the host's own test. */
export function isAllowedRedirectUri(uri: string, policy: RedirectUriPolicy): boolean {
  if (!isHttpUrl(uri)) return false;
  return typeof policy === 'function' ? policy(uri) : policy.includes(uri);
}

/** The accounts to forward, or the reason they were refused. */
function validateAccounts(value: unknown): AccountHint[] | string {
  if (!Array.isArray(value)) return 'accounts must be an array of { id } objects.';
  if (value.length > MAX_ACCOUNTS) return `accounts may list at most ${MAX_ACCOUNTS} entries.`;
  const accounts: AccountHint[] = [];
  for (const [index, entry] of value.entries()) {
    const id: unknown = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).id : undefined;
    if (typeof id !== 'string' || id.trim().length === 0 || id.length > MAX_ACCOUNT_ID_LENGTH) {
      return `accounts[${index}].id must be a string of 1 to ${MAX_ACCOUNT_ID_LENGTH} characters.`;
    }
    const iban = electronicFormatIBAN(id) ?? '';
    if (IBAN_LIKE.test(iban)) {
      if (!isValidIBAN(iban)) return `accounts[${index}].id looks like an IBAN but fails the IBAN check.`;
      accounts.push({ id: iban }); // the API gets the electronic form, without spaces
    } else {
      accounts.push({ id: id.trim() }); // an account number or card PAN
    }
  }
  return accounts;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
