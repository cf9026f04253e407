/**
 * The element's code that loads on first interaction (hover, focus, click: see load-first-use.ts), so a page pays
 * for it only when a user connects a bank: the flow, and the watcher a popup needs once it shows the widget.
 */
export { runFlow } from '../flow/run-flow.js';
export { PopupWatch } from '../windows/popup-watch.js';
export { frameLoadDeadline } from '../windows/frame-guard.js';
