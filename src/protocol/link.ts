/**
 * What travels between the element and the host's endpoint, snake_case as the API names it, so the host can pass
 * it on unchanged: the element POSTs a `LinkRequest` (the part of `POST /onetime/access` a page may choose), the
 * endpoint answers the API's `WidgetLink`.
 */
import type { Language } from './languages.js';

/** One pre-selected account: an IBAN, an account number or a card PAN. */
export interface AccountHint {
  id: string;
}

export interface LinkRequest {
  redirect_uri: string;
  language: Language;
  /** Echoed back with the result; the element checks it. */
  state: string;
  accounts?: AccountHint[];
  /** Days of transaction history. */
  sync_period?: number;
}

/** The API's answer to every flow initiation. */
export interface WidgetLink {
  /** The widget URL (it carries its own `?token=`). */
  location: string;
  /** The flow id (a UUID); it comes back as `flow_id`. */
  id: string;
}
