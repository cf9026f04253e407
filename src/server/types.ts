/**
 * Request and response bodies of the nrich API, field for field as the qwist docs name them
 * (snake_case on purpose: these objects go over the wire unchanged). What the browser element shares with the
 * server kit (languages, `AccountHint`, `WidgetLink`) lives in src/protocol/.
 */
import type { Language } from '../protocol/languages.js';
import type { AccountHint } from '../protocol/link.js';

export type { AccountHint, WidgetLink } from '../protocol/link.js';

/** The widget's languages; it ignores Accept-Language and defaults to `de`. */
export type WidgetLanguage = Language;

/** The flow endpoints that answer `{ location, id }`, by path without the leading slash. */
export const FLOW_KINDS = [
  'onetime/access',
  'ongoing/access',
  'onetime/account-verification',
  'onetime/income-report',
] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/** What every flow start takes. Only `redirect_uri` is required by the API. */
interface FlowRequestBase {
  redirect_uri: string;
  language?: WidgetLanguage;
  accounts?: AccountHint[];
  account_types?: string[];
  /** The API's default is true. */
  allow_multi_selection?: boolean;
  /** Echoed back on the callback. */
  state?: string;
}

/** Body of `POST /onetime/access`: data for about an hour after the user connected, then it is deleted. */
interface OnetimeAccessRequest extends FlowRequestBase {
  /** Days of history to sync; the API's default is 90. */
  sync_period?: number;
}

/** Body of `POST /ongoing/access`: refresh tokens for 90 days of access. */
interface OngoingAccessRequest extends OnetimeAccessRequest {
  /** Your id for the user; required. */
  user_id: string;
  tracking_id?: string;
  provider_id?: string;
  save_secrets?: boolean;
}

/** Body of `POST /onetime/account-verification`. */
interface AccountVerificationRequest extends OnetimeAccessRequest {
  /** The account holder's name to verify; required. */
  name: string;
}

/** Body of `POST /onetime/income-report`; `sync_period` cannot be combined with it. */
interface IncomeReportRequest extends FlowRequestBase {
  /** Months, at least 4; the API's default is 12. */
  reporting_period?: number;
}

export interface FlowRequests {
  'onetime/access': OnetimeAccessRequest;
  'ongoing/access': OngoingAccessRequest;
  'onetime/account-verification': AccountVerificationRequest;
  'onetime/income-report': IncomeReportRequest;
}

/** The body of any flow start. */
export type FlowRequest = FlowRequests[FlowKind];

/** Body of `POST /auth/token`. `redirect_uri` is optional there; when sent it must be the flow's. */
export type TokenRequest =
  | { grant_type: 'authorization_code'; code: string; redirect_uri?: string }
  | { grant_type: 'refresh_token'; refresh_token: string };

/** Answer of `POST /auth/token`, for both grants. */
export interface TokenResponse {
  access_token: string;
  /** Seconds; 3600 in the docs. */
  expires_in: number;
  /** e.g. `accounts=ro balance=ro transactions=ro offline`. */
  scope?: string;
  token_type: string;
  /** A new one on every refresh: it replaces the old, which the API then rejects. */
  refresh_token: string;
  /**
   * When the user's bank consent ends (ISO 8601), for an ongoing connection. Not in the nrich docs (they say
   * "usually after 180 days"); the sandbox sends it. Kept as `TokenSet.consentExpiresAt` when it is a valid time.
   */
  consent_expires_at?: string;
}

/** A calendar day, `YYYY-MM-DD` (e.g. `2026-03-31`), as the API writes dates. */
type IsoDate = string;
/** A moment, ISO 8601 with time and zone (e.g. `2026-03-31T09:12:45.000Z`). */
type IsoDateTime = string;

interface AccountBalance {
  /** In the account's `currency`, as a JSON number (e.g. `1234.56`); negative when overdrawn. */
  balance: number;
  balance_date?: IsoDate;
  /** e.g. `"booked"`. */
  status?: string;
}

/** One entry of `GET /rest/accounts`. Only `account_id` is always there; the sandbox fills every field. */
export interface Account {
  account_id: string;
  /** The bank connection (one login) the account came through. */
  access_id?: string;
  iban?: string;
  bic?: string;
  account_number?: string;
  bank_code?: string;
  bank_name?: string;
  /** ISO 4217, e.g. `EUR`. */
  currency?: string;
  balance?: AccountBalance;
  /** e.g. "Giro account". */
  type?: string;
  name?: string;
  owner?: string;
  auto_sync?: boolean;
  is_jointly_managed?: boolean;
  status?: { synced_at?: IsoDateTime; succeeded_at?: IsoDateTime };
}

export interface AccountsResponse {
  accounts: Account[];
}

/** One entry of `GET /rest/transactions`. */
export interface Transaction {
  account_id: string;
  transaction_id: string;
  /** In `currency`, as a JSON number: negative goes out of the account, positive comes in. */
  amount: number;
  currency?: string;
  /** The counterparty's account. */
  iban?: string;
  bic?: string;
  /** The counterparty's name. */
  name?: string;
  purpose?: string;
  booking_date?: IsoDate;
  value_date?: IsoDate;
  /** `pending` ones are listed only with `include_pending: true`; their amount or date may still change. */
  status?: 'booked' | 'pending';
  /** The docs list more fields ("..."); they pass through untouched. */
  [field: string]: unknown;
}

export interface TransactionsResponse {
  transactions: Transaction[];
  /** Some servers say where the page is and how many there are in all. */
  paging?: { offset?: number; count?: number; total?: number };
}

/** Filters of `GET /rest/transactions`, as the API names them. */
export interface TransactionFilter {
  /** From this day on (`YYYY-MM-DD`; a Date is sent as its UTC day), or from a transaction id with `since_type`. */
  since?: string | Date;
  /** Up to and including this day. */
  until?: string | Date;
  since_type?: string;
  /** Only these account ids. */
  accounts?: readonly string[];
  /** By booking date; the API's default is newest first. */
  sort?: 'asc' | 'desc';
  /** Pending transactions are left out unless this is true. */
  include_pending?: boolean;
}

/** Query of one page of `GET /rest/transactions`. */
export interface TransactionsQuery extends TransactionFilter {
  /** Page size; the API's default is 1000, and a server may answer fewer. */
  count?: number;
  /** The API's default is 0. */
  offset?: number;
}
