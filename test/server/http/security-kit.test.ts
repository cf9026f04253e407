/**
 * The backend kit's security suite: one test per hole a red team found in it (issue 14, items 1, 2 and 11),
 * each over the real handlers, and the oversized-body one over a real node:http keep-alive connection.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as httpRequest } from 'node:http';
import {
  createConnectHandlers,
  createWidgetLinkHandler,
  MemoryTokenStore,
  readJsonBody,
  toNodeHandler,
  type NrichApiError,
} from '../../../src/server/index.js';
import { type WidgetLinkHandlerOptions } from '../../../src/server/http/widget-link-handler.js';
import { redact } from '../../../src/server/client/redact.js';
import { apiFailure } from '../support/api-failure.js';
import { watchConsole } from '../support/console-watch.js';
import { listen } from '../support/local-servers.js';
import { REDIRECT_URI, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from '../support/sandbox.js';

const consoleOutput = watchConsole();
const t = useSandbox();
const valid = { redirect_uri: REDIRECT_URI, state: 'st' };

function handlerWith(options: Partial<WidgetLinkHandlerOptions> = {}) {
  return createWidgetLinkHandler({ client: t.client, redirectUris: [REDIRECT_URI], ...options });
}

function post(body: string, headers: Record<string, string>): Request {
  return new Request('http://localhost/api/widget-link', { method: 'POST', headers, body });
}

describe('item 1: cross-site request forgery on the JSON routes', () => {
  // What a plain <form> on another site can send without a CORS preflight, and a missing header.
  const refused: [string, Record<string, string>][] = [
    ['text/plain (a form with enctype="text/plain")', { 'content-type': 'text/plain' }],
    ['application/x-www-form-urlencoded', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type at all', {}],
    ['a look-alike: application/jsonp', { 'content-type': 'application/jsonp' }],
  ];
  for (const [name, headers] of refused) {
    test(`the widget-link handler answers 415 to ${name}, and starts no flow`, async () => {
      const before = t.sandbox.requests.length;
      const response = await handlerWith()(post(JSON.stringify(valid), headers));
      assert.equal(response.status, 415);
      assert.deepEqual(await response.json(), {
        error: 'unsupported_media_type',
        message: 'The body must be sent as application/json.',
      });
      assert.equal(t.sandbox.requests.length, before, 'no upstream flow was created');
    });
  }

  test('the session-bound exchange route answers 415 too, before any session or store is asked', async () => {
    let asked = false;
    const { exchange: handler } = createConnectHandlers({
      client: { createFlow: async () => assert.fail('no flow'), exchangeCode: async () => assert.fail('no exchange') },
      store: new MemoryTokenStore(),
      redirectUris: [REDIRECT_URI],
      sessionKey: () => ((asked = true), 'session-1'),
    });
    const response = await handler(
      post(JSON.stringify({ code: 'c', state: 's', flow_id: 'f' }), { 'content-type': 'text/plain' }),
    );
    assert.equal(response.status, 415);
    assert.equal(asked, false);
  });

  test('readJsonBody itself refuses them, so every handler built on it does', async () => {
    const result = await readJsonBody(post('{"a":1}', { 'content-type': 'text/plain' }), 1024);
    assert.deepEqual(result, { ok: false, reason: 'unsupported_media_type' });
  });

  for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
    test(`${type} is read`, async () => {
      assert.deepEqual(await readJsonBody(post('{"a":1}', { 'content-type': type }), 1024), {
        ok: true,
        value: { a: 1 },
      });
    });
  }

  test('with allowedOrigins, a POST from another origin gets 403 and starts no flow; listed or absent Origin passes', async () => {
    const handler = handlerWith({ allowedOrigins: ['https://shop.example'] });
    const json = { 'content-type': 'application/json' };
    const before = t.sandbox.requests.length;
    const evil = await handler(post(JSON.stringify(valid), { ...json, origin: 'https://evil.example' }));
    assert.equal(evil.status, 403);
    assert.equal(((await evil.json()) as { error: string }).error, 'origin_not_allowed');
    const opaque = await handler(post(JSON.stringify(valid), { ...json, origin: 'null' }));
    assert.equal(opaque.status, 403, 'a sandboxed frame or data: URL sends Origin: null');
    assert.equal(t.sandbox.requests.length, before);

    assert.equal((await handler(post(JSON.stringify(valid), { ...json, origin: 'https://shop.example' }))).status, 200);
    // Servers and scripts send no Origin; a browser always does on a POST.
    assert.equal((await handler(post(JSON.stringify(valid), json))).status, 200);
  });

  test('readJsonBody checks the Origin too when given the list', async () => {
    const request = post('{}', { 'content-type': 'application/json', origin: 'https://evil.example' });
    assert.deepEqual(await readJsonBody(request, { maxBytes: 1024, allowedOrigins: ['https://shop.example'] }), {
      ok: false,
      reason: 'origin_not_allowed',
    });
  });
});

describe('item 2: no credential and no upstream text reaches a browser or a log', () => {
  const basic = Buffer.from(`${SANDBOX_CLIENT_ID}:${SANDBOX_CLIENT_SECRET}`).toString('base64');
  const token = 'tok/en+with spaces&more=1';

  test('redact() removes every wire form of a credential', () => {
    const forms = [
      token,
      encodeURIComponent(token),
      new URLSearchParams({ t: token }).toString().slice(2), // form encoding: '+' for a space
      encodeURIComponent(token).toLowerCase(), // percent-escapes in lower case
      JSON.stringify(token).slice(1, -1).replaceAll('/', '\\/'), // JSON with escaped slashes
      `Bearer ${token}`,
      basic,
      basic.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, ''), // base64url
      Buffer.from(token).toString('base64'),
    ];
    for (const form of forms) {
      const out = redact(`before ${form} after`, {
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: SANDBOX_CLIENT_SECRET,
        tokens: [token],
      });
      assert.ok(!out.includes(form), `${form} survived: ${out}`);
      assert.match(out, /^before .*\[redacted\].* after$/);
    }
  });

  test('an upstream error code that is the secret, or its Basic form, never becomes the error code', async () => {
    for (const echoed of [SANDBOX_CLIENT_SECRET, basic]) {
      t.sandbox.fail({ path: '/onetime/access', status: 400, body: JSON.stringify({ error: echoed }) });
      const error: NrichApiError = await apiFailure(t.clientWith({ retry: false }).createFlow('onetime/access', valid));
      const everything = JSON.stringify({ ...error, message: error.message });
      assert.ok(!everything.includes(SANDBOX_CLIENT_SECRET) && !everything.includes(basic), everything);
    }
  });

  test('the browser gets a fixed message and a code from the allow-list, never upstream text', async () => {
    const handler = handlerWith({ client: t.clientWith({ retry: false }) });
    const echoes = [
      { error: SANDBOX_CLIENT_SECRET },
      { error: 'looks_like_an_identifier_but_is_upstream_text' },
      { error: { code: 'invalid_request', message: `bad secret ${SANDBOX_CLIENT_SECRET}`, description: basic } },
    ];
    for (const echo of echoes) {
      t.sandbox.fail({ path: '/onetime/access', status: 400, body: JSON.stringify(echo) });
      const response = await handler(post(JSON.stringify(valid), { 'content-type': 'application/json' }));
      const text = await response.text();
      assert.equal(response.status, 502);
      assert.ok(!text.includes(SANDBOX_CLIENT_SECRET) && !text.includes(basic), text);
      assert.ok(!text.includes('looks_like_an_identifier'), text);
      const body = JSON.parse(text) as { error: string; message: string };
      assert.equal(body.error, 'upstream');
      const code = typeof echo.error === 'string' ? 'http_error' : echo.error.code;
      const shown = code === 'invalid_request' ? ', invalid_request' : '';
      assert.equal(body.message, `The nrich API refused the request (HTTP 400${shown}).`);
    }
  });
});

describe('item 11: oversized bodies get 413, never a reset, over keep-alive too', () => {
  test('20 sequential ~165 KB posts on one keep-alive connection all get 413, and the next request works', async () => {
    const server = await listen(toNodeHandler(handlerWith({ client: { createFlow: async () => fakeLink } })));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    try {
      const big = JSON.stringify({ ...valid, padding: 'x'.repeat(165 * 1024) });
      for (let i = 0; i < 20; i += 1) {
        const { status, socket } = await send(server.url, agent, big);
        sockets.add(socket);
        assert.equal(status, 413, `post ${i + 1}`);
      }
      const { status, socket } = await send(server.url, agent, JSON.stringify(valid));
      assert.equal(status, 200);
      sockets.add(socket);
      assert.equal(sockets.size, 1, 'every request went over the one connection');
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  test('a body that lies about its size (no Content-Length, chunked) gets 413 too', async () => {
    const server = await listen(toNodeHandler(handlerWith({ client: { createFlow: async () => fakeLink } })));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 5; i += 1) {
        const { status } = await send(server.url, agent, 'x'.repeat(165 * 1024), { chunked: true });
        assert.equal(status, 413);
      }
      assert.equal((await send(server.url, agent, JSON.stringify(valid))).status, 200);
    } finally {
      agent.destroy();
      await server.close();
    }
  });
});

test('item 11: a handler that answers without reading the body leaves the connection usable', async () => {
  const server = await listen(toNodeHandler(async () => new Response('refused', { status: 403 })));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await send(server.url, agent, 'x'.repeat(165 * 1024))).status, 403);
    }
  } finally {
    agent.destroy();
    await server.close();
  }
});

const fakeLink = { location: 'https://widget.invalid/?t=1', id: 'flow-1' };

/** One POST over the agent; rejects on a connection reset (which is the bug). */
function send(
  url: string,
  agent: Agent,
  body: string,
  { chunked = false } = {},
): Promise<{ status: number; socket: unknown }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = httpRequest(`${url}/api/widget-link`, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (chunked) {
      // Several writes: the server sees a stream of unknown length.
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.slice(at, at + 16 * 1024));
      req.end();
    } else {
      req.end(body);
    }
  });
}

test('nothing printed to the console contains the client secret', () => {
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});
