/** The public ESM entry: the class, its events and types. Importing it registers nothing. */
export { NrichConnect, type IbanField } from './element/nrich-connect.component.js';
export * from './events.js';
export { ConnectError, type ConnectErrorCode } from './flow/connect-error.js';
export type { CreateLink, LinkRequest, WidgetLink } from './flow/link-request.js';
export { languages, type Language } from './element/strings.js';
export { formatIban, isIban, parseIban } from './iban.js';
export { handleRedirectResult } from './redirect-result.js';
export type { Outcome } from './flow/outcome.js';
