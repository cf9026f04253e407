/**
 * Registers `<nrich-connect>`: the CDN entry and `nrich-connect/define`. It exports the class and the event
 * types; the helpers (`handleRedirectResult`, IBAN functions, ...) come from the side-effect-free main entry,
 * so a page that only shows the element loads none of them up front.
 */
import { NrichConnect } from './element/nrich-connect.component.js';

export { NrichConnect };
export * from './events.js';

// Guarded: a page may load the element twice (CDN and bundle); a second define would throw.
if (!customElements.get('nrich-connect')) customElements.define('nrich-connect', NrichConnect);

declare global {
  interface HTMLElementTagNameMap {
    'nrich-connect': NrichConnect;
  }
}
