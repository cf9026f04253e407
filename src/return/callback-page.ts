/**
 * Standalone script for a popup's `redirect_uri` page (the CDN build ships it as `callback.js`): relays the result
 * and closes the window. Where the window cannot close (opened by hand, no opener), it says what to do, and says
 * the connection is complete only once the waiting page confirmed it took the result: a forged or stale query
 * never earns a positive word.
 */
import { isWidgetCallback } from '../protocol/widget-result.js';
import { isRelayReceipt, relayChannelName } from '../protocol/relay-message.js';
import { relayCallback } from './relay.js';

const state = new URLSearchParams(window.location.search).get('state') ?? '';
const receipts = isWidgetCallback(new URLSearchParams(window.location.search))
  ? new BroadcastChannel(relayChannelName)
  : undefined;
const relayed = relayCallback();
// window.close() is refused for windows a script did not open; `closed` tells at once.
if (!window.closed) {
  const paragraph = document.createElement('p');
  paragraph.textContent = relayed
    ? 'This window finishes a bank connection that was started in another window: return to that window.'
    : 'Nothing to do here: this page finishes a bank connection that was started in another window.';
  const main = document.createElement('main');
  main.append(paragraph);
  document.body.append(main);
  receipts?.addEventListener('message', (event) => {
    if (!isRelayReceipt(event.data, state)) return;
    paragraph.textContent =
      'Your bank connection is complete. You can close this window and return to the previous page.';
    receipts.close();
  });
  // The waiting page answers at once if it is there; after that, nothing will come.
  setTimeout(() => receipts?.close(), 2000);
} else {
  receipts?.close();
}
