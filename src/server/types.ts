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

/** Body of `POST /onetime/access`. Only `redirect_uri` is required by the API. */
export interface OnetimeAccessRequest {
  redirect_uri: string;
  language?: WidgetLanguage;
  accounts?: AccountHint[];
  account_types?: string[];
  allow_multi_selection?: boolean;
  /** Days of history to sync; the API's default is 90. */
  sync_period?: number;
  /** Echoed back on the callback. */
  state?: string;
}

/** Body of `POST /auth/token`. */
export type TokenRequest =
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string }
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
}

export interface AccountBalance {
  balance: number;
  balance_date?: string;
  status?: string;
}

export interface Account {
  account_id: string;
  access_id?: string;
  iban?: string;
  bic?: string;
  account_number?: string;
  bank_code?: string;
  bank_name?: string;
  currency?: string;
  balance?: AccountBalance;
  /** e.g. "Giro account". */
  type?: string;
  name?: string;
  owner?: string;
  auto_sync?: boolean;
  is_jointly_managed?: boolean;
  status?: { synced_at?: string; succeeded_at?: string };
}

export interface AccountsResponse {
  accounts: Account[];
}

export interface Transaction {
  account_id: string;
  transaction_id: string;
  amount: number;
  currency?: string;
  iban?: string;
  bic?: string;
  name?: string;
  purpose?: string;
  /** The docs list more fields ("..."); they pass through untouched. */
  [field: string]: unknown;
}

export interface TransactionsResponse {
  transactions: Transaction[];
}

/** Query of `GET /rest/transactions`. */
export interface TransactionsQuery {
  /** Page size; the API's default is 1000. */
  count?: number;
  /** The API's default is 0. */
  offset?: number;
  /** Only transactions from this date on (`YYYY-MM-DD`; a Date is sent as its UTC day). */
  since?: string | Date;
}

/** The API's error body. */
export interface ApiErrorBody {
  error?: string;
  message?: string;
  /** OAuth-style servers say this instead of `message`. */
  error_description?: string;
}
