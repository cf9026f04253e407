import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { apiError, startHarness } from './helpers.js';
import { until } from '../support/until.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

test('a fault answers the next matching requests (503 + Retry-After by default), then the route answers again', async () => {
  h.sandbox.fail({ path: '/', times: 2, retryAfter: 7 });
  for (let i = 0; i < 2; i++) {
    const response = await h.fetch('/');
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal((await apiError(response)).code, 'rate_limit_exceeded');
  }
  assert.equal((await h.fetch('/')).status, 200);
});

test('a fault matches path and method, and can send any body', async () => {
  h.sandbox.fail({ path: '/rest/accounts', method: 'POST', status: 429, body: 'slow down', contentType: 'text/plain' });
  assert.equal((await h.fetch('/rest/accounts')).status, 401, 'GET is not matched');
  const response = await h.fetch('/rest/accounts', { method: 'POST' });
  assert.equal(response.status, 429);
  assert.equal(response.headers.get('content-type'), 'text/plain');
  assert.equal(await response.text(), 'slow down');
});

test('drop closes the connection without an answer', async () => {
  h.sandbox.fail({ path: '/', action: 'drop' });
  await assert.rejects(fetch(`${h.url}/`), TypeError);
});

test(
  'the request log has every request, its status, its time, and whether the client left early',
  { timeout: 10_000 },
  async () => {
    const before = h.sandbox.requests.length;
    h.sandbox.fail({ path: '/rest/transactions', action: 'hang' });
    const aborter = new AbortController();
    const pending = fetch(`${h.url}/rest/transactions?count=5`, { signal: aborter.signal });
    await until(() => h.sandbox.requests.length > before, 'the request logged');
    aborter.abort();
    await assert.rejects(pending);
    await h.fetch('/');
    const [hung, answered] = h.sandbox.requests.slice(before);
    assert.equal(hung?.path, '/rest/transactions');
    assert.equal(hung?.query, '?count=5');
    await until(() => hung?.abandoned === true, 'the request marked abandoned');
    assert.equal(hung?.status, undefined);
    assert.equal(answered?.status, 200);
    assert.ok((answered?.at ?? 0) >= (hung?.at ?? Infinity));
  },
);

test('requestLog: false keeps no log (a long bench), and faults still answer', async () => {
  const { startSandbox } = await import('nrich-connect/sandbox');
  const quiet = await startSandbox({ requestLog: false });
  try {
    quiet.fail({ path: '/', status: 503 });
    assert.equal((await fetch(`${quiet.url}/`)).status, 503);
    assert.equal((await fetch(`${quiet.url}/`)).status, 200);
    assert.equal(quiet.requests.length, 0);
  } finally {
    await quiet.close();
  }
});
