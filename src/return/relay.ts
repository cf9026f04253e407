/**
 * The relay for the page at `redirect_uri` when the widget ran in a popup (`nrich-connect/callback`): it hands the
 * callback query to the page that opened the popup, then closes the popup.
 *
 * Two paths, because a `Cross-Origin-Opener-Policy: same-origin` page on the way (the widget or a bank) severs
 * `window.opener` for good (https://html.spec.whatwg.org/multipage/browsers.html#cross-origin-opener-policies):
 * `postMessage` to the opener, pinned to this origin, and a same-origin `BroadcastChannel`, which needs no opener.
 * The element takes the first to arrive for its own pending state.
 */
import { isWidgetCallback } from '../protocol/widget-result.js';
import { relayChannelName, type RelayMessage } from '../protocol/relay-message.js';
import { cleanAddressBar } from './address-bar.js';

/**
 * Relays this page's callback query, if it carries a widget result, cleans the address bar and tries to close the
 * window. Returns false when there was nothing to relay.
 */
export function relayCallback(): boolean {
  const params = new URLSearchParams(window.location.search);
  if (!isWidgetCallback(params)) return false;
  const message: RelayMessage = { type: 'nrich-connect:callback', query: Object.fromEntries(params) };
  cleanAddressBar();
  const channel = new BroadcastChannel(relayChannelName);
  channel.postMessage(message);
  channel.close();
  window.opener?.postMessage(message, window.location.origin);
  window.close();
  return true;
}
