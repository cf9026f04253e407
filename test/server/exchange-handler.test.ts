// The code exchange bound to its session (createConnectHandlers), over real HTTP on loopback, against the
// sandbox behind a counting proxy, the same suite over each store. A forged exchange is a JSON 4xx and
// reaches nothing: the proxy saw no code exchange, and the sandbox still accepts the code afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createConnectHandlers,
  getConnectionState,
  MemoryTokenStore,
  PENDING_FLOW_TTL_MS,
  toNodeHandler,
  type NrichClient,
  type TokenStore,
} from '../../src/server/index.js';
import { startCountingProxy, type CountingProxy } from './support/counting-proxy.js';
import { listen, type LocalServer } from './support/local-servers.js';
import { completeWidget, REDIRECT_URI, useSandbox } from './support/sandbox.js';
import { STORE_KINDS, storeLocation, type StoreLocation } from './support/test-stores.js';

let proxy: CountingProxy;
let client: NrichClient;

const sandbox = useSandbox(async ({ url, clientWith }) => {
  proxy = await startCountingProxy(url);
  client = clientWith({ baseUrl: proxy.url });
});
after(() => proxy.close());

for (const kind of ['memory', ...STORE_KINDS] as const) {
  describe(`exchange bound to its session, ${kind} store`, () => {
    let location: StoreLocation | undefined;
    let store: TokenStore;
    let server: LocalServer;
    /** The handlers' clock runs this far ahead of the sandbox's (to expire pending flows only). */
    let handlerClockOffset = 0;

    before(async () => {
      location = kind === 'memory' ? undefined : await storeLocation(kind);
      store = location ? await location.open() : new MemoryTokenStore();
      const { widgetLink, exchange } = createConnectHandlers({
        client,
        store,
        redirectUris: [REDIRECT_URI],
        // The host's session: a header here; a cookie or a signed-in user in a real host.
        sessionKey: (request) => request.headers.get('x-session') ?? undefined,
        now: () => sandbox.clock.now() + handlerClockOffset,
        onConnected: ({ key }) => ({ connectedAs: key }),
      });
      const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
        '/api/widget-link': toNodeHandler(widgetLink),
        '/api/exchange': toNodeHandler(exchange),
      };
      server = await listen((req, res) => routes[req.url ?? '']!(req, res));
    });
    after(async () => {
      await server.close();
      await location?.cleanup();
    });

    function post(path: string, body: unknown, session?: string): Promise<Response> {
      return fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(session ? { 'x-session': session } : {}) },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    }

    /** A flow started by `session` and completed in the widget: the element's `success` detail. */
    async function successDetail(session: string): Promise<{ code: string; state: string; flow_id: string }> {
      const state = `state-${Math.random().toString(36).slice(2)}`;
      const response = await post('/api/widget-link', { redirect_uri: REDIRECT_URI, state }, session);
      assert.equal(response.status, 200, await response.clone().text());
      const link = (await response.json()) as { location: string; id: string };
      const query = await completeWidget(sandbox.url, link.location);
      assert.equal(query.state, state);
      return { code: query.code!, state: query.state!, flow_id: query.flow_id! };
    }

    /** The sandbox still accepts the code: nothing exchanged it. */
    async function assertCodeUnused(code: string): Promise<void> {
      const tokens = await client.exchangeCode({ code, redirectUri: REDIRECT_URI });
      assert.ok(tokens.access_token);
    }

    async function assertRefused(
      response: Response,
      status: number,
      error: string,
      exchangesBefore: number,
    ): Promise<void> {
      assert.equal(response.status, status);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await response.json()) as { error: string; message: string };
      assert.equal(body.error, error);
      assert.ok(body.message.length > 0);
      assert.equal(proxy.codeExchanges, exchangesBefore, 'no code reached the API');
    }

    test('the success detail, posted unchanged by the session that started the flow, connects it', async () => {
      const detail = await successDetail('alice');
      const exchanges = proxy.codeExchanges;
      const response = await post('/api/exchange', detail, 'alice');
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), { connectedAs: 'alice', connected: true, flow_id: detail.flow_id });
      assert.equal(proxy.codeExchanges, exchanges + 1);
      assert.equal((await getConnectionState({ store, key: 'alice', now: sandbox.clock.now })).status, 'active');
      const stored = await store.get('alice');
      assert.ok(!text.includes(stored!.tokens.accessToken) && !text.includes(stored!.tokens.refreshToken));
    });

    type Forge = (detail: Awaited<ReturnType<typeof successDetail>>) => [body: unknown, session?: string];
    const forgeries: [name: string, forge: Forge, status: number, error: string][] = [
      ['from another session (login CSRF)', (d) => [d, 'mallory'], 403, 'session_mismatch'],
      ['with another state', (d) => [{ ...d, state: 'forged' }, 'bob'], 403, 'state_mismatch'],
      [
        'with an unknown flow id',
        (d) => [{ ...d, flow_id: '00000000-0000-4000-8000-000000000000' }, 'bob'],
        404,
        'unknown_flow',
      ],
      ['without a flow id', (d) => [{ code: d.code, state: d.state }, 'bob'], 400, 'invalid_request'],
      ['without a session', (d) => [d, undefined], 401, 'no_session'],
      ['with a body that is not JSON', () => ['code=abc', 'bob'], 400, 'invalid_json'],
    ];
    for (const [name, forge, status, error] of forgeries) {
      test(`an exchange ${name} is ${status} ${error}, and the code stays unused`, async () => {
        const detail = await successDetail('bob');
        const [body, session] = forge(detail);
        await assertRefused(await post('/api/exchange', body, session), status, error, proxy.codeExchanges);
        await assertCodeUnused(detail.code);
      });
    }

    test('another flow id of the same session is refused, and neither code is used', async () => {
      const first = await successDetail('carol');
      const second = await successDetail('carol');
      const exchanges = proxy.codeExchanges;
      await assertRefused(
        await post('/api/exchange', { ...first, flow_id: second.flow_id }, 'carol'),
        403,
        'state_mismatch',
        exchanges,
      );
      await assertCodeUnused(first.code);
      await assertCodeUnused(second.code);
    });

    test('a replayed exchange is 409, also when the replays race the first one', async () => {
      const detail = await successDetail('dave');
      const exchanges = proxy.codeExchanges;
      const responses = await Promise.all(Array.from({ length: 5 }, () => post('/api/exchange', detail, 'dave')));
      const statuses = responses.map((response) => response.status).sort();
      assert.deepEqual(statuses, [200, 409, 409, 409, 409]);
      assert.equal(proxy.codeExchanges, exchanges + 1, 'the code reached the API once');
      await assertRefused(await post('/api/exchange', detail, 'dave'), 409, 'flow_already_used', exchanges + 1);
    });

    test('a pending flow older than the code’s hour is 410, and nothing is exchanged', async () => {
      const detail = await successDetail('erin');
      handlerClockOffset = PENDING_FLOW_TTL_MS; // the handlers see an hour later; the sandbox does not
      try {
        await assertRefused(await post('/api/exchange', detail, 'erin'), 410, 'flow_expired', proxy.codeExchanges);
      } finally {
        handlerClockOffset = 0;
      }
      await assertCodeUnused(detail.code);
    });

    test('a code the API rejects is 400 reauthorize; the flow is spent', async () => {
      const detail = await successDetail('frank');
      await assertCodeUnused(detail.code); // used up elsewhere first
      const response = await post('/api/exchange', detail, 'frank');
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { error: string }).error, 'reauthorize');
      assert.equal((await post('/api/exchange', detail, 'frank')).status, 409);
    });

    test('a widget link needs a session and a state; refused ones never reach the API', async () => {
      const flows = proxy.flowsStarted;
      const noSession = await post('/api/widget-link', { redirect_uri: REDIRECT_URI, state: 'abc' });
      assert.equal(noSession.status, 401);
      const noState = await post('/api/widget-link', { redirect_uri: REDIRECT_URI }, 'gina');
      assert.equal(noState.status, 400);
      assert.equal(((await noState.json()) as { error: string }).error, 'invalid_request');
      assert.equal(proxy.flowsStarted, flows);
    });
  });
}
