import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { HOUR, complete, completeOk, connect, getJson, postToken, startFlow, startHarness } from './helpers.js';

// A distinctive secret so a match cannot be a coincidence.
const SECRET = 'Sup3r-S3cret-Do-Not-Echo-9f2c';
let h: Harness;
before(async () => {
  h = await startHarness({ clientId: 'secret-test-client', clientSecret: SECRET });
});
after(() => h.sandbox.close());

test('the client secret never appears in any response body or header, success or error', async () => {
  const wrong = h.basic('secret-test-client', `${SECRET}x`);
  await h.fetch('/onetime/access', { method: 'POST', headers: { Authorization: wrong }, body: '{}' });
  await h.fetch('/onetime/access', {
    method: 'POST',
    headers: { Authorization: h.basic() },
    body: `{"redirect_uri":"${SECRET}"}`,
  });
  await h.fetch('/onetime/access', { method: 'POST', headers: { Authorization: h.basic() }, body: '{"redirect_uri":' });
  const flow = await startFlow(
    h,
    { redirect_uri: 'http://localhost/cb', state: 'x', accounts: [{ id: 'DE89370400440532013000' }] },
    '?coop=1',
  );
  const page = await fetch(flow.location);
  h.seen.push(await page.text(), JSON.stringify([...page.headers]));
  await completeOk(h, flow.location, 'authorize');
  await complete(h, flow.location, 'authorize');
  await postToken(h, { grant_type: 'authorization_code', code: 'nope', redirect_uri: 'http://localhost/cb' });
  await h.fetch('/auth/token', { method: 'POST', headers: { Authorization: wrong }, body: '{}' });
  const tokens = await connect(h, { sync_period: 10 });
  await postToken(h, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
  await getJson(h, '/rest/accounts', tokens.access_token);
  await getJson(h, '/rest/transactions?count=5', tokens.access_token);
  h.advance(2 * HOUR);
  await getJson(h, '/rest/accounts', tokens.access_token);
  await h.fetch('/');
  await h.fetch('/nope');

  assert.ok(h.seen.length > 30);
  const encoded = Buffer.from(SECRET).toString('base64');
  for (const text of h.seen) {
    assert.equal(text.includes(SECRET), false, `secret leaked in: ${text.slice(0, 200)}`);
    assert.equal(text.includes(encoded), false, 'base64 secret leaked');
  }
});
