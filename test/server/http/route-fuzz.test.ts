/**
 * Fuzzing both routes of `createConnectHandlers` (issue 19): whatever method, content type, origin, session and
 * body (any size, any bytes) a client sends, the answer is JSON, arrives within a bound, is never a 5xx, and the
 * heap does not grow with the number of requests. The sandbox is real: a body that passes every check starts a
 * real flow upstream.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { createConnectHandlers, MemoryTokenStore, type RequestHandler } from '../../../src/server/index.js';
import { REDIRECT_URI, useSandbox } from '../support/sandbox.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const t = useSandbox();
const RUNS = 10_000;
const ORIGIN = 'https://shop.example';
const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/problem+json',
    'application/jsonx',
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=----x',
    '',
  ),
  printable(40),
);

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc
    .record(
      {
        redirect_uri: fc.oneof(fc.constant(REDIRECT_URI), fc.webUrl(), fc.string()),
        state: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._~-]{1,16}$/), fc.string(), fc.constant('\u0000')),
        code: fc.oneof(fc.string(), fc.constant('abc\u0000')),
        flow_id: fc.oneof(fc.uuid(), fc.string(), fc.constant('f\u0000')),
        language: fc.constantFrom('de', 'en', 'xx'),
        preload: fc.boolean(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
);
const body = fc.oneof(
  { weight: 4, arbitrary: jsonBody },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.integer({ min: 15_000, max: 40_000 }).map((size) => `{"pad":"${'x'.repeat(size)}"}`) },
  { weight: 1, arbitrary: fc.constant('') },
);

const requestCase = fc.record({
  route: fc.constantFrom('widgetLink', 'exchange'),
  guarded: fc.boolean(),
  method: fc.oneof({ weight: 12, arbitrary: fc.constant('POST') }, fc.constantFrom('GET', 'PUT', 'DELETE')),
  type: contentType,
  origin: fc.option(fc.oneof(fc.constantFrom(ORIGIN, 'https://evil.example', 'null'), printable(30)), {
    nil: undefined,
  }),
  session: fc.option(fc.oneof(fc.constant('alice'), printable(20)), { nil: undefined }),
  body,
});

function makeHandlers(allowedOrigins?: readonly string[]): Record<'widgetLink' | 'exchange', RequestHandler> {
  return createConnectHandlers({
    client: t.client,
    store: new MemoryTokenStore(),
    redirectUris: [REDIRECT_URI],
    sessionKey: (request) => request.headers.get('x-session') || undefined,
    ...(allowedOrigins ? { allowedOrigins } : {}),
  });
}

function answered(response: Promise<Response>): Promise<Response> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 10 s')), 10_000);
  });
  return Promise.race([response, bound]).finally(() => clearTimeout(timer));
}

test(`both routes: ${RUNS} requests of any type, size, origin and body; a JSON answer, never 5xx, no growth`, async (context) => {
  const open = makeHandlers();
  const guarded = makeHandlers([ORIGIN]);
  const statuses = new Map<number, number>();
  const property = fc.asyncProperty(requestCase, async (c) => {
    const headers = new Headers();
    if (c.type) headers.set('content-type', c.type);
    if (c.origin !== undefined) headers.set('origin', c.origin);
    if (c.session !== undefined) headers.set('x-session', c.session);
    const hasBody = c.method !== 'GET';
    const request = new Request('http://app.example/api/x', {
      method: c.method,
      headers,
      ...(hasBody ? { body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body) } : {}),
    });
    const response = await answered((c.guarded ? guarded : open)[c.route](request));
    const text = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    assert.ok(response.status < 500, `${response.status} ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    JSON.parse(text);
    if (c.guarded && c.method === 'POST' && c.origin !== undefined && c.origin !== ORIGIN) {
      assert.equal(response.status, 403, 'a foreign origin is refused first');
    }
  });

  await fc.assert(property, { numRuns: 500, seed: 1 }); // warm-up: code, caches and pools reach their size
  gc();
  const before = process.memoryUsage().heapUsed;
  await fc.assert(property, { numRuns: RUNS });
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  context.diagnostic(`heap after GC grew by ${grown} bytes; answers by status: ${JSON.stringify([...statuses])}`);
  assert.ok(grown < 8 * 1024 * 1024, `the heap grew by ${grown} bytes over ${RUNS} requests`);
  for (const status of [200, 400, 401, 403, 405, 413, 415]) {
    assert.ok((statuses.get(status) ?? 0) > 0, `some answers were ${status}: ${JSON.stringify([...statuses])}`);
  }
});
