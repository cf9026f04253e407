import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness, TokenBody } from './helpers.js';
import { DAY, HOUR, apiError, completeOk, connect, getJson, postToken, startFlow, startHarness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

const REDIRECT = 'http://localhost:5173/callback';

async function codeFor(redirectUri = REDIRECT): Promise<string> {
  const flow = await startFlow(h, { redirect_uri: redirectUri });
  const code = (await completeOk(h, flow.location, 'authorize')).query['code'];
  assert.ok(code);
  return code;
}

async function expectInvalidGrant(response: Response): Promise<void> {
  assert.equal(response.status, 400);
  const error = await apiError(response);
  assert.equal(error.code, 'invalid_grant');
  assert.ok(error.message);
}

/** A connection through the ongoing flow, whose data and refresh token outlive the hour. */
const connectOngoing = () => connect(h, { user_id: 'user-1' }, '/ongoing/access');

describe('POST /auth/token: authorization_code', () => {
  test('exchanges a code for the documented token response', async () => {
    const response = await postToken(h, {
      grant_type: 'authorization_code',
      code: await codeFor(),
      redirect_uri: REDIRECT,
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as TokenBody;
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type']);
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, 'accounts=ro balance=ro transactions=ro offline');
    assert.equal(body.token_type, 'Bearer');
    assert.ok(body.access_token.length >= 300, `access token only ${body.access_token.length} chars`);
    assert.ok(body.refresh_token.length > 100);
    assert.notEqual(body.access_token, body.refresh_token);
  });

  test('form-encoded bodies work (the OAuth habit)', async () => {
    const response = await postToken(
      h,
      { grant_type: 'authorization_code', code: await codeFor(), redirect_uri: REDIRECT },
      true,
    );
    assert.equal(response.status, 200);
  });

  test('client authentication is required: 401', async () => {
    const response = await h.fetch('/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: h.basic(undefined, 'nope') },
      body: JSON.stringify({ grant_type: 'authorization_code', code: await codeFor(), redirect_uri: REDIRECT }),
    });
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic/);
  });

  test('a code is single use: the second exchange is invalid_grant', async () => {
    const code = await codeFor();
    assert.equal((await postToken(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).status, 200);
    await expectInvalidGrant(await postToken(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }));
  });

  test('a code expires after one hour', async () => {
    const fresh = await codeFor();
    const stale = await codeFor();
    h.advance(HOUR - 1);
    assert.equal(
      (await postToken(h, { grant_type: 'authorization_code', code: fresh, redirect_uri: REDIRECT })).status,
      200,
    );
    h.advance(1);
    await expectInvalidGrant(
      await postToken(h, { grant_type: 'authorization_code', code: stale, redirect_uri: REDIRECT }),
    );
  });

  test('the redirect_uri must equal the flow one', async () => {
    const code = await codeFor('http://localhost:5173/callback?x=1');
    await expectInvalidGrant(await postToken(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT }));
  });

  test('redirect_uri may be left out', async () => {
    const response = await postToken(h, { grant_type: 'authorization_code', code: await codeFor() });
    assert.equal(response.status, 200);
  });

  test('unknown code: invalid_grant; missing fields: invalid_request; unknown grant: unsupported_grant_type', async () => {
    await expectInvalidGrant(
      await postToken(h, { grant_type: 'authorization_code', code: 'nope', redirect_uri: REDIRECT }),
    );
    const missing = await postToken(h, { grant_type: 'authorization_code', redirect_uri: REDIRECT });
    assert.equal(missing.status, 400);
    assert.equal((await apiError(missing)).code, 'invalid_request');
    const unknown = await postToken(h, { grant_type: 'password' });
    assert.equal(unknown.status, 400);
    assert.equal((await apiError(unknown)).code, 'unsupported_grant_type');
  });

  test('codes and tokens vary in length between mints (no fixed-size assumptions)', async () => {
    const lengths = new Set<number>();
    for (let i = 0; i < 6; i++) lengths.add((await connect(h)).access_token.length);
    assert.ok(lengths.size > 1, 'all access tokens had the same length');
  });
});

describe('POST /auth/token: refresh_token', () => {
  test('returns a new access token and a new refresh token; the old refresh token is rejected', async () => {
    const first = await connect(h);
    const response = await postToken(h, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(response.status, 200);
    const second = (await response.json()) as TokenBody;
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    assert.equal(second.expires_in, 3600);
    await expectInvalidGrant(await postToken(h, { grant_type: 'refresh_token', refresh_token: first.refresh_token }));
    assert.equal((await getJson(h, '/rest/accounts', second.access_token)).status, 200);
    assert.equal(
      (await postToken(h, { grant_type: 'refresh_token', refresh_token: second.refresh_token }, true)).status,
      200,
    );
  });

  test('refresh tokens of the ongoing flow live 90 days', async () => {
    const a = await connectOngoing();
    const b = await connectOngoing();
    h.advance(90 * DAY - 1);
    assert.equal((await postToken(h, { grant_type: 'refresh_token', refresh_token: a.refresh_token })).status, 200);
    h.advance(1);
    await expectInvalidGrant(await postToken(h, { grant_type: 'refresh_token', refresh_token: b.refresh_token }));
  });
});

describe('Bearer access to /rest', () => {
  test('missing, unknown or expired access token: 401 with a Bearer challenge', async () => {
    const missing = await h.fetch('/rest/accounts');
    assert.equal(missing.status, 401);
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal((await getJson(h, '/rest/accounts', 'nope')).status, 401);

    const { access_token } = await connect(h);
    assert.equal((await getJson(h, '/rest/transactions', access_token)).status, 200);
    h.advance(HOUR);
    const expired = await getJson(h, '/rest/accounts', access_token);
    assert.equal(expired.status, 401);
    assert.equal(expired.body.error.code, 'invalid_token');
    assert.equal((await getJson(h, '/rest/transactions', access_token)).status, 401);
  });
});

describe('one-time data lives one hour after the user connected', () => {
  test('then data calls answer 410 data_deleted and the refresh token is refused', async () => {
    const flow = await startFlow(h, { redirect_uri: REDIRECT });
    const code = (await completeOk(h, flow.location, 'authorize')).query['code'];
    h.advance(10 * 60 * 1000); // the host exchanges ten minutes later: its access token outlives the data
    const response = await postToken(h, { grant_type: 'authorization_code', code: code ?? '' });
    const tokens = (await response.json()) as TokenBody;
    assert.equal((await getJson(h, '/rest/transactions', tokens.access_token)).status, 200);

    h.advance(50 * 60 * 1000 - 1);
    assert.equal((await getJson(h, '/rest/accounts', tokens.access_token)).status, 200, 'one ms before the hour');
    h.advance(1);
    for (const path of ['/rest/accounts', '/rest/transactions']) {
      const gone = await getJson(h, path, tokens.access_token);
      assert.equal(gone.status, 410, path);
      assert.equal(gone.body.error.code, 'data_deleted');
      assert.match(gone.body.error.description, /one hour/);
    }
    await expectInvalidGrant(await postToken(h, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));
  });

  test('the ongoing flow keeps its data: a refresh a day later still reads it', async () => {
    const tokens = await connectOngoing();
    h.advance(DAY);
    const response = await postToken(h, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    assert.equal(response.status, 200);
    const fresh = (await response.json()) as TokenBody;
    assert.equal((await getJson(h, '/rest/accounts', fresh.access_token)).status, 200);
  });
});
