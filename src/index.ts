/** The public ESM entry: the class, its events and types. Importing it registers nothing. */
export { NrichConnect, type IbanField } from './element/nrich-connect.component.js';
export type { Strings as NrichConnectStrings, StringOverrides } from './element/strings.js';
export * from './events.js';
export { ConnectError } from './protocol/connect-error.js';
export type { CreateLink } from './flow/send-link-request.js';
export type { Outcome } from './protocol/outcome.js';
export { formatIban, isIban, parseIban } from './iban.js';
export { languages, type Language } from './protocol/languages.js';
export type { AccountHint, LinkRequest, WidgetLink } from './protocol/link.js';
export { handleRedirectResult } from './return/redirect-result.js';
