import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createWidgetLinkHandler, readJsonBody, toNodeHandler } from '../../../src/server/index.js';
import { type WebHandler } from '../../../src/server/http/node-adapter.js';
import { listen } from '../support/local-servers.js';
import { REDIRECT_URI, useSandbox } from '../support/sandbox.js';
import { until } from '../../support/until.js';

const t = useSandbox();

/** Serves `handler` through toNodeHandler on a loopback node:http server for one test. */
async function withServer<T>(
  handler: WebHandler,
  use: (url: string) => Promise<T>,
  wrap: (node: ReturnType<typeof toNodeHandler>) => (req: IncomingMessage, res: ServerResponse) => void = (node) =>
    (req, res) =>
      node(req, res),
): Promise<T> {
  const server = await listen(wrap(toNodeHandler(handler)));
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}

test('method, URL, headers and a streamed body reach the handler; status, headers and body come back', async () => {
  let seen: { method: string; url: string; header: string | null; body: unknown } | undefined;
  await withServer(
    async (request) => {
      seen = {
        method: request.method,
        url: request.url,
        header: request.headers.get('x-test'),
        body: await request.json(),
      };
      return new Response('created', { status: 201, headers: { 'x-answer': '42' } });
    },
    async (url) => {
      const response = await fetch(`${url}/api/thing?a=1`, {
        method: 'PUT',
        headers: { 'x-test': 'yes' },
        body: JSON.stringify({ n: 1 }),
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('x-answer'), '42');
      assert.equal(await response.text(), 'created');
    },
  );
  assert.match(String(seen?.url), /^http:\/\/127\.0\.0\.1:\d+\/api\/thing\?a=1$/);
  assert.deepEqual({ ...seen, url: undefined }, { method: 'PUT', url: undefined, header: 'yes', body: { n: 1 } });
});

test('several Set-Cookie headers stay separate', async () => {
  await withServer(
    async () => {
      const headers = new Headers();
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT');
      return new Response(null, { status: 204, headers });
    },
    async (url) => {
      const response = await fetch(url);
      assert.deepEqual(response.headers.getSetCookie(), [
        'a=1; Path=/',
        'b=2; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT',
      ]);
    },
  );
});

test('a large streamed response arrives whole', async () => {
  const big = 'x'.repeat(5 * 1024 * 1024);
  await withServer(
    async () => new Response(big),
    async (url) => assert.equal((await (await fetch(url)).text()).length, big.length),
  );
});

test('an oversized upload is refused and the refusal still reaches the client', async () => {
  await withServer(
    async (request) => {
      const body = await readJsonBody(request, 1024);
      return new Response(body.ok ? 'ok' : body.reason, { status: body.ok ? 200 : 413 });
    },
    async (url) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'y'.repeat(200_000) }),
      });
      assert.equal(response.status, 413);
      assert.equal(await response.text(), 'too_large');
    },
  );
});

test('a body already parsed by express.json() is handed on', async () => {
  const handler = createWidgetLinkHandler({
    client: { createFlow: async (_flow, request) => ({ location: `https://w.invalid/?s=${request.state}`, id: 'f1' }) },
    redirectUris: ['https://app.example/cb'],
  });
  await withServer(
    handler,
    async (url) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uri: 'https://app.example/cb', state: 'st' }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { location: 'https://w.invalid/?s=st', id: 'f1' });
    },
    // What a body parser does: read the stream, leave the result on req.body.
    (node) => (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        (req as IncomingMessage & { body?: unknown }).body = JSON.parse(Buffer.concat(chunks).toString());
        node(req, res);
      });
    },
  );
});

test('a throwing handler goes to next(error) when there is one, else a bare 500', async () => {
  const failing: WebHandler = () => Promise.reject(new Error('boom'));
  let passed: unknown;
  await withServer(
    failing,
    async (url) => assert.equal((await fetch(url)).status, 599),
    (node) => (req, res) =>
      node(req, res, (error) => {
        passed = error;
        res.statusCode = 599;
        res.end();
      }),
  );
  assert.equal((passed as Error).message, 'boom');
  await withServer(failing, async (url) => {
    const response = await fetch(url);
    assert.equal(response.status, 500);
    assert.equal(await response.text(), 'Internal Server Error');
  });
});

test('HEAD answers headers without a body', async () => {
  await withServer(
    async () => new Response('body', { headers: { 'x-h': '1' } }),
    async (url) => {
      const response = await fetch(url, { method: 'HEAD' });
      assert.equal(response.headers.get('x-h'), '1');
      assert.equal(await response.text(), '');
    },
  );
});

test(
  'a client that goes away aborts the upstream call: the signal reaches the API fetch',
  { timeout: 20_000 },
  async () => {
    t.sandbox.fail({ path: '/onetime/access', action: 'hang' });
    const errors: unknown[] = [];
    // A long timeout: only the client's leaving can end the upstream call within this test.
    const handler = createWidgetLinkHandler({
      client: t.clientWith({ timeout: 60_000 }),
      redirectUris: [REDIRECT_URI],
      onError: (error) => errors.push(error),
    });
    const mark = t.sandbox.requests.length;
    await withServer(handler, async (url) => {
      const leaving = new AbortController();
      const pending = fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uri: REDIRECT_URI }),
        signal: leaving.signal,
      });
      const upstream = () => t.sandbox.requests.slice(mark).find((entry) => entry.path === '/onetime/access');
      await until(() => upstream() !== undefined);
      leaving.abort();
      await assert.rejects(pending);
      await until(() => upstream()?.abandoned === true);
      await until(() => errors.length === 1);
    });
    assert.equal((errors[0] as { kind?: string }).kind, 'aborted');
  },
);
