/**
 * Ongoing access end to end, as docs/backend.md shows it: docs/examples/backend-ongoing.ts (in docs/backend.md word
 * for word) runs as its own process on a real PostgreSQL database against the sandbox: the user connects with the
 * element's success detail, reads accounts, survives a restart of the backend; a forged exchange is refused
 * with the code left unused; a lapsed connection answers `reconnect`, and connecting again restores it. In
 * production mode without a key, it refuses to start.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { completeWidget, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, useSandbox } from './support/sandbox.js';
import { storeLocation, TEST_KEY_A, type StoreLocation } from './support/test-stores.js';

const EXAMPLE = 'docs/examples/backend-ongoing.ts';
const REDIRECT = 'http://localhost:3000/connect';
const t = useSandbox();
let location: StoreLocation;
before(async () => {
  location = await storeLocation('postgres');
});
after(() => location.cleanup());

test('docs/backend.md shows the file exactly', () => {
  assert.ok(readFileSync('docs/backend.md', 'utf8').includes(`\`\`\`ts\n${readFileSync(EXAMPLE, 'utf8')}\`\`\``));
});

interface Backend {
  child: ChildProcess;
  base: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the example as its header says; resolves with its URL once it listens, or rejects with its output. */
async function startBackend(env: Record<string, string>): Promise<Backend> {
  const child = spawn(process.execPath, ['--import', 'tsx', EXAMPLE], {
    env: {
      ...process.env,
      NRICH_API_URL: t.url,
      NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
      NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      REDIRECT_URI: REDIRECT,
      DATABASE_URL: location.target,
      NRICH_TOKEN_KEYS: TEST_KEY_A,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  return {
    child,
    base,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

describe(`${EXAMPLE}, run as its own process on PostgreSQL`, () => {
  let backend: Backend;
  after(() => backend?.stop());

  const call = async (path: string, user: string | undefined, body?: unknown) => {
    const response = await fetch(`${backend.base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...(user ? { 'x-user-id': user } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** The element asks for a link, the user authorizes: the success detail the page posts. */
  const authorize = async (user: string) => {
    const state = `state-${Math.random().toString(36).slice(2)}`;
    const link = await call('/api/widget-link', user, { redirect_uri: REDIRECT, language: 'en', state });
    assert.equal(link.status, 200, JSON.stringify(link.body));
    const query = await completeWidget(t.url, String(link.body.location));
    return { code: String(query.code), state: String(query.state), flow_id: String(query.flow_id) };
  };

  test('connect, read accounts, and still be connected after a restart', async () => {
    backend = await startBackend({});
    assert.deepEqual((await call('/api/connection', 'user-7')).body, { status: 'not_connected' });
    const detail = await authorize('user-7');
    assert.equal(t.sandbox.flow(detail.flow_id)?.userId, 'user-7', "the API's user_id is the host's user");
    assert.deepEqual((await call('/api/exchange', 'user-7', detail)).body, {
      connected: true,
      flow_id: detail.flow_id,
    });
    const before = await call('/api/accounts', 'user-7');
    assert.equal(before.status, 200);
    assert.ok((before.body.accounts as unknown[]).length > 0);

    await backend.stop();
    backend = await startBackend({});
    assert.equal((await call('/api/connection', 'user-7')).body.status, 'active');
    assert.deepEqual((await call('/api/accounts', 'user-7')).body, before.body);
  });

  test("another user's success detail is refused, and its code stays unused", async () => {
    const detail = await authorize('user-8');
    const forged = await call('/api/exchange', 'user-9', detail);
    // Answered as a flow that does not exist: no oracle for another user's flows.
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error, 'unknown_flow');
    assert.equal((await call('/api/exchange', 'user-8', detail)).status, 200, 'the code was still unused');
  });

  test('a lapsed connection answers reconnect; connecting again restores it', async () => {
    await location.sql(
      "UPDATE nrich_connections SET status = 'needs_reauthorization', status_reason = 'invalid_grant' WHERE key = 'user-7'",
    );
    const lapsed = await call('/api/accounts', 'user-7');
    assert.equal(lapsed.status, 401);
    assert.equal(lapsed.body.error, 'reconnect');
    assert.deepEqual((await call('/api/connection', 'user-7')).body, {
      status: 'needs_reauthorization',
      reason: 'invalid_grant',
    });
    assert.equal((await call('/api/exchange', 'user-7', await authorize('user-7'))).status, 200);
    assert.equal((await call('/api/accounts', 'user-7')).status, 200);
  });

  test('every token in the table is sealed with the configured key', async () => {
    const rows = await location.sql('SELECT access_token, refresh_token FROM nrich_connections');
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      assert.match(String(row.access_token), /^nc1\.a\.[\w-]+\.[\w-]+$/);
      assert.match(String(row.refresh_token), /^nc1\.a\.[\w-]+\.[\w-]+$/);
    }
  });
});

test('in production mode without a key, the example refuses to start', async () => {
  await assert.rejects(startBackend({ NODE_ENV: 'production', NRICH_TOKEN_KEYS: '' }), (error: Error) =>
    /missing_key|NRICH_TOKEN_KEYS/.test(error.message),
  );
});
