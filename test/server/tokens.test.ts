import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NrichApiError } from '../../src/server/index.js';
import {
  getValidAccessToken,
  MemoryTokenStore,
  refreshTokens,
  saveTokenResponse,
  type NrichClient,
  type TokenSet,
  type TokenStore,
} from '../../src/server/index.js';
import { watchConsole } from './support/console-watch.js';
import { completeWidget, HOUR, REDIRECT_URI, SANDBOX_CLIENT_SECRET, useSandbox } from './support/sandbox.js';

const consoleOutput = watchConsole();
let client: NrichClient;
/** The client, counting refreshes: the API sees exactly this many. */
let counted: NrichClient & { refreshes: number };

const sandbox = useSandbox(() => {
  client = sandbox.client;
  counted = {
    ...client,
    refreshes: 0,
    refreshToken(token) {
      counted.refreshes += 1;
      return client.refreshToken(token);
    },
  };
});

/** A store holding a real, freshly exchanged token set under `key`. */
async function connectedStore(
  key = 'user-1',
  store: TokenStore = new MemoryTokenStore(),
): Promise<{ store: TokenStore; tokens: TokenSet }> {
  // Ongoing access: its refresh token and data outlive the hour (a one-time flow's do not).
  const link = await client.createFlow('ongoing/access', { redirect_uri: REDIRECT_URI, user_id: key });
  const { code } = await completeWidget(sandbox.url, link.location);
  const response = await client.exchangeCode({ code: String(code), redirectUri: REDIRECT_URI });
  const tokens = await saveTokenResponse(store, key, response, sandbox.clock.now);
  return { store, tokens };
}

describe('MemoryTokenStore', () => {
  test('keeps tokens whole, whatever their length, and hands out copies', async () => {
    const store = new MemoryTokenStore();
    const long: TokenSet = { accessToken: 'a'.repeat(5000), refreshToken: 'r'.repeat(4096), expiresAt: 1 };
    await store.set('k', long);
    const read = await store.get('k');
    assert.deepEqual(read, long);
    if (read) read.accessToken = 'changed';
    assert.equal((await store.get('k'))?.accessToken.length, 5000);
    await store.delete('k');
    assert.equal(await store.get('k'), undefined);
  });
});

describe('saveTokenResponse', () => {
  test('stores the whole answer with an absolute expiry', async () => {
    const store = new MemoryTokenStore();
    const saved = await saveTokenResponse(
      store,
      'k',
      { access_token: 'at', refresh_token: 'rt', expires_in: 3600, token_type: 'Bearer', scope: 'accounts=ro' },
      () => 1_000,
    );
    assert.deepEqual(saved, {
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: 3_601_000,
      tokenType: 'Bearer',
      scope: 'accounts=ro',
    });
    assert.deepEqual(await store.get('k'), saved);
  });
});

describe('getValidAccessToken', () => {
  test('nothing stored: undefined, and no call to the API', async () => {
    counted.refreshes = 0;
    assert.equal(
      await getValidAccessToken({ store: new MemoryTokenStore(), key: 'nobody', client: counted }),
      undefined,
    );
    assert.equal(counted.refreshes, 0);
  });

  test('a fresh token is returned as stored, without a refresh', async () => {
    const { store, tokens } = await connectedStore();
    counted.refreshes = 0;
    sandbox.clock.advance(30 * 60 * 1000);
    assert.equal(
      await getValidAccessToken({ store, key: 'user-1', client: counted, now: sandbox.clock.now }),
      tokens.accessToken,
    );
    assert.equal(counted.refreshes, 0);
  });

  test('an expired token is refreshed and the rotated refresh token is stored', async () => {
    const { store, tokens } = await connectedStore();
    sandbox.clock.advance(HOUR + 1);
    const accessToken = await getValidAccessToken({ store, key: 'user-1', client, now: sandbox.clock.now });
    const stored = await store.get('user-1');
    assert.ok(accessToken && accessToken !== tokens.accessToken);
    assert.equal(stored?.accessToken, accessToken);
    assert.notEqual(stored?.refreshToken, tokens.refreshToken, 'the new refresh token replaced the old one');
    assert.equal(stored?.expiresAt, sandbox.clock.now() + 3600 * 1000);
    await client.listAccounts(accessToken); // the API accepts it
    // The stored one is the live one: refreshing with it works, while the old one is refused.
    await assert.rejects(
      client.refreshToken(tokens.refreshToken),
      (error: NrichApiError) => error.code === 'invalid_grant',
    );
  });

  test('refreshes within skewMs of the expiry', async () => {
    const { store, tokens } = await connectedStore();
    sandbox.clock.advance(HOUR - 30_000); // 30 s left, inside the default 60 s skew
    assert.notEqual(
      await getValidAccessToken({ store, key: 'user-1', client, now: sandbox.clock.now }),
      tokens.accessToken,
    );
    const { store: other, tokens: otherTokens } = await connectedStore();
    sandbox.clock.advance(HOUR - 30_000);
    assert.equal(
      await getValidAccessToken({ store: other, key: 'user-1', client, now: sandbox.clock.now, skewMs: 10_000 }),
      otherTokens.accessToken,
    );
  });

  test('concurrent callers share one refresh, even with a slow store', async () => {
    const memory = new MemoryTokenStore();
    // Every read and write takes a few ms: the window in which a naive implementation refreshes twice.
    const slow: TokenStore = {
      get: async (key) => (await pause(5), memory.get(key)),
      set: async (key, value) => (await pause(5), memory.set(key, value)),
      delete: (key) => memory.delete(key),
    };
    const { tokens } = await connectedStore('user-1', slow);
    sandbox.clock.advance(HOUR + 1);
    counted.refreshes = 0;
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        getValidAccessToken({ store: slow, key: 'user-1', client: counted, now: sandbox.clock.now }),
      ),
    );
    assert.equal(counted.refreshes, 1, 'one refresh reached the API');
    assert.equal(new Set(results).size, 1, 'everyone got the same new token');
    assert.notEqual(results[0], tokens.accessToken);
    assert.equal((await memory.get('user-1'))?.accessToken, results[0]);
  });

  test('different keys refresh independently', async () => {
    const store = new MemoryTokenStore();
    await connectedStore('a', store);
    await connectedStore('b', store);
    sandbox.clock.advance(HOUR + 1);
    counted.refreshes = 0;
    const [a, b] = await Promise.all(
      ['a', 'b'].map((key) => getValidAccessToken({ store, key, client: counted, now: sandbox.clock.now })),
    );
    assert.equal(counted.refreshes, 2);
    assert.notEqual(a, b);
  });

  test('a refused refresh rejects with the API error and does not block the next caller', async () => {
    const { store, tokens } = await connectedStore();
    await client.refreshToken(tokens.refreshToken); // someone else used it: the stored one is now dead
    sandbox.clock.advance(HOUR + 1);
    await assert.rejects(
      getValidAccessToken({ store, key: 'user-1', client, now: sandbox.clock.now }),
      (error: NrichApiError) => error.status === 400 && error.code === 'invalid_grant',
    );
    await store.set('user-1', { ...tokens, expiresAt: sandbox.clock.now() + HOUR });
    assert.equal(
      await getValidAccessToken({ store, key: 'user-1', client, now: sandbox.clock.now }),
      tokens.accessToken,
    );
  });
});

describe('refreshTokens', () => {
  test('refreshes a still-fresh token on demand and stores the rotation', async () => {
    const { store, tokens } = await connectedStore();
    const refreshed = await refreshTokens({ store, key: 'user-1', client, now: sandbox.clock.now });
    assert.ok(refreshed && refreshed.refreshToken !== tokens.refreshToken);
    assert.deepEqual(await store.get('user-1'), refreshed);
  });

  test('two forced refreshes in a row each use the latest refresh token', async () => {
    const { store } = await connectedStore();
    const [first, second] = await Promise.all([
      refreshTokens({ store, key: 'user-1', client, now: sandbox.clock.now }),
      refreshTokens({ store, key: 'user-1', client, now: sandbox.clock.now }),
    ]);
    assert.ok(first && second && first.refreshToken !== second.refreshToken);
    assert.deepEqual(await store.get('user-1'), second);
  });
});

test('nothing printed to the console contains the client secret', () => {
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
