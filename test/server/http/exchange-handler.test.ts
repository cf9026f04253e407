// The code exchange bound to its session (createConnectHandlers), over real HTTP on loopback, against the
// sandbox behind a counting proxy, the same suite over each store. A forged exchange is a JSON 4xx and
// reaches nothing: the proxy saw no code exchange, and the sandbox still accepts the code afterwards.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createConnectHandlers,
  fetchOneTimeData,
  getConnectionState,
  MemoryTokenStore,
  NrichApiError,
  toNodeHandler,
  type NrichClient,
  type OneTimeData,
  type TokenStore,
} from '../../../src/server/index.js';
import { PENDING_FLOW_TTL_MS } from '../../../src/server/http/connect-handlers.js';
import { requestsSince } from '../support/api-failure.js';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { listen, type LocalServer } from '../support/local-servers.js';
import { completeWidget, REDIRECT_URI, useSandbox } from '../support/sandbox.js';
import { STORE_KINDS, storeLocation, type StoreLocation } from '../support/test-stores.js';

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
    /** `/api/exchange-data`'s finish (the one-time pattern): how often it ran, what it kept, what it threw. */
    let finishes = 0;
    const kept = new Map<string, OneTimeData>();
    const reported: unknown[] = [];
    /** Set by a test: the finish waits for `gate` after calling `started`, or throws `throwOnce` once. */
    let hold: { started: () => void; gate: Promise<void> } | undefined;
    let throwOnce: Error | undefined;
    /** For `/direct/*`: fail the store's next `set`, or the next finish; which access token each flow finished with. */
    let failNextSet = false;
    let failNextFinish = false;
    const finishedWith = new Map<string, string>();

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
      const oneTime = createConnectHandlers({
        client,
        store,
        redirectUris: [REDIRECT_URI],
        sessionKey: (request) => request.headers.get('x-session') ?? undefined,
        now: () => sandbox.clock.now() + handlerClockOffset,
        async onConnected({ key, tokens }) {
          finishes += 1;
          if (hold) {
            hold.started();
            await hold.gate;
          }
          const error = throwOnce;
          throwOnce = undefined;
          if (error) throw error;
          const data = await fetchOneTimeData(client, tokens.accessToken);
          kept.set(key, data);
          return { accounts: data.accounts.length, transactions: data.transactions.length };
        },
        onError: (error) => reported.push(error),
      });
      // The same one-time pattern, straight on the sandbox (its log counts the exchanges, a dropped connection
      // included), over a store whose next `set` can be made to fail.
      const flaky = new Proxy(store, {
        get(target, name) {
          if (name === 'set' && failNextSet) {
            return async () => {
              failNextSet = false;
              throw new Error('the database refused the write');
            };
          }
          const value = Reflect.get(target, name, target) as unknown;
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      const direct = createConnectHandlers({
        client: sandbox.client,
        store: flaky,
        redirectUris: [REDIRECT_URI],
        sessionKey: (request) => request.headers.get('x-session') ?? undefined,
        now: () => sandbox.clock.now() + handlerClockOffset,
        async onConnected({ key, flow, tokens }) {
          finishedWith.set(flow.flowId, tokens.accessToken);
          if (failNextFinish) {
            failNextFinish = false;
            throw new Error('the host database is down');
          }
          const data = await fetchOneTimeData(sandbox.client, tokens.accessToken);
          kept.set(key, data);
          return { accounts: data.accounts.length, transactions: data.transactions.length };
        },
        onError: (error) => reported.push(error),
      });
      const routes: Record<string, ReturnType<typeof toNodeHandler>> = {
        '/api/widget-link': toNodeHandler(widgetLink),
        '/api/exchange': toNodeHandler(exchange),
        '/api/exchange-data': toNodeHandler(oneTime.exchange),
        '/direct/widget-link': toNodeHandler(direct.widgetLink),
        '/direct/exchange': toNodeHandler(direct.exchange),
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
    async function successDetail(
      session: string,
      prefix = '/api',
    ): Promise<{ code: string; state: string; flow_id: string }> {
      const state = `state-${Math.random().toString(36).slice(2)}`;
      const response = await post(`${prefix}/widget-link`, { redirect_uri: REDIRECT_URI, state }, session);
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
      ['from another session (login CSRF)', (d) => [d, 'mallory'], 404, 'unknown_flow'],
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
      [
        'with a NUL byte in the flow id',
        (d) => [{ ...d, flow_id: `${d.flow_id}\u0000` }, 'bob'],
        400,
        'invalid_request',
      ],
      ['with a NUL byte in the state', (d) => [{ ...d, state: `\u0000${d.state}` }, 'bob'], 400, 'invalid_request'],
    ];
    for (const [name, forge, status, error] of forgeries) {
      test(`an exchange ${name} is ${status} ${error}, and the code stays unused`, async () => {
        const detail = await successDetail('bob');
        const [body, session] = forge(detail);
        await assertRefused(await post('/api/exchange', body, session), status, error, proxy.codeExchanges);
        await assertCodeUnused(detail.code);
      });
    }

    test("another session's flow and a made-up flow get identical answers", async () => {
      const detail = await successDetail('otto');
      const foreign = await post('/api/exchange', detail, 'mallory');
      const madeUp = await post('/api/exchange', { ...detail, flow_id: crypto.randomUUID() }, 'mallory');
      assert.equal(foreign.status, madeUp.status);
      assert.deepEqual([...foreign.headers.keys()].sort(), [...madeUp.headers.keys()].sort());
      assert.equal(await foreign.text(), await madeUp.text());
      await assertCodeUnused(detail.code);
    });

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

    // A finish (onConnected: fetching the one-time data) that fails after the code was exchanged: the user's
    // data must not be lost. The same post again finishes it with the stored tokens; the code is never sent twice.

    /** The API is down for the transactions: 3 answers, one more than the client's 2 retries. */
    function failTransactions(): void {
      // The last answer alone carries Retry-After, so the client's own retries do not wait for it.
      sandbox.sandbox.fail({ path: '/rest/transactions', times: 2, status: 503 });
      sandbox.sandbox.fail({ path: '/rest/transactions', status: 503, retryAfter: 1 });
    }

    /** A flow of `session` whose first post was answered `finish_failed` because the API was down. */
    async function failedFinish(session: string) {
      const detail = await successDetail(session);
      const mark = sandbox.sandbox.requests.length;
      const finishesBefore = finishes;
      failTransactions();
      const response = await post('/api/exchange-data', detail, session);
      const text = await response.text();
      assert.equal(response.status, 503, text);
      assert.equal(response.headers.get('retry-after'), '1');
      const body = JSON.parse(text) as Record<string, unknown>;
      assert.deepEqual(
        { ...body, message: typeof body.message },
        {
          error: 'finish_failed',
          message: 'string',
          cause: 'upstream_unavailable',
          connected: true,
          retryable: true,
          flow_id: detail.flow_id,
        },
      );
      const stored = await store.get(session);
      assert.ok(stored, 'the tokens are stored');
      assert.ok(!text.includes(stored.tokens.accessToken) && !text.includes(stored.tokens.refreshToken));
      assert.ok(reported.at(-1) instanceof NrichApiError, 'onError was told');
      assert.equal(finishes, finishesBefore + 1);
      return { detail, mark };
    }

    test('a failed finish is 503 finish_failed, connected; the same post again gets every account and transaction, with one code exchange', async () => {
      const { detail, mark } = await failedFinish('hana');
      // The code of a retry is ignored (spent upstream): what lets it in is the session, state and flow id.
      const again = await post('/api/exchange-data', { ...detail, code: 'not-the-code' }, 'hana');
      assert.equal(again.status, 200, await again.clone().text());
      const tokens = (await store.get('hana'))!.tokens;
      const expected = await fetchOneTimeData(client, tokens.accessToken);
      assert.ok(expected.accounts.length > 0 && expected.transactions.length > 0);
      assert.deepEqual(await again.json(), {
        accounts: expected.accounts.length,
        transactions: expected.transactions.length,
        connected: true,
        flow_id: detail.flow_id,
      });
      assert.deepEqual(kept.get('hana'), expected, 'every account and every transaction was kept');
      assert.equal(requestsSince(sandbox.sandbox.requests, mark, '/auth/token').length, 1, 'one /auth/token call');
      const done = await post('/api/exchange-data', detail, 'hana');
      assert.deepEqual([done.status, ((await done.json()) as { error: string }).error], [409, 'flow_already_used']);
    });

    test('only the session that started the flow can finish it, and only within the hour', async () => {
      const { detail } = await failedFinish('ivan');
      const runs = finishes;
      const foreign = await post('/api/exchange-data', detail, 'mallory');
      assert.deepEqual([foreign.status, ((await foreign.json()) as { error: string }).error], [404, 'unknown_flow']);
      const forged = await post('/api/exchange-data', { ...detail, state: 'forged' }, 'ivan');
      assert.deepEqual([forged.status, ((await forged.json()) as { error: string }).error], [403, 'state_mismatch']);
      assert.equal(finishes, runs, 'nothing ran');
      assert.equal(kept.has('mallory'), false);
      handlerClockOffset = PENDING_FLOW_TTL_MS;
      try {
        const late = await post('/api/exchange-data', detail, 'ivan');
        assert.deepEqual([late.status, ((await late.json()) as { error: string }).error], [410, 'flow_expired']);
      } finally {
        handlerClockOffset = 0;
      }
      assert.equal(finishes, runs, 'nothing ran');
    });

    test('two concurrent re-posts: exactly one finish runs, the other is 409 flow_busy', async () => {
      const { detail } = await failedFinish('jane');
      const runs = finishes;
      let release!: () => void;
      let secondStarted!: () => void;
      const twoRunning = new Promise<string>((resolve) => (secondStarted = () => resolve('two finishes ran')));
      let started = 0;
      hold = {
        started: () => void (++started === 2 && secondStarted()),
        gate: new Promise<void>((resolve) => (release = resolve)),
      };
      try {
        const posts = [post('/api/exchange-data', detail, 'jane'), post('/api/exchange-data', detail, 'jane')];
        // While one finish is held, the other post is answered; if both ran, that shows instead.
        const first = await Promise.race([...posts.map((answer) => answer.then((r) => r.status)), twoRunning]);
        assert.equal(first, 409);
        release();
        const answers = await Promise.all(posts);
        const bodies = (await Promise.all(answers.map((answer) => answer.json()))) as Record<string, unknown>[];
        const byStatus = new Map(answers.map((answer, index) => [answer.status, bodies[index]!]));
        assert.deepEqual([...byStatus.keys()].sort(), [200, 409]);
        assert.deepEqual(
          { error: byStatus.get(409)!.error, retryable: byStatus.get(409)!.retryable },
          { error: 'flow_busy', retryable: true },
        );
        assert.equal(byStatus.get(200)!.connected, true);
      } finally {
        release();
        hold = undefined;
      }
      assert.equal(finishes, runs + 1, 'exactly one finish ran');
      assert.equal((await post('/api/exchange-data', detail, 'jane')).status, 409);
    });

    test('a finish that fails for another reason is 500 finish_failed, connected and retryable; a retry finishes', async () => {
      const detail = await successDetail('kim');
      const hostFailure = new Error('the host database is down');
      throwOnce = hostFailure;
      const response = await post('/api/exchange-data', detail, 'kim');
      assert.equal(response.status, 500);
      const body = (await response.json()) as Record<string, unknown>;
      assert.deepEqual(
        [body.error, body.cause, body.connected, body.retryable],
        ['finish_failed', 'internal', true, true],
      );
      assert.equal((await post('/api/exchange-data', detail, 'kim')).status, 200);
      assert.ok(kept.get('kim')!.transactions.length > 0);
    });

    test('a retry after the connection was deleted is 409 connection_gone, and nothing runs', async () => {
      const { detail } = await failedFinish('lena');
      const runs = finishes;
      await store.delete('lena');
      const response = await post('/api/exchange-data', detail, 'lena');
      assert.deepEqual(
        [response.status, ((await response.json()) as { error: string }).error],
        [409, 'connection_gone'],
      );
      assert.equal(finishes, runs);
      assert.equal((await post('/api/exchange-data', detail, 'lena')).status, 409);
    });

    // An exchange the API never completed leaves the flow claimable; one it completed never runs twice.

    /** Posts `detail` to `/direct/exchange` and expects every account and transaction of `session` kept. */
    async function assertConnectedWithAllData(detail: { flow_id: string }, session: string): Promise<void> {
      const response = await post('/direct/exchange', detail, session);
      const text = await response.text();
      assert.equal(response.status, 200, text);
      const expected = await fetchOneTimeData(sandbox.client, (await store.get(session))!.tokens.accessToken);
      assert.ok(expected.accounts.length > 0 && expected.transactions.length > 0);
      assert.deepEqual(JSON.parse(text), {
        accounts: expected.accounts.length,
        transactions: expected.transactions.length,
        connected: true,
        flow_id: detail.flow_id,
      });
      assert.deepEqual(kept.get(session), expected, 'every account and every transaction was kept');
    }

    for (const [name, fault, status] of [
      ['a 503 with Retry-After', { action: 'answer', status: 503, retryAfter: 2 }, 503],
      ['a 500', { action: 'answer', status: 500 }, 502],
      ['a 429', { action: 'answer', status: 429, retryAfter: 1 }, 503],
      ['a dropped connection', { action: 'drop' }, 502],
    ] as const) {
      test(`${name} at /auth/token leaves the flow claimable: the retry it invites connects, with every account and transaction`, async () => {
        const session = `outage-${name.length}-${status}`;
        const detail = await successDetail(session, '/direct');
        const mark = sandbox.sandbox.requests.length;
        sandbox.sandbox.fail({ path: '/auth/token', ...fault });
        const failed = await post('/direct/exchange', detail, session);
        const body = (await failed.json()) as { error: string };
        assert.equal(failed.status, status, JSON.stringify(body));
        assert.equal(await store.get(session), undefined, 'nothing stored');
        await assertConnectedWithAllData(detail, session);
        assert.equal(
          requestsSince(sandbox.sandbox.requests, mark, '/auth/token').length,
          2,
          'the failed call, then one',
        );
        const replay = await post('/direct/exchange', detail, session);
        assert.deepEqual(
          [replay.status, ((await replay.json()) as { error: string }).error],
          [409, 'flow_already_used'],
        );
      });
    }

    test('after an outage, the retry still needs the same session, state and flow id', async () => {
      const detail = await successDetail('quinn', '/direct');
      sandbox.sandbox.fail({ path: '/auth/token', status: 503 });
      assert.equal((await post('/direct/exchange', detail, 'quinn')).status, 503);
      const mark = sandbox.sandbox.requests.length;
      const foreign = await post('/direct/exchange', detail, 'mallory');
      assert.deepEqual([foreign.status, ((await foreign.json()) as { error: string }).error], [404, 'unknown_flow']);
      const forged = await post('/direct/exchange', { ...detail, state: 'forged' }, 'quinn');
      assert.deepEqual([forged.status, ((await forged.json()) as { error: string }).error], [403, 'state_mismatch']);
      assert.equal(requestsSince(sandbox.sandbox.requests, mark, '/auth/token').length, 0, 'nothing reached the API');
      await assertConnectedWithAllData(detail, 'quinn');
    });

    test('a store write failing after the exchange loses nothing: the retry connects with exactly one exchange', async () => {
      const detail = await successDetail('rosa', '/direct');
      const mark = sandbox.sandbox.requests.length;
      failNextSet = true;
      const failed = await post('/direct/exchange', detail, 'rosa');
      const body = (await failed.json()) as Record<string, unknown>;
      assert.equal(failed.status, 500);
      assert.deepEqual([body.error, body.retryable], ['finish_failed', true]);
      assert.equal(failNextSet, false, 'the write was tried');
      assert.equal(await store.get('rosa'), undefined, 'nothing stored yet');
      await assertConnectedWithAllData({ ...detail, code: 'spent' } as typeof detail, 'rosa');
      assert.equal(requestsSince(sandbox.sandbox.requests, mark, '/auth/token').length, 1, 'one exchange');
    });

    test("a retried finish runs with that flow's tokens, even after the session connected another flow", async () => {
      const first = await successDetail('sara', '/direct');
      failNextFinish = true;
      assert.equal((await post('/direct/exchange', first, 'sara')).status, 500);
      const firstToken = finishedWith.get(first.flow_id)!;
      const second = await successDetail('sara', '/direct');
      assert.equal((await post('/direct/exchange', second, 'sara')).status, 200);
      const secondToken = finishedWith.get(second.flow_id)!;
      assert.notEqual(secondToken, firstToken);
      assert.equal((await post('/direct/exchange', first, 'sara')).status, 200);
      assert.equal(finishedWith.get(first.flow_id), firstToken, "the first flow's retry used the first flow's tokens");
    });
  });
}
