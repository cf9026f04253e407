import { callbackParams } from '../protocol/callback-query.js';

/**
 * Removes the widget's callback parameters from the address bar, so the code neither stays in history nor leaks
 * through `Referer` to whatever this page loads next. Other parameters and the hash are kept.
 */
export function cleanAddressBar(): void {
  const url = new URL(window.location.href);
  if (!callbackParams.some((name) => url.searchParams.has(name))) return;
  for (const name of callbackParams) url.searchParams.delete(name);
  history.replaceState(history.state, '', url.href);
}
