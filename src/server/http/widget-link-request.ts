/**
 * Validation of the body the browser element POSTs to the host's widget-link endpoint.
 * Pure: turns untrusted JSON into the exact flow-start body to send, or one precise problem.
 * The page may ask; the host decides: only validated fields are forwarded, each within the host's
 * limits and allow-lists, and the host's defaults fill what the page left out.
 * The element's `preload: true` (a link asked ahead of a click) is accepted and, like any field not listed here, not forwarded.
 */
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { NrichConfigError } from '../errors.js';
import { languages } from '../../protocol/languages.js';
import { FLOW_KINDS, type AccountHint, type FlowKind, type FlowRequest, type WidgetLanguage } from '../types.js';

const WIDGET_LANGUAGES: readonly WidgetLanguage[] = languages;
const MAX_ACCOUNTS = 10;
const MAX_ACCOUNT_ID_LENGTH = 64;
const MAX_STATE_LENGTH = 512;
/** About two years of history; the API documents no ceiling, the host may lower or raise it. */
const DEFAULT_MAX_SYNC_PERIOD = 730;
/** The income report's documented floor and default, in months; the ceiling is the host's (default 24). */
const MIN_REPORTING_PERIOD = 4;
const DEFAULT_MAX_REPORTING_PERIOD = 24;

export type RedirectUriPolicy = readonly string[] | ((uri: string) => boolean);

export interface WidgetLinkRules {
  redirectUris: RedirectUriPolicy;
  /** The flow this endpoint starts. Default `onetime/access`. */
  flow?: FlowKind;
  /** Sent when the page names no language; otherwise the widget uses its own default (`de`). */
  defaultLanguage?: WidgetLanguage;
  /** The most days of history (`sync_period`) a page may ask for. Default 730. */
  maxSyncPeriod?: number;
  /** `sync_period` sent when the page asks for none; by default none is sent (the API's 90 days). */
  defaultSyncPeriod?: number;
  /** The `account_types` a page may ask for; without this list a page's `account_types` is refused. */
  accountTypes?: readonly string[];
  /** `account_types` sent when the page asks for none. */
  defaultAccountTypes?: readonly string[];
  /**
   * Whether the user may pick several accounts. A page may narrow `true` to `false`, never widen `false`.
   * Sent as the host's value when the page says nothing; left to the API's default (true) when unset.
   */
  allowMultiSelection?: boolean;
  /** Income report only: the most months (`reporting_period`) a page may ask for. Default 24. */
  maxReportingPeriod?: number;
}

type ValidationResult = { ok: true; request: FlowRequest } | { ok: false; error: string; message: string };

// RFC 3986 unreserved characters: the state travels in a query string and must survive it unchanged.
const URL_SAFE = /^[A-Za-z0-9._~-]*$/;
// "Looks like an IBAN": country letters and check digits first. Such an id is checked in full, so a typo
// is caught here instead of sending the user to a bank-selection screen.
const IBAN_LIKE = /^[A-Z]{2}[0-9]{2}/;

type Input = Record<string, unknown>;
type Draft = Record<string, unknown>;
/** A field's check: writes to the request and returns nothing, or returns [error, message]. */
type FieldCheck = (input: Input, rules: WidgetLinkRules, request: Draft) => [string, string] | undefined;

export function validateWidgetLinkRequest(body: unknown, rules: WidgetLinkRules): ValidationResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, error: 'invalid_body', message: 'The body must be a JSON object.' };
  }
  const request: Draft = {};
  for (const check of FIELD_CHECKS) {
    const problem = check(body as Input, rules, request);
    if (problem) return { ok: false, error: problem[0], message: problem[1] };
  }
  return { ok: true, request: request as unknown as FlowRequest };
}

/**
 * The rules themselves, checked when the handler is made: a default the host's own limits refuse, or a
 * flow that does not exist, is a start-up error rather than a failure on a user's click.
 */
export function checkWidgetLinkRules(rules: WidgetLinkRules): void {
  const flow = rules.flow ?? 'onetime/access';
  if (!FLOW_KINDS.includes(flow)) throw new NrichConfigError('flow', `must be one of ${FLOW_KINDS.join(', ')}.`);
  if (typeof rules.redirectUris !== 'function' && !Array.isArray(rules.redirectUris)) {
    throw new NrichConfigError('redirectUris', 'must be a list of URIs or a function.');
  }
  if (rules.defaultLanguage !== undefined && !WIDGET_LANGUAGES.includes(rules.defaultLanguage)) {
    // Else every request naming no language would be refused, blaming the page.
    throw new NrichConfigError('defaultLanguage', `must be one of ${WIDGET_LANGUAGES.join(', ')}.`);
  }
  for (const name of ['accountTypes', 'defaultAccountTypes'] as const) {
    const list = rules[name];
    if (list !== undefined && (!Array.isArray(list) || !list.every((type) => typeof type === 'string' && type))) {
      throw new NrichConfigError(name, 'must be a list of non-empty strings.');
    }
  }
  if (rules.allowMultiSelection !== undefined && typeof rules.allowMultiSelection !== 'boolean') {
    throw new NrichConfigError('allowMultiSelection', 'must be true or false.');
  }
  const maxSync = rules.maxSyncPeriod ?? DEFAULT_MAX_SYNC_PERIOD;
  if (!isWhole(maxSync, 1, Infinity)) throw new NrichConfigError('maxSyncPeriod', 'must be a whole number of days.');
  if (rules.defaultSyncPeriod !== undefined) {
    if (flow === 'onetime/income-report') {
      throw new NrichConfigError('defaultSyncPeriod', 'cannot be combined with the income report.');
    }
    if (!isWhole(rules.defaultSyncPeriod, 1, maxSync)) {
      throw new NrichConfigError('defaultSyncPeriod', `must be a whole number of days from 1 to ${maxSync}.`);
    }
  }
  for (const type of rules.defaultAccountTypes ?? []) {
    if (rules.accountTypes && !rules.accountTypes.includes(type)) {
      throw new NrichConfigError('defaultAccountTypes', `"${type}" is not in accountTypes.`);
    }
  }
  const maxMonths = rules.maxReportingPeriod ?? DEFAULT_MAX_REPORTING_PERIOD;
  if (!isWhole(maxMonths, MIN_REPORTING_PERIOD, Infinity)) {
    throw new NrichConfigError(
      'maxReportingPeriod',
      `must be a whole number of months, at least ${MIN_REPORTING_PERIOD}.`,
    );
  }
}

const FIELD_CHECKS: readonly FieldCheck[] = [
  function redirectUri(input, rules, request) {
    const uri = input.redirect_uri;
    if (typeof uri !== 'string' || uri === '') {
      return ['invalid_redirect_uri', 'redirect_uri must be a non-empty string.'];
    }
    if (!isAllowedRedirectUri(uri, rules.redirectUris)) {
      // An unlisted target would make this endpoint an open redirect carrying the user's code.
      return ['redirect_uri_not_allowed', "redirect_uri is not on this server's allow-list."];
    }
    request.redirect_uri = uri;
  },

  function language(input, rules, request) {
    const value = input.language ?? rules.defaultLanguage;
    if (value === undefined) return;
    if (!WIDGET_LANGUAGES.includes(value as WidgetLanguage)) {
      return ['invalid_language', `language must be one of ${WIDGET_LANGUAGES.join(', ')}.`];
    }
    request.language = value;
  },

  function state(input, _rules, request) {
    const value = input.state;
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length > MAX_STATE_LENGTH || !URL_SAFE.test(value)) {
      return [
        'invalid_state',
        `state must be a string of at most ${MAX_STATE_LENGTH} URL-safe characters (A-Z a-z 0-9 . _ ~ -).`,
      ];
    }
    request.state = value;
  },

  function syncPeriod(input, rules, request) {
    const period = input.sync_period ?? rules.defaultSyncPeriod;
    if (period === undefined) return;
    if (rules.flow === 'onetime/income-report') {
      return [
        'invalid_sync_period',
        'sync_period cannot be combined with the income report (it has reporting_period).',
      ];
    }
    const max = rules.maxSyncPeriod ?? DEFAULT_MAX_SYNC_PERIOD;
    if (!isWhole(period, 1, max)) {
      return ['invalid_sync_period', `sync_period must be a whole number of days from 1 to ${max}.`];
    }
    request.sync_period = period;
  },

  function reportingPeriod(input, rules, request) {
    // Other flows have no reporting period: like any field they do not know, it is not forwarded.
    if (rules.flow !== 'onetime/income-report' || input.reporting_period === undefined) return;
    const max = rules.maxReportingPeriod ?? DEFAULT_MAX_REPORTING_PERIOD;
    if (!isWhole(input.reporting_period, MIN_REPORTING_PERIOD, max)) {
      return [
        'invalid_reporting_period',
        `reporting_period must be a whole number of months from ${MIN_REPORTING_PERIOD} to ${max}.`,
      ];
    }
    request.reporting_period = input.reporting_period;
  },

  function accounts(input, _rules, request) {
    if (input.accounts === undefined) return;
    const accounts = validateAccounts(input.accounts);
    if (typeof accounts === 'string') return ['invalid_accounts', accounts];
    if (accounts.length > 0) request.accounts = accounts;
  },

  function accountTypes(input, rules, request) {
    const asked = input.account_types;
    if (asked === undefined) {
      if (rules.defaultAccountTypes?.length) request.account_types = [...rules.defaultAccountTypes];
      return;
    }
    const allowed = rules.accountTypes ?? [];
    if (!Array.isArray(asked) || asked.length === 0 || !asked.every((type) => typeof type === 'string')) {
      return ['invalid_account_types', 'account_types must be a non-empty array of strings.'];
    }
    const refused = asked.find((type: string) => !allowed.includes(type));
    if (refused !== undefined) {
      return [
        'account_types_not_allowed',
        allowed.length === 0
          ? 'This server does not let the page choose account_types.'
          : `account_types may only name ${allowed.join(', ')}.`,
      ];
    }
    request.account_types = [...new Set(asked as string[])];
  },

  function allowMultiSelection(input, rules, request) {
    const asked = input.allow_multi_selection;
    const host = rules.allowMultiSelection;
    if (asked === undefined) {
      if (host !== undefined) request.allow_multi_selection = host;
      return;
    }
    if (typeof asked !== 'boolean') {
      return ['invalid_allow_multi_selection', 'allow_multi_selection must be true or false.'];
    }
    if (asked && host === false) {
      return ['multi_selection_not_allowed', 'This server lets the user pick one account only.'];
    }
    request.allow_multi_selection = asked;
  },
];

/** Exact match against a list (prefix or pattern matching is how open redirects slip in), or the host's own test. */
function isAllowedRedirectUri(uri: string, policy: RedirectUriPolicy): boolean {
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

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
