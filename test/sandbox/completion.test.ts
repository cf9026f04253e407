import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Harness } from './helpers.js';
import { HOUR, complete, completeOk, startFlow, startHarness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.sandbox.close());

const REDIRECT = 'https://app.example.com/callback';

describe('POST /widget/complete (what the widget buttons call)', () => {
  test('authorize: success=true, abort=false, a code, the state and flow_id; link = redirect_uri + query', async () => {
    const flow = await startFlow(h, { redirect_uri: REDIRECT, state: 'session_42' });
    const result = await completeOk(h, flow.location, 'authorize');
    assert.deepEqual(Object.keys(result.query).sort(), ['abort', 'code', 'flow_id', 'state', 'success']);
    assert.equal(result.query['state'], 'session_42');
    assert.equal(result.query['success'], 'true');
    assert.equal(result.query['abort'], 'false');
    assert.equal(result.query['flow_id'], flow.id);
    assert.match(result.query['code'] ?? '', /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/);

    const link = new URL(result.link);
    assert.equal(`${link.origin}${link.pathname}`, REDIRECT);
    assert.deepEqual(Object.fromEntries(link.searchParams), result.query);
    assert.deepEqual(result.message, { link: result.link, query: result.query });
    assert.equal(result.target_origin, 'https://app.example.com');
  });

  test('cancel: success=false, abort=true, no code', async () => {
    const flow = await startFlow(h, { redirect_uri: REDIRECT, state: 's' });
    const result = await completeOk(h, flow.location, 'cancel');
    assert.deepEqual(result.query, { state: 's', success: 'false', abort: 'true', flow_id: flow.id });
    assert.equal(new URL(result.link).searchParams.get('code'), null);
  });

  test('fail: success=false, abort=false, no code', async () => {
    const flow = await startFlow(h, { redirect_uri: REDIRECT, state: 's' });
    const result = await completeOk(h, flow.location, 'fail');
    assert.deepEqual(result.query, { state: 's', success: 'false', abort: 'false', flow_id: flow.id });
  });

  test('no state on the flow: no state in the query', async () => {
    const flow = await startFlow(h, { redirect_uri: REDIRECT });
    const result = await completeOk(h, flow.location, 'cancel');
    assert.equal('state' in result.query, false);
    assert.equal(new URL(result.link).searchParams.has('state'), false);
  });

  test('an existing query (and its encoding) on redirect_uri is kept', async () => {
    const flow = await startFlow(h, { redirect_uri: 'http://localhost:5173/cb?tenant=a%20b&x=1', state: 'a&b=c' });
    const result = await completeOk(h, flow.location, 'authorize');
    const link = new URL(result.link);
    assert.equal(link.searchParams.get('tenant'), 'a b');
    assert.equal(link.searchParams.get('x'), '1');
    assert.equal(link.searchParams.get('state'), 'a&b=c');
    assert.equal(link.searchParams.get('success'), 'true');
  });

  test('legacy shape: { location, query: { state, code }, url } and cancel= instead of abort=', async () => {
    const flow = await startFlow(
      h,
      { redirect_uri: 'https://app.example.com/callback?x=1', state: 's' },
      '?message_shape=legacy',
    );
    const result = await completeOk(h, flow.location, 'authorize');
    const code = result.query['code'];
    assert.ok(code);
    assert.deepEqual(result.message, { location: result.link, query: { state: 's', code }, url: REDIRECT });
    const link = new URL(result.link);
    assert.equal(link.searchParams.get('cancel'), 'false');
    assert.equal(link.searchParams.has('abort'), false);

    const cancelled = await startFlow(h, { redirect_uri: REDIRECT }, '?message_shape=legacy');
    const cancel = await completeOk(h, cancelled.location, 'cancel');
    assert.equal(new URL(cancel.link).searchParams.get('cancel'), 'true');
    assert.deepEqual(cancel.message['query'], {});
  });

  test('the token is spent after completion: a second completion is 410', async () => {
    const flow = await startFlow(h, { redirect_uri: REDIRECT });
    await completeOk(h, flow.location, 'cancel');
    const again = await complete(h, flow.location, 'authorize');
    assert.equal(again.status, 410);
    assert.equal(((await again.json()) as { error: { code: string } }).error.code, 'flow_completed');
  });

  test('unknown token 404, expired token 404, bad outcome 400', async () => {
    assert.equal((await complete(h, `${h.url}/widget?token=nope`, 'authorize')).status, 404);
    const flow = await startFlow(h, { redirect_uri: REDIRECT });
    assert.equal((await complete(h, flow.location, 'approve')).status, 400);
    h.advance(HOUR);
    assert.equal((await complete(h, flow.location, 'authorize')).status, 404);
  });
});
