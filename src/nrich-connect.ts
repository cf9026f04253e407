/** Registers `<nrich-connect>`: the CDN entry, and what `import 'nrich-connect/define'`-style users load. */
import { NrichConnect } from './element/nrich-connect.component.js';

export { NrichConnect };
export * from './index.js';

// Guarded: a page may load the element twice (CDN and bundle); a second define would throw.
if (!customElements.get('nrich-connect')) customElements.define('nrich-connect', NrichConnect);

declare global {
  interface HTMLElementTagNameMap {
    'nrich-connect': NrichConnect;
  }
}
