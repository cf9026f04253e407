/**
 * GET /_test/post-message?target=<origin>#<url-encoded JSON>: browser tests use this page to
 * forge a message that really comes from the sandbox's origin but from a window that is not the
 * widget, proving the host checks `event.source` and not only `event.origin`.
 */
import { escapeHtml } from './http.js';

export const TEST_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var status = document.getElementById('status');
  var target = new URLSearchParams(window.location.search).get('target');
  var data;
  try {
    data = JSON.parse(decodeURIComponent(window.location.hash.slice(1)));
  } catch (error) {
    status.textContent = 'error: the hash is not URL-encoded JSON';
    return;
  }
  var receiver = window.opener || (window.parent !== window ? window.parent : null);
  if (!receiver) {
    status.textContent = 'error: no parent or opener to post to';
    return;
  }
  window.addEventListener('load', function () {
    receiver.postMessage(data, target);
    status.textContent = 'posted';
  });
})();
`;

export function renderTestPage(target: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Sandbox test: post message</title></head>
<body>
<main>
<h1>Post message test page</h1>
<p>Posts the JSON in this page's hash to its parent or opener, target origin <code>${escapeHtml(target)}</code>.</p>
<p id="status" role="status">pending</p>
</main>
<script>${TEST_PAGE_SCRIPT}</script>
</body>
</html>`;
}
