// Scripted behavior (issue 15): what a test sets with sandbox.script / scriptNextFlow (or POST /_sandbox/script)
// reaches the flows, over HTTP, without touching the widget.
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ScriptError } from 'nrich-connect/sandbox';
import type { Harness } from './helpers.js';
import { apiError, completeOk, connect, extractPage, getJson, postToken, startFlow, startHarness } from './helpers.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
afterEach(() => h.sandbox.reset());
after(() => h.sandbox.close());

const REDIRECT = 'http://localhost:5173/callback';

/** A flow's widget config: what the page's script will do (autopilot, shape, COOP). */
async function widgetOf(switches = ''): Promise<{ config: Record<string, any>; coop: string | null; id: string }> {
  const flow = await startFlow(h, { redirect_uri: REDIRECT }, switches);
  const response = await h.fetch(new URL(flow.location).pathname + new URL(flow.location).search);
  return {
    config: extractPage(await response.text()).config,
    coop: response.headers.get('cross-origin-opener-policy'),
    id: flow.id,
  };
}

async function control(path: string, body: unknown, auth = h.basic()): Promise<Response> {
  return h.fetch(path, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('sandbox.script: every flow from now on', () => {
  test('outcome, delay, legacy message shape and COOP reach each new widget, until reset()', async () => {
    h.sandbox.script({ outcome: 'cancel', delay: 250, messageShape: 'legacy', coop: true });
    for (let i = 0; i < 2; i++) {
      const { config, coop } = await widgetOf();
      assert.equal(config['autopilot'], 'cancel');
      assert.equal(config['autopilotDelay'], 250);
      assert.equal(config['messageShape'], 'legacy');
      assert.equal(coop, 'same-origin');
    }
    h.sandbox.reset();
    const { config, coop } = await widgetOf();
    assert.equal(config['autopilot'], null);
    assert.equal(config['messageShape'], 'current');
    assert.equal(coop, null);
  });

  test('a query switch on the flow start still wins over the script', async () => {
    h.sandbox.script({ outcome: 'cancel', messageShape: 'legacy' });
    const { config } = await widgetOf('?autopilot=fail&message_shape=current');
    assert.equal(config['autopilot'], 'fail');
    assert.equal(config['messageShape'], 'current');
  });

  test('pageCap caps every page below count; transactionCount seeds more', async () => {
    h.sandbox.script({ pageCap: 7, transactionCount: 20 });
    const tokens = await connect(h);
    const page = await getJson(h, '/rest/transactions?count=100', tokens.access_token);
    assert.equal(page.body.transactions.length, 7);
    assert.equal(page.body.paging.total, 20);
  });

  test('expiredCode: the code from that flow is refused at the exchange as invalid_grant', async () => {
    h.sandbox.script({ expiredCode: true });
    const flow = await startFlow(h, { redirect_uri: REDIRECT });
    const code = (await completeOk(h, flow.location, 'authorize')).query['code'] ?? '';
    const response = await postToken(h, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    assert.equal(response.status, 400);
    const error = await apiError(response);
    assert.equal(error.code, 'invalid_grant');
    assert.match(error.message, /expired/);
  });
});

describe('sandbox.scriptNextFlow: one flow each, in order', () => {
  test('queued scripts go to the next flows in order, over the global one; then the global one alone', async () => {
    h.sandbox.script({ outcome: 'authorize', delay: 100 });
    h.sandbox.scriptNextFlow({ outcome: 'cancel' });
    h.sandbox.scriptNextFlow({ outcome: 'fail', delay: 5 });
    const first = (await widgetOf()).config;
    const second = (await widgetOf()).config;
    const third = (await widgetOf()).config;
    assert.deepEqual([first['autopilot'], first['autopilotDelay']], ['cancel', 100]);
    assert.deepEqual([second['autopilot'], second['autopilotDelay']], ['fail', 5]);
    assert.deepEqual([third['autopilot'], third['autopilotDelay']], ['authorize', 100]);
  });

  test('a refused flow start does not use up the next-flow script', async () => {
    h.sandbox.scriptNextFlow({ outcome: 'fail' });
    const refused = await h.fetch('/onetime/access', {
      method: 'POST',
      headers: { Authorization: h.basic(), 'Content-Type': 'application/json' },
      body: JSON.stringify({}),
    });
    assert.equal(refused.status, 400);
    assert.equal((await widgetOf()).config['autopilot'], 'fail');
  });
});

describe('bad scripts: a typed error naming the field, nothing changed', () => {
  for (const [name, script, field] of [
    ['unknown outcome', { outcome: 'approve' }, /outcome/],
    ['delay too long', { delay: 30001 }, /delay/],
    ['unknown shape', { messageShape: 'old' }, /messageShape/],
    ['coop as a string', { coop: '1' }, /coop/],
    ['pageCap 0', { pageCap: 0 }, /pageCap/],
    ['a typo', { outcomes: 'cancel' }, /Unknown script field outcomes/],
  ] as const) {
    test(`${name}: ScriptError`, async () => {
      assert.throws(
        () => h.sandbox.script(script as never),
        (error: unknown) => {
          assert.ok(error instanceof ScriptError);
          assert.match((error as Error).message, field);
          return true;
        },
      );
      assert.equal((await widgetOf()).config['autopilot'], null);
    });
  }
});

describe('POST /_sandbox/script (a sandbox in another process)', () => {
  test('scope next and all, as in process', async () => {
    assert.equal((await control('/_sandbox/script', { scope: 'all', outcome: 'authorize' })).status, 200);
    assert.equal((await control('/_sandbox/script', { scope: 'next', outcome: 'cancel' })).status, 200);
    assert.equal((await widgetOf()).config['autopilot'], 'cancel');
    assert.equal((await widgetOf()).config['autopilot'], 'authorize');
    assert.equal((await control('/_sandbox/reset', {})).status, 200);
    assert.equal((await widgetOf()).config['autopilot'], null);
  });

  test('a bad field is 400 invalid_script; no client credentials is 401', async () => {
    const bad = await control('/_sandbox/script', { scope: 'all', delay: -1 });
    assert.equal(bad.status, 400);
    const error = await apiError(bad);
    assert.equal(error.code, 'invalid_script');
    assert.match(error.message, /delay/);
    assert.equal((await control('/_sandbox/script', { scope: 'sometimes' })).status, 400);
    assert.equal(
      (await control('/_sandbox/script', { outcome: 'cancel' }, h.basic('sandbox-client', 'wrong'))).status,
      401,
    );
    assert.equal((await widgetOf()).config['autopilot'], null);
  });

  test('POST /_sandbox/fail queues a fault checked field by field', async () => {
    assert.equal((await control('/_sandbox/fail', { path: '/rest/accounts', status: 429, retryAfter: 3 })).status, 200);
    const limited = await h.fetch('/rest/accounts');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');
    assert.equal((await apiError(limited)).code, 'rate_limit_exceeded');
    for (const fault of [
      { status: 503 },
      { path: 'rest', status: 503 },
      { path: '/x', status: 200 },
      { path: '/x', when: 1 },
    ]) {
      const response = await control('/_sandbox/fail', fault);
      assert.equal(response.status, 400, JSON.stringify(fault));
      assert.equal((await apiError(response)).code, 'invalid_fault');
    }
    const header = await control('/_sandbox/fail', { path: '/x', retryAfter: 'soon\r\nSet-Cookie: a=b' });
    assert.equal(header.status, 400, 'no header injection through Retry-After');
  });
});
