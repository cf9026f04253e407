// The sandbox answers only host names a DNS-rebound page cannot use: a page on evil.example that points its own
// name at 127.0.0.1 reaches the socket, but its requests say `Host: evil.example`, and get 421 before any route.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, hostNames: ['sandbox.test'] });
});
after(() => sandbox.close());

/** A GET of an API route, naming `host`; its status and body. */
function get(host: string, path = '/rest/accounts'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a foreign host name is 421 JSON, and never reaches a route or the request log', async () => {
  const { port } = new URL(sandbox.url);
  const logged = sandbox.requests.length;
  for (const host of [`evil.example:${port}`, 'evil.example', 'localhost.evil.example', 'rebind.127.0.0.1.nip.io']) {
    const answer = await get(host);
    assert.equal(answer.status, 421, host);
    assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, 'misdirected_request');
  }
  assert.equal(sandbox.requests.length, logged);
});

test('loopback names, IP literals and the configured names are answered', async () => {
  const { port } = new URL(sandbox.url);
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'app.localhost', '[::1]', 'sandbox.test', '10.0.0.2']) {
    assert.equal((await get(host)).status, 401, host); // the route itself: no bearer token
  }
});
