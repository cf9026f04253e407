/**
 * Standalone script for a popup's `redirect_uri` page (the CDN build ships it as `callback.js`): relays the result
 * and closes the window; where the window cannot close (opened by hand, no opener), says so in plain words.
 */
import { relayCallback } from './relay.js';

const relayed = relayCallback();
// window.close() is refused for windows a script did not open; `closed` tells at once.
if (!window.closed) {
  const text = relayed
    ? 'Your bank connection is complete. You can close this window and return to the previous page.'
    : 'Nothing to do here: this page finishes a bank connection that was started in another window.';
  const main = document.createElement('main');
  const paragraph = document.createElement('p');
  paragraph.textContent = text;
  main.append(paragraph);
  document.body.append(main);
}
