/**
 * Every error body shape, status and transport failure becomes an `NrichApiError` with the right kind,
 * code and texts, over real HTTP: the sandbox answers with its own nested errors, or with a queued fault.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NrichApiError, NrichClient } from '../../src/server/index.js';
import { watchConsole } from './support/console-watch.js';
import { apiFailure } from './support/api-failure.js';
import { REDIRECT_URI, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from './support/sandbox.js';

const consoleOutput = watchConsole();
const t = useSandbox();
const once = (): NrichClient => t.clientWith({ retry: false });

/** Answers the next `GET /rest/accounts` with this body and status; returns the client's error. */
async function errorFor(status: number, body: string, contentType = 'application/json', headers = {}) {
  t.sandbox.fail({ path: '/rest/accounts', status, body, contentType, ...headers });
  return apiFailure(once().listAccounts('access-token'));
}

describe('error bodies of every shape', () => {
  const shapes: [string, number, string, string | undefined, Partial<NrichApiError>][] = [
    [
      'nested (the finX/nrich family)',
      400,
      JSON.stringify({
        error: { code: 'invalid_filter', message: 'The filter is wrong.', description: 'Use YYYY-MM-DD.', data: {} },
      }),
      undefined,
      { code: 'invalid_filter', message: 'The filter is wrong.', description: 'Use YYYY-MM-DD.', kind: 'bad_request' },
    ],
    [
      'flat { error, message }',
      503,
      JSON.stringify({ error: 'maintenance', message: 'Back soon.' }),
      undefined,
      { code: 'maintenance', message: 'Back soon.', kind: 'upstream_down', retryable: true },
    ],
    [
      'OAuth { error, error_description }',
      400,
      JSON.stringify({ error: 'invalid_request', error_description: 'count is too big' }),
      undefined,
      { code: 'invalid_request', message: 'count is too big', kind: 'bad_request' },
    ],
    [
      'a list { errors: [...] }',
      422,
      JSON.stringify({ errors: [{ code: 'BAD_DATE', message: 'since is in the future' }, { code: 'OTHER' }] }),
      undefined,
      { code: 'BAD_DATE', message: 'since is in the future', kind: 'bad_request' },
    ],
    [
      'RFC 7807 problem+json',
      403,
      JSON.stringify({
        type: 'https://api.example/problems/consent-missing',
        title: 'No consent',
        detail: 'The user did not grant access to balances.',
        status: 403,
      }),
      'application/problem+json',
      {
        code: 'consent-missing',
        message: 'No consent',
        description: 'The user did not grant access to balances.',
        kind: 'forbidden',
      },
    ],
    [
      'RFC 7807 with about:blank',
      404,
      JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }),
      'application/problem+json',
      { code: 'http_error', message: 'Not Found', kind: 'not_found' },
    ],
    [
      'plain text: its first line',
      502,
      'Bad gateway: upstream reset\nat proxy 7',
      'text/plain',
      { code: 'http_error', message: 'Bad gateway: upstream reset', kind: 'upstream_down', retryable: true },
    ],
    [
      'an HTML page is never echoed',
      502,
      '<html><body>proxy says Authorization: Basic abc</body></html>',
      'text/html',
      { code: 'http_error', message: 'HTTP 502', kind: 'upstream_down' },
    ],
    [
      'an empty body',
      500,
      '',
      'text/plain',
      { code: 'http_error', message: 'HTTP 500', kind: 'upstream_down', retryable: false },
    ],
  ];
  for (const [name, status, body, contentType, expected] of shapes) {
    test(name, async () => {
      const error = await errorFor(status, body, contentType);
      assert.equal(error.status, status);
      assert.equal(error.endpoint, 'GET /rest/accounts');
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(error[key as keyof NrichApiError], value, key);
      }
    });
  }
  test('an unusable code (not an identifier) is not kept', async () => {
    const error = await errorFor(400, JSON.stringify({ error: 'bad code <script>', message: 'm' }));
    assert.equal(error.code, 'http_error');
  });
});

describe('kinds', () => {
  test('503 "rate limit exceeded" and 429 are rate_limited, with Retry-After in seconds (number or date)', async () => {
    const limited = await errorFor(
      503,
      JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'Rate limit exceeded' } }),
      undefined,
      { retryAfter: 3 },
    );
    assert.deepEqual([limited.kind, limited.retryable, limited.retryAfter], ['rate_limited', true, 3]);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const tooMany = await errorFor(429, '{}', undefined, { retryAfter: date });
    assert.equal(tooMany.kind, 'rate_limited');
    assert.ok(tooMany.retryAfter !== undefined && tooMany.retryAfter >= 58 && tooMany.retryAfter <= 60);
  });

  test('the sandbox: wrong client secret is client_auth, a used code reauthorize, a bad token unauthorized', async () => {
    const wrong = t.clientWith({ clientSecret: 'wrong-secret-0123456789' });
    const credentials = await apiFailure(wrong.createFlow('onetime/access', { redirect_uri: REDIRECT_URI }));
    assert.deepEqual([credentials.status, credentials.code, credentials.kind], [401, 'invalid_client', 'client_auth']);
    const code = await apiFailure(t.client.exchangeCode({ code: 'not-a-code' }));
    assert.deepEqual([code.status, code.code, code.kind], [400, 'invalid_grant', 'reauthorize']);
    const token = await apiFailure(t.client.listAccounts('not-a-token'));
    assert.deepEqual([token.status, token.code, token.kind], [401, 'invalid_token', 'unauthorized']);
  });

  test('no answer in time: timeout', async () => {
    t.sandbox.fail({ path: '/rest/accounts', action: 'hang' });
    const error = await apiFailure(t.clientWith({ timeout: 200, retry: false }).listAccounts('token'));
    assert.deepEqual([error.status, error.code, error.kind, error.retryable], [0, 'timeout', 'timeout', true]);
  });

  test('a dropped connection: network', async () => {
    t.sandbox.fail({ path: '/rest/accounts', action: 'drop' });
    const error = await apiFailure(once().listAccounts('token'));
    assert.deepEqual([error.status, error.code, error.kind, error.retryable], [0, 'network', 'network', true]);
    assert.ok(error.cause, 'the cause is kept for debugging');
  });

  test('a success without the documented fields: invalid_response', async () => {
    t.sandbox.fail({ path: '/auth/token', status: 200, body: JSON.stringify({ unexpected: true }) });
    const error = await apiFailure(t.client.exchangeCode({ code: 'c0de', redirectUri: REDIRECT_URI }));
    assert.equal(error.kind, 'invalid_response');
    t.sandbox.fail({ path: '/rest/accounts', status: 200, body: 'not json', contentType: 'text/plain' });
    assert.equal((await apiFailure(once().listAccounts('token'))).kind, 'invalid_response');
  });
});

describe('credentials are scrubbed from every text', () => {
  test('the secret, the Basic header and the token or code sent, raw or URL-encoded', async () => {
    const token = 'refresh-token/that+must-not-leak';
    const basic = Buffer.from(`${SANDBOX_CLIENT_ID}:${SANDBOX_CLIENT_SECRET}`).toString('base64');
    t.sandbox.fail({
      path: '/auth/token',
      status: 400,
      body: JSON.stringify({
        error: {
          code: 'invalid_grant',
          message: `bad ${token} for ${SANDBOX_CLIENT_SECRET}`,
          description: `sent Basic ${basic} and ${encodeURIComponent(token)}`,
        },
      }),
    });
    const error = await apiFailure(t.client.refreshToken(token));
    assert.equal(error.message, 'bad [redacted] for [redacted]');
    assert.equal(error.description, 'sent Basic [redacted] and [redacted]');
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    for (const secret of [token, SANDBOX_CLIENT_SECRET, basic]) assert.ok(!everything.includes(secret));
  });

  test('the access token of a data call', async () => {
    const token = 'access-token-that-must-not-leak';
    t.sandbox.fail({ path: '/rest/transactions', status: 401, body: `{"error":"invalid_token","message":"${token}"}` });
    const error = await apiFailure(once().listTransactions(token));
    assert.equal(error.message, '[redacted]');
  });
});

test('a data call after the bank consent ended: kind forbidden, code consent_expired (docs/keeper.md: branch on code)', async () => {
  // Connected two days ago with a one-day consent (its access token is still fresh).
  const connections = t.sandbox.populate({ connections: 2, consentDays: 1, spreadDays: 4 });
  const ended = connections.find((c) => Date.parse(c.tokens.consent_expires_at) <= t.clock.now());
  assert.ok(ended, 'one connection whose consent has ended');
  const error = await apiFailure(once().listTransactions(ended.tokens.access_token));
  assert.deepEqual(
    [error.status, error.kind, error.code, error.retryable],
    [403, 'forbidden', 'consent_expired', false],
  );
});

test('nothing printed to the console contains the client secret', () => {
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});
