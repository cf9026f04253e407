/**
 * The element's code that loads on first use (when the element is on screen and the browser idle, on hover or
 * focus, or with the click: see load-first-use.ts), so a page pays for it only when a user may connect a bank: the
 * flow, reading the link the click sent, the watcher a popup needs once it shows the widget, and the `preload`
 * attribute's bookkeeping.
 */
export { readLink, readLinkAfterIban } from '../flow/link-request.js';
export { runFlow } from '../flow/run-flow.js';
export { PopupWatch } from '../windows/popup-watch.js';
export { frameLoadDeadline } from '../windows/frame-guard.js';
export { Preloader } from './preloader.js';
export { widgetView } from './widget-view.js';
