import type * as FirstUse from './first-use.js';

let loading: Promise<typeof FirstUse> | undefined;
let retries = 0;
let failedUrl: string | undefined;

/**
 * The code the element loads on first interaction (hover, focus, click): first-use.ts. A failed load rejects (the
 * element reports `error` `load`) and is tried again on the next call.
 *
 * Chromium and Firefox keep a failed module fetch in the page's module map, so importing the same URL again fails
 * without a request (https://github.com/whatwg/html/issues/6768; the spec changed in
 * https://github.com/whatwg/html/pull/10327, WebKit already refetches). Their error names the URL: the retry
 * imports it with a fresh query instead. Its own imports resolve to the usual URLs, so no module loads twice.
 */
export function loadFirstUse(): Promise<typeof FirstUse> {
  loading ??= (failedUrl ? importAgain(failedUrl) : import('./first-use.js')).catch((error: unknown) => {
    loading = undefined;
    failedUrl = /\w+:\/\/\S+/.exec(String(error))?.[0] ?? failedUrl;
    throw error;
  });
  return loading;
}

function importAgain(url: string): Promise<typeof FirstUse> {
  return import(
    /* @vite-ignore */ /* webpackIgnore: true */ `${url}${url.includes('?') ? '&' : '?'}retry=${++retries}`
  );
}
