// completeFlow / completeFlowRequest (nrich-connect/testing) against a real sandbox over HTTP. The widget's side is
// its own long-poll, `POST /widget/await`, played here as the page's script plays it; the browser side (the page
// pressing the button it is handed) runs in test/package/webdriverio.test.ts and the integrator example.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { completeFlow, completeFlowRequest, SandboxControlError } from 'nrich-connect/testing';
import { until } from '../support/until.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox();
});
after(() => sandbox.close());

async function openFlow(): Promise<{ id: string; token: string }> {
  const response = await fetch(`${sandbox.url}/onetime/access`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`)}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ redirect_uri: 'http://localhost:5173/' }),
  });
  const { location, id } = (await response.json()) as { location: string; id: string };
  return { id, token: new URL(location).searchParams.get('token')! };
}

/** What the widget page does while open: one long-poll; resolves with its answer. */
async function widgetAwaits(token: string): Promise<{ status: number; outcome?: string; ended?: boolean }> {
  const response = await fetch(`${sandbox.url}/widget/await`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.status !== 200) return { status: response.status };
  return { status: 200, ...((await response.json()) as { outcome?: string; ended?: boolean }) };
}

describe('completeFlow', () => {
  test('hands the outcome to the open widget and says which flow it was', async () => {
    const flow = await openFlow();
    const widget = widgetAwaits(flow.token);
    const completed = await completeFlow(sandbox, { outcome: 'cancel' });
    assert.deepEqual(completed, { flowId: flow.id, outcome: 'cancel' });
    assert.deepEqual(await widget, { status: 200, outcome: 'cancel' });
  });

  test('called before the widget listens, it waits for it (the click comes first, the page loads later)', async () => {
    const flow = await openFlow();
    const logged = sandbox.requests.length;
    const completing = completeFlow(sandbox, { outcome: 'fail', timeout: 5000 });
    await until(
      () => sandbox.requests.slice(logged).some((request) => request.path === '/_sandbox/complete'),
      'the completion arrived',
    );
    assert.deepEqual(await widgetAwaits(flow.token), { status: 200, outcome: 'fail' });
    assert.deepEqual(await completing, { flowId: flow.id, outcome: 'fail' });
  });

  test('without flowId the newest open widget gets it; with flowId that one', async () => {
    const older = await openFlow();
    const newer = await openFlow();
    const olderWidget = widgetAwaits(older.token);
    const newerWidget = widgetAwaits(newer.token);
    const signal = AbortSignal.timeout(5000);
    await Promise.all([sandbox.widgetListening(older.id, { signal }), sandbox.widgetListening(newer.id, { signal })]);
    assert.equal((await completeFlow(sandbox)).flowId, newer.id);
    assert.deepEqual(await newerWidget, { status: 200, outcome: 'authorize' });
    assert.equal((await completeFlow(sandbox, { flowId: older.id, outcome: 'cancel' })).flowId, older.id);
    assert.deepEqual(await olderWidget, { status: 200, outcome: 'cancel' });
  });

  test('no widget open within the timeout: SandboxControlError no_open_widget', async () => {
    await assert.rejects(completeFlow(sandbox, { timeout: 200 }), (error: unknown) => {
      assert.ok(error instanceof SandboxControlError);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'no_open_widget');
      assert.match(error.message, /click the element first/);
      return true;
    });
  });

  test('an unknown flow is 404, an ended one 409', async () => {
    await assert.rejects(completeFlow(sandbox, { flowId: 'nope', timeout: 0 }), { code: 'unknown_flow', status: 404 });
    const flow = await openFlow();
    await fetch(`${sandbox.url}/widget/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: flow.token, outcome: 'authorize' }),
    });
    await assert.rejects(completeFlow(sandbox, { flowId: flow.id }), { code: 'flow_completed', status: 409 });
  });

  test('wrong credentials: 401, nothing delivered', async () => {
    const flow = await openFlow();
    const widget = widgetAwaits(flow.token);
    const wrong = { url: sandbox.url, credentials: { clientId: 'sandbox-client', clientSecret: 'guess' } };
    await assert.rejects(completeFlow(wrong, { timeout: 100 }), { code: 'invalid_client', status: 401 });
    // The widget completed by its own button instead: its held poll is answered at once, "ended" (a normal
    // answer: an error status would be logged in the widget's console), and so is any later one.
    await fetch(`${sandbox.url}/widget/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: flow.token, outcome: 'cancel' }),
    });
    assert.deepEqual(await widget, { status: 200, ended: true });
    assert.deepEqual(await widgetAwaits(flow.token), { status: 200, ended: true }, 'nothing to wait for');
  });

  test('the poll of an unknown token is "ended" too; one without a token is 400', async () => {
    assert.deepEqual(await widgetAwaits('no-such-token'), { status: 200, ended: true });
    const response = await fetch(`${sandbox.url}/widget/await`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_request');
  });
});

describe('completeFlowRequest (Cypress: cy.request)', () => {
  test('the request completeFlow sends, with Basic credentials and a timeout above the wait', () => {
    const request = completeFlowRequest(
      { url: 'http://127.0.0.1:8787/', credentials: { clientId: 'id', clientSecret: 'secret' } },
      { outcome: 'fail', flowId: 'f1', timeout: 2000 },
    );
    assert.deepEqual(request, {
      method: 'POST',
      url: 'http://127.0.0.1:8787/_sandbox/complete',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa('id:secret')}` },
      body: JSON.stringify({ outcome: 'fail', flow_id: 'f1', timeout: 2000 }),
      timeout: 7000,
    });
  });

  test('bad options are a TypeError before anything is sent', () => {
    const target = { url: sandbox.url, credentials: sandbox.credentials };
    assert.throws(() => completeFlowRequest(target, { outcome: 'approve' as never }), TypeError);
    assert.throws(() => completeFlowRequest(target, { timeout: -1 }), TypeError);
  });
});

test('credentials beyond Latin-1 are sent as UTF-8, and the sandbox accepts them', async () => {
  const own = await startSandbox({ clientId: 'prüfer-€', clientSecret: 'geheimnis-🔑' });
  try {
    // Authenticated: the control route looks for the flow (404 unknown_flow), not 401.
    await assert.rejects(completeFlow(own, { flowId: 'nope', timeout: 0 }), { code: 'unknown_flow', status: 404 });
  } finally {
    await own.close();
  }
});
