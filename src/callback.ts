/**
 * `nrich-connect/callback`: for a bundled popup `redirect_uri` page that does not load the element. The CDN build
 * ships the same as the standalone `callback.js` (src/return/callback-page.ts).
 */
export { relayCallback } from './return/relay.js';
