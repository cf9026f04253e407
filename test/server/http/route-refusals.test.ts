// Every route of the kit answers every request at once: a body of any type or size, a foreign origin, a malformed
// Host. Both routes of createConnectHandlers, directly, through toNodeHandler over loopback HTTP, and through the
// README's Next.js and Hono examples. Refused requests leave nothing behind: 4000 of them, then a full GC, and the
// heap is where it was. No answer within the bound fails the test (a refusal that hangs, as a tee'd body did).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createConnectHandlers,
  MemoryTokenStore,
  NrichConfigError,
  toNodeHandler,
  type RequestHandler,
} from '../../../src/server/index.js';
import { listen, type LocalServer } from '../support/local-servers.js';
import { REDIRECT_URI, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from '../support/sandbox.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const t = useSandbox();
const ORIGIN = 'https://shop.example';

/** What a cross-site `<form>` (or a careless script) sends, and a JSON body over the 16 KiB limit. */
const BODIES: [name: string, type: string, body: string, status: number][] = [
  ['text/plain', 'text/plain', '{"redirect_uri":"x","state":"s"}', 415],
  ['urlencoded', 'application/x-www-form-urlencoded', 'redirect_uri=x&state=s', 415],
  [
    'multipart',
    'multipart/form-data; boundary=b',
    '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--',
    415,
  ],
  ['no type', '', '{}', 415],
  ['20 KB of JSON', 'application/json', JSON.stringify({ state: 's', pad: 'x'.repeat(20_000) }), 413],
];

/** Resolves with the answer, or rejects when none comes within the bound: a hang is a failure, not a wait. */
function answered(response: Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
  });
  return Promise.race([response, bound]).finally(() => clearTimeout(timer));
}

async function assertJsonRefusal(response: Response, status: number): Promise<string> {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  return (JSON.parse(text) as { error: string }).error;
}

function handlers(allowedOrigins?: readonly string[]): { widgetLink: RequestHandler; exchange: RequestHandler } {
  return createConnectHandlers({
    client: t.client,
    store: new MemoryTokenStore(),
    redirectUris: [REDIRECT_URI],
    sessionKey: (request) => request.headers.get('x-session') ?? undefined,
    ...(allowedOrigins ? { allowedOrigins } : {}),
  });
}

function request(url: string, type: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(url, {
    method: 'POST',
    headers: { ...(type ? { 'content-type': type } : {}), 'x-session': 'alice', ...headers },
    body: new Blob([body]).stream(),
    duplex: 'half',
  } as RequestInit);
}

describe('createConnectHandlers, called with Web Requests', () => {
  for (const route of ['widgetLink', 'exchange'] as const) {
    for (const [name, type, body, status] of BODIES) {
      test(`${route}: a ${name} post is ${status} at once`, async () => {
        const routes = handlers();
        await assertJsonRefusal(await answered(routes[route](request('http://app.example/x', type, body))), status);
      });
    }

    test(`${route}: with allowedOrigins, a foreign Origin is 403 before the session or the body`, async () => {
      const routes = handlers([ORIGIN]);
      const foreign = request('http://app.example/x', 'text/plain', 'x', { origin: 'https://evil.example' });
      foreign.headers.delete('x-session');
      assert.equal(await assertJsonRefusal(await answered(routes[route](foreign)), 403), 'origin_not_allowed');
      const json = request('http://app.example/x', 'application/json', '{"code":"c","state":"s","flow_id":"f"}', {
        origin: 'https://evil.example',
      });
      assert.equal(await assertJsonRefusal(await answered(routes[route](json)), 403), 'origin_not_allowed');
    });
  }

  test('4000 refused posts to each route leave the heap flat after GC', async (context) => {
    const routes = handlers();
    const round = async (): Promise<void> => {
      for (let i = 0; i < 4000; i += 1) {
        const [, type, body, status] = BODIES[i % BODIES.length]!;
        const route = i % 2 === 0 ? routes.widgetLink : routes.exchange;
        const response = await answered(route(request('http://app.example/x', type, body)));
        assert.equal(response.status, status);
        await response.arrayBuffer();
      }
    };
    await round(); // warm-up: code, caches and pools reach their size
    gc();
    const before = process.memoryUsage().heapUsed;
    await round();
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    context.diagnostic(`heap after GC grew by ${grown} bytes`);
    // Each retained request held at least its body (20 KB for one in five): 4000 of them would be megabytes.
    assert.ok(grown < 2 * 1024 * 1024, `the heap grew by ${grown} bytes`);
  });
});

test('createConnectHandlers checks its parts at construction, naming the setting', () => {
  const valid = {
    client: t.client,
    store: new MemoryTokenStore(),
    redirectUris: [REDIRECT_URI],
    sessionKey: () => 'alice',
  };
  const cases: [Record<string, unknown>, string][] = [
    [{ client: {} }, 'client'],
    [{ store: undefined }, 'store'],
    [{ onConnected: 'yes' }, 'onConnected'],
    [{ sessionKey: undefined }, 'sessionKey'],
    [{ sessions: { read: () => undefined } }, 'sessions'], // both sessionKey and sessions
    [{ sessionKey: undefined, sessions: {} }, 'sessions'],
    [{ defaultLanguage: 'xx' }, 'defaultLanguage'],
  ];
  for (const [change, setting] of cases) {
    assert.throws(
      () => createConnectHandlers({ ...valid, ...change } as never),
      (error) => error instanceof NrichConfigError && error.setting === setting,
      setting,
    );
  }
});

test('a failing session lookup or store is a JSON 500 on both routes, and onError hears it', async () => {
  const heard: unknown[] = [];
  const failing = new MemoryTokenStore();
  failing.claimPendingFlow = () => Promise.reject(new Error('the database is down'));
  const cases: [RequestHandler, string][] = [];
  const broken = createConnectHandlers({
    client: t.client,
    store: failing,
    redirectUris: [REDIRECT_URI],
    sessionKey: (request) => {
      if (request.headers.has('x-fail')) throw new Error('the session store is down');
      return 'alice';
    },
    onError: (error) => heard.push(error),
  });
  const detail = '{"code":"c","state":"s","flow_id":"f"}';
  const link = `{"redirect_uri":"${REDIRECT_URI}","state":"s"}`;
  cases.push([broken.widgetLink, link], [broken.exchange, detail]);
  for (const [route, body] of cases) {
    const response = await answered(
      route(request('http://app.example/x', 'application/json', body, { 'x-fail': '1' })),
    );
    assert.equal(await assertJsonRefusal(response, 500), 'internal');
  }
  const claimFails = await answered(broken.exchange(request('http://app.example/x', 'application/json', detail)));
  assert.equal(await assertJsonRefusal(claimFails, 500), 'internal');
  assert.equal(heard.length, 3);
});

describe('createConnectHandlers through toNodeHandler, over HTTP', () => {
  let server: LocalServer;
  before(async () => {
    const routes = handlers();
    const node = { '/widget-link': toNodeHandler(routes.widgetLink), '/exchange': toNodeHandler(routes.exchange) };
    server = await listen((req, res) => node[req.url as keyof typeof node](req, res));
  });
  after(() => server.close());

  for (const path of ['/widget-link', '/exchange']) {
    for (const [name, type, body, status] of BODIES) {
      test(`${path}: a ${name} post is ${status} at once`, async () => {
        const response = await answered(
          fetch(server.url + path, {
            method: 'POST',
            headers: { ...(type ? { 'content-type': type } : {}), 'x-session': 'alice' },
            body,
          }),
        );
        await assertJsonRefusal(response, status);
      });
    }
  }

  test('4000 refused posts over HTTP leave the heap flat after GC', async (context) => {
    const round = async (): Promise<void> => {
      for (let i = 0; i < 4000; i += 1) {
        const [, type, body, status] = BODIES[i % BODIES.length]!;
        const response = await answered(
          fetch(server.url + (i % 2 === 0 ? '/widget-link' : '/exchange'), {
            method: 'POST',
            headers: { ...(type ? { 'content-type': type } : {}), 'x-session': 'alice' },
            body,
          }),
        );
        assert.equal(response.status, status);
        await response.arrayBuffer();
      }
    };
    await round();
    gc();
    const before = process.memoryUsage().heapUsed;
    await round();
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    context.diagnostic(`heap after GC grew by ${grown} bytes`);
    assert.ok(grown < 2 * 1024 * 1024, `the heap grew by ${grown} bytes`);
  });

  for (const host of ['a b', '[', 'x:99999']) {
    test(`a Host header no URL can be made of (${host}) is a JSON 400`, async () => {
      const address = new URL(server.url);
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(address.port), address.hostname);
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
        socket.setTimeout(10_000, () => reject(new Error('no answer within 10 s')));
        socket.end(
          `POST /exchange HTTP/1.1\r\nHost: ${host}\r\ncontent-type: application/json\r\nx-session: a\r\n` +
            'content-length: 2\r\nconnection: close\r\n\r\n{}',
        );
      });
      assert.match(raw, /^HTTP\/1\.1 400 /);
      assert.match(raw, /content-type: application\/json/i);
      assert.match(raw, /"error":"invalid_request"/);
    });
  }
});

describe("the README's Next.js and Hono examples", () => {
  const saved = { ...process.env };
  before(() => {
    Object.assign(process.env, {
      NRICH_API_URL: t.url,
      NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
      NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      REDIRECT_URI: 'http://localhost:3000/connect',
      SESSION_SECRET: 'the-examples-session-secret-of-32-characters-or-more',
    });
  });
  after(() => {
    for (const name of ['NRICH_API_URL', 'NRICH_CLIENT_ID', 'NRICH_CLIENT_SECRET', 'REDIRECT_URI', 'SESSION_SECRET']) {
      if (saved[name] === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = saved[name];
    }
  });

  const examples: [name: string, send: (path: string, request: Request) => Promise<Response>, prefix: string][] = [
    [
      'next-route.ts',
      async (path, request) => {
        const route = await import('../../../docs/examples/next-route.js');
        return route.POST(request, { params: Promise.resolve({ route: path }) });
      },
      'http://app.example/api/nrich/',
    ],
    [
      'hono-app.ts',
      async (_path, request) => (await import('../../../docs/examples/hono-app.js')).app.request(request),
      'http://app.example/api/',
    ],
  ];
  for (const [name, send, prefix] of examples) {
    for (const path of ['widget-link', 'exchange']) {
      // 2000 per route: 4000 refused posts per example.
      test(`${name} ${path}: every refused body is answered at once, and 2000 leave the heap flat`, async (context) => {
        for (const [, type, body, status] of BODIES) {
          await assertJsonRefusal(await answered(send(path, request(prefix + path, type, body))), status);
        }
        const round = async (): Promise<void> => {
          for (let i = 0; i < 2000; i += 1) {
            const [, type, body, status] = BODIES[i % BODIES.length]!;
            const response = await answered(send(path, request(prefix + path, type, body)));
            assert.equal(response.status, status);
            await response.arrayBuffer();
          }
        };
        await round();
        gc();
        const before = process.memoryUsage().heapUsed;
        await round();
        gc();
        const grown = process.memoryUsage().heapUsed - before;
        context.diagnostic(`heap after GC grew by ${grown} bytes`);
        assert.ok(grown < 2 * 1024 * 1024, `the heap grew by ${grown} bytes`);
      });
    }
  }
});
