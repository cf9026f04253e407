// The kit's sessions (createSessions) behind createConnectHandlers, against the sandbox: ids only the server
// issues, a `__Host-` cookie on https, and a session that moves to a new id when a bank is connected, so a
// planted (fixed) session id sees nothing of the victim's connection.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createConnectHandlers,
  createSessions,
  MemoryTokenStore,
  NrichConfigError,
  type ConnectedInfo,
} from '../../../src/server/index.js';
import { completeWidget, REDIRECT_URI, useSandbox } from '../support/sandbox.js';

const t = useSandbox();
const SECRET = 'a-test-secret-of-more-than-32-characters';

function setup(flow: 'onetime/access' | 'ongoing/access' = 'onetime/access') {
  const store = new MemoryTokenStore();
  const sessions = createSessions({ secret: SECRET });
  const connected: ConnectedInfo[] = [];
  let failFinish = false;
  const handlers = createConnectHandlers({
    client: t.client,
    store,
    redirectUris: [REDIRECT_URI],
    flow,
    sessions,
    onConnected(info) {
      connected.push(info);
      if (failFinish) {
        failFinish = false;
        throw new Error('the host database is down');
      }
      return {};
    },
  });
  return { store, sessions, connected, handlers, failNextFinish: () => (failFinish = true) };
}

function post(url: string, body: unknown, cookie?: string): Request {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

/** The `name=value` part of the answer's cookie, if it set one. */
function cookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie()[0]?.split(';')[0];
}

type Setup = ReturnType<typeof setup>;

/** A link request with `cookie` (or none), the user authorizing: the success detail and any cookie set. */
async function startFlow(s: Setup, cookie?: string, base = 'http://app.example') {
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const response = await s.handlers.widgetLink(
    post(`${base}/api/widget-link`, { redirect_uri: REDIRECT_URI, state }, cookie),
  );
  const body = (await response.clone().json()) as { location: string; id: string };
  assert.equal(response.status, 200, JSON.stringify(body));
  const query = await completeWidget(t.url, body.location);
  return { response, detail: { code: query.code!, state, flow_id: body.id } };
}

describe('createSessions', () => {
  test('a link request starts a session: a signed id in an HttpOnly, SameSite=Lax cookie; __Host- and Secure on https', async () => {
    const s = setup();
    const plain = (await startFlow(s)).response.headers.getSetCookie();
    assert.match(plain[0]!, /^nrich_session=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    const secure = (await startFlow(s, undefined, 'https://app.example')).response.headers.getSetCookie();
    assert.match(secure[0]!, /^__Host-nrich_session=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  });

  test('a session the server issued is kept; an id it never issued is no session', async () => {
    const s = setup();
    const cookie = cookieOf((await startFlow(s)).response)!;
    assert.equal(cookieOf((await startFlow(s, cookie)).response), undefined, 'kept: no new cookie');
    const [id, signature] = cookie.split('=')[1]!.split('.');
    const otherSignature = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BA' : 'AA'}`;
    for (const madeUp of [
      'nrich_session=0b9b1f0c-3a5e-4c1e-9a59-6a0c1d2e3f40',
      'nrich_session=anything',
      `nrich_session=${id}`,
      `nrich_session=${id}.${otherSignature}`,
      `nrich_session=${'A'.repeat(22)}.${signature}`,
    ]) {
      const { response, detail } = await startFlow(s, madeUp);
      const fresh = cookieOf(response);
      assert.ok(fresh && fresh !== madeUp, `${madeUp}: a new session was started instead`);
      const exchange = await s.handlers.exchange(post('http://app.example/api/exchange', detail, madeUp));
      assert.deepEqual([exchange.status, ((await exchange.json()) as { error: string }).error], [401, 'no_session']);
    }
    assert.throws(() => createSessions({ secret: 'short' }), NrichConfigError);
  });

  test('session fixation: a planted id sees nothing of the connection the victim makes with it', async () => {
    const s = setup();
    // The attacker gets a genuine session id from the site and plants it in the victim's browser.
    const planted = cookieOf((await startFlow(s)).response)!;
    const plantedId = await s.sessions.read(post('http://app.example/', {}, planted));
    assert.ok(plantedId);
    // The victim connects with it.
    const { detail } = await startFlow(s, planted);
    const exchanged = await s.handlers.exchange(post('http://app.example/api/exchange', detail, planted));
    assert.equal(exchanged.status, 200);
    const rotated = cookieOf(exchanged)!;
    assert.ok(rotated && rotated !== planted, 'the session moved to a new id');
    const victimId = await s.sessions.read(post('http://app.example/', {}, rotated));
    assert.ok(victimId && victimId !== plantedId);
    assert.equal(s.connected.at(-1)?.key, victimId, 'onConnected keys the data on the new id');
    assert.ok(await s.store.get(victimId), "the victim's tokens");
    assert.equal(await s.store.get(plantedId), undefined, 'nothing under the planted id');
  });

  test('a failed finish is retried with the first cookie; it finishes under the same new id', async () => {
    const s = setup();
    const cookie = cookieOf((await startFlow(s)).response)!;
    const { detail } = await startFlow(s, cookie);
    s.failNextFinish();
    const failed = await s.handlers.exchange(post('http://app.example/api/exchange', detail, cookie));
    assert.equal(failed.status, 500);
    assert.equal(cookieOf(failed), undefined, 'no new cookie before the connection is finished');
    const retried = await s.handlers.exchange(post('http://app.example/api/exchange', detail, cookie));
    assert.equal(retried.status, 200);
    assert.equal(s.connected.length, 2);
    assert.equal(s.connected[0]!.key, s.connected[1]!.key);
    assert.equal(await s.sessions.read(post('http://app.example/', {}, cookieOf(retried))), s.connected[1]!.key);
  });

  test('ongoing access: the API gets a keyed label of the session as user_id, never the id', async () => {
    const s = setup('ongoing/access');
    const { response, detail } = await startFlow(s);
    const id = await s.sessions.read(post('http://app.example/', {}, cookieOf(response)));
    const userId = t.sandbox.flow(detail.flow_id)?.userId;
    assert.equal(typeof userId, 'string');
    assert.ok(id && !String(userId).includes(id));
    assert.equal(userId, await s.sessions.label(id));
  });
});
