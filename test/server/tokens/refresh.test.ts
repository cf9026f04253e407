// Token refresh and rotation against the real sandbox over HTTP, the same suite over the three stores:
// memory, embedded (PGlite) and PostgreSQL. Concurrency across processes: refresh-processes.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  getConnectionState,
  getValidAccessToken,
  isReauthorizationRequired,
  MemoryTokenStore,
  refreshTokens,
  saveTokenResponse,
  type NrichApiError,
  type NrichClient,
  type TokenSet,
  type TokenStore,
} from '../../../src/server/index.js';
import { REFRESH_TOKEN_LIFETIME_MS } from '../../../src/server/tokens/refresh.js';
import { watchConsole } from '../support/console-watch.js';
import { listen } from '../support/local-servers.js';
import { HOUR, SANDBOX_CLIENT_SECRET, useSandbox } from '../support/sandbox.js';
import { STORE_KINDS, storeLocation, type StoreLocation } from '../support/test-stores.js';

const consoleOutput = watchConsole();
let client: NrichClient;
/** The client, counting refreshes: the API sees exactly this many. */
let counted: NrichClient & { refreshes: number };

const sandbox = useSandbox(() => {
  client = sandbox.client;
  counted = {
    ...client,
    refreshes: 0,
    refreshToken(token, options) {
      counted.refreshes += 1;
      return client.refreshToken(token, options);
    },
  };
});

let users = 0;
/** A real, freshly exchanged token answer: ongoing access, whose refresh token outlives the hour. */
function exchangeOne() {
  return sandbox.connect({ user_id: `host-user-${++users}` }, 'ongoing/access');
}

const kinds = ['memory', ...STORE_KINDS] as const;

for (const kind of kinds) {
  describe(`tokens over the ${kind} store`, () => {
    let location: StoreLocation | undefined;
    let memory: MemoryTokenStore;
    let keyCount = 0;
    before(async () => {
      if (kind !== 'memory') location = await storeLocation(kind);
      memory = new MemoryTokenStore();
    });
    after(() => location?.cleanup());

    /** A new store object on the same data (what a host building a store per request gets). */
    const openStore = (): Promise<TokenStore> => (location ? location.open() : Promise.resolve(memory));

    /** A store with a real token set under a new key. */
    async function connected(): Promise<{ store: TokenStore; key: string; tokens: TokenSet }> {
      const store = await openStore();
      const key = `user-${++keyCount}`;
      const tokens = await saveTokenResponse(store, key, await exchangeOne(), sandbox.clock.now);
      return { store, key, tokens };
    }

    test('nothing stored: undefined, and no call to the API', async () => {
      counted.refreshes = 0;
      const store = await openStore();
      assert.equal(await getValidAccessToken({ store, key: 'nobody', client: counted }), undefined);
      assert.deepEqual(await getConnectionState({ store, key: 'nobody' }), { status: 'not_connected' });
      assert.equal(counted.refreshes, 0);
    });

    test('a fresh token is returned as stored, without a refresh', async () => {
      const { store, key, tokens } = await connected();
      counted.refreshes = 0;
      sandbox.clock.advance(30 * 60 * 1000);
      assert.equal(
        await getValidAccessToken({ store, key, client: counted, now: sandbox.clock.now }),
        tokens.accessToken,
      );
      assert.equal(counted.refreshes, 0);
      const state = await getConnectionState({ store, key, now: sandbox.clock.now });
      assert.equal(state.status, 'active');
    });

    test('an expired token is refreshed and the rotated refresh token is stored', async () => {
      const { store, key, tokens } = await connected();
      sandbox.clock.advance(HOUR + 1);
      const accessToken = await getValidAccessToken({ store, key, client, now: sandbox.clock.now });
      const stored = (await (await openStore()).get(key))?.tokens;
      assert.ok(accessToken && accessToken !== tokens.accessToken);
      assert.equal(stored?.accessToken, accessToken);
      assert.notEqual(stored?.refreshToken, tokens.refreshToken, 'the new refresh token replaced the old one');
      assert.equal(stored?.expiresAt, sandbox.clock.now() + 3600 * 1000);
      assert.equal(stored?.refreshExpiresAt, sandbox.clock.now() + REFRESH_TOKEN_LIFETIME_MS, '90 days from now');
      await client.listAccounts(accessToken); // the API accepts it
      await assert.rejects(
        client.refreshToken(tokens.refreshToken),
        (error: NrichApiError) => error.code === 'invalid_grant',
      );
    });

    test('the consent end the token response states is stored, and kept across a refresh that does not restate it', async () => {
      const response = await exchangeOne();
      assert.ok(response.consent_expires_at, 'the sandbox states it for an ongoing connection');
      const store = await openStore();
      const key = `user-${++keyCount}`;
      const saved = await saveTokenResponse(store, key, response, sandbox.clock.now);
      assert.equal(saved.consentExpiresAt, Date.parse(response.consent_expires_at));
      assert.equal((await (await openStore()).get(key))?.tokens.consentExpiresAt, saved.consentExpiresAt);
      // An API whose refresh answer leaves it out: the consent belongs to the connection, not to the token.
      const silent: NrichClient = {
        ...client,
        async refreshToken(token, options) {
          const { consent_expires_at: _left, ...rest } = await client.refreshToken(token, options);
          return rest;
        },
      };
      sandbox.clock.advance(HOUR + 1);
      const accessToken = await getValidAccessToken({ store, key, client: silent, now: sandbox.clock.now });
      const stored = (await (await openStore()).get(key))?.tokens;
      assert.equal(stored?.accessToken, accessToken, 'refreshed');
      assert.equal(stored?.consentExpiresAt, saved.consentExpiresAt, 'the consent end kept');
    });

    test('refreshes within skewMs of the expiry', async () => {
      const { store, key, tokens } = await connected();
      sandbox.clock.advance(HOUR - 30_000); // 30 s left: inside the default 60 s skew, outside a 10 s one
      assert.equal(
        await getValidAccessToken({ store, key, client, now: sandbox.clock.now, skewMs: 10_000 }),
        tokens.accessToken,
      );
      assert.notEqual(await getValidAccessToken({ store, key, client, now: sandbox.clock.now }), tokens.accessToken);
    });

    test('eight callers with eight store objects (a store per request) share one refresh', async () => {
      const { key, tokens } = await connected();
      const stores = await Promise.all(Array.from({ length: 8 }, openStore));
      sandbox.clock.advance(HOUR + 1);
      counted.refreshes = 0;
      const results = await Promise.all(
        stores.map((store) => getValidAccessToken({ store, key, client: counted, now: sandbox.clock.now })),
      );
      assert.equal(counted.refreshes, 1, 'one refresh reached the API');
      assert.equal(new Set(results).size, 1, 'everyone got the same new token');
      assert.notEqual(results[0], tokens.accessToken);
      assert.equal((await stores[5]!.get(key))?.tokens.accessToken, results[0]);
    });

    test('different keys refresh independently', async () => {
      const a = await connected();
      const b = await connected();
      sandbox.clock.advance(HOUR + 1);
      counted.refreshes = 0;
      const [first, second] = await Promise.all(
        [a, b].map(({ store, key }) => getValidAccessToken({ store, key, client: counted, now: sandbox.clock.now })),
      );
      assert.equal(counted.refreshes, 2);
      assert.notEqual(first, second);
    });

    test('invalid_grant marks the connection needs_reauthorization: typed, queryable, no further API calls', async () => {
      const { store, key, tokens } = await connected();
      await client.refreshToken(tokens.refreshToken); // someone else used it: the stored one is now dead
      sandbox.clock.advance(HOUR + 1);
      counted.refreshes = 0;
      for (let attempt = 0; attempt < 3; attempt++) {
        await assert.rejects(
          getValidAccessToken({ store, key, client: counted, now: sandbox.clock.now }),
          (error: unknown) => isReauthorizationRequired(error) && error.reason === 'invalid_grant' && error.key === key,
        );
      }
      assert.equal(counted.refreshes, 1, 'the refused refresh is not retried: no crash loop');
      assert.deepEqual(await getConnectionState({ store, key, now: sandbox.clock.now }), {
        status: 'needs_reauthorization',
        reason: 'invalid_grant',
      });
      // Reconnecting (a new flow's exchange) makes it active again.
      await saveTokenResponse(store, key, await exchangeOne(), sandbox.clock.now);
      assert.equal((await getConnectionState({ store, key, now: sandbox.clock.now })).status, 'active');
      const accessToken = await getValidAccessToken({ store, key, client, now: sandbox.clock.now });
      await client.listAccounts(accessToken!);
    });

    test('after 90 days the connection needs re-authorization, without asking the API', async () => {
      const { store, key } = await connected();
      sandbox.clock.advance(REFRESH_TOKEN_LIFETIME_MS);
      counted.refreshes = 0;
      await assert.rejects(
        getValidAccessToken({ store, key, client: counted, now: sandbox.clock.now }),
        (error: unknown) => isReauthorizationRequired(error) && error.reason === 'expired',
      );
      await assert.rejects(
        refreshTokens({ store, key, client: counted, now: sandbox.clock.now }),
        (error: unknown) => isReauthorizationRequired(error) && error.reason === 'expired',
      );
      assert.equal(counted.refreshes, 0);
      assert.deepEqual(await getConnectionState({ store, key, now: sandbox.clock.now }), {
        status: 'needs_reauthorization',
        reason: 'expired',
      });
    });

    test('an API that cannot be reached leaves the connection as it was', async () => {
      const { store, key, tokens } = await connected();
      const before = await store.get(key);
      const down = await listen((req) => req.socket.destroy()); // drops every connection
      const offline = sandbox.clientWith({ baseUrl: down.url, timeout: 2000 });
      sandbox.clock.advance(HOUR + 1);
      try {
        await assert.rejects(
          getValidAccessToken({ store, key, client: offline, now: sandbox.clock.now }),
          (error: NrichApiError) => error.name === 'NrichApiError' && error.code === 'network',
        );
      } finally {
        await down.close();
      }
      assert.deepEqual(await store.get(key), before, 'nothing written');
      assert.notEqual(await getValidAccessToken({ store, key, client, now: sandbox.clock.now }), tokens.accessToken);
    });

    test('a 5xx whose body says invalid_grant is the API failing: the connection stays active', async () => {
      const { store, key } = await connected();
      sandbox.clock.advance(HOUR + 1);
      for (const body of [
        '{"error":"invalid_grant"}',
        '{"error":"server_error","error_description":"token revoked?"}',
      ]) {
        sandbox.sandbox.fail({ path: '/auth/token', status: 503, body });
        await assert.rejects(
          getValidAccessToken({ store, key, client: sandbox.clientWith({ retry: false }), now: sandbox.clock.now }),
          (error: unknown) => !isReauthorizationRequired(error) && (error as NrichApiError).status === 503,
        );
        assert.equal((await getConnectionState({ store, key, now: sandbox.clock.now })).status, 'active');
      }
      assert.ok(await getValidAccessToken({ store, key, client, now: sandbox.clock.now }), 'the token was good');
    });

    test('reads of a fresh token are not held up by 30 refreshes waiting on the API', { timeout: 90_000 }, async () => {
      const store = await openStore();
      const fresh = await connected();
      const due = await Promise.all(Array.from({ length: 30 }, () => connected()));
      // Every refresh's API answer waits at this gate until the reads below are done (or the cap passes).
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      let arrived = 0;
      let allArrived!: () => void;
      const waiting = new Promise<void>((resolve) => (allArrived = resolve));
      const slow = sandbox.clientWith({
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (++arrived === due.length) allArrived();
          await gate;
          return response;
        },
      });
      const later = () => sandbox.clock.now() + 2 * HOUR; // every stored token is due then, the fresh one too
      const refreshes = due.map(({ key }) => getValidAccessToken({ store, key, client: slow, now: later }));
      await waiting; // every refresh is waiting on the API now
      let settledBefore = 0;
      let gateOpened = false;
      // A blocked read cannot hang the suite: the gate opens after 20 s anyway, and the read counts as blocked.
      const cap = setTimeout(() => {
        gateOpened = true;
        open();
      }, 20_000);
      const reads = await Promise.all(
        Array.from({ length: 20 }, () =>
          getValidAccessToken({ store: fresh.store, key: fresh.key, client, now: sandbox.clock.now }).then((token) => {
            if (!gateOpened) settledBefore += 1;
            return token;
          }),
        ),
      );
      gateOpened = true;
      clearTimeout(cap);
      open();
      assert.equal(settledBefore, 20, 'every read completed while all 30 refreshes were waiting on the API');
      assert.ok(reads.every((token) => token === fresh.tokens.accessToken));
      const refreshed = await Promise.all(refreshes);
      assert.equal(new Set(refreshed).size, 30, 'and every refresh then completed');
    });

    test('refreshTokens: on demand; callers passing the same rejected token share one refresh', async () => {
      const { store, key, tokens } = await connected();
      counted.refreshes = 0;
      const refreshed = await refreshTokens({ store, key, client: counted, now: sandbox.clock.now });
      assert.ok(refreshed && refreshed.refreshToken !== tokens.refreshToken);
      assert.deepEqual((await store.get(key))?.tokens, refreshed);
      const results = await Promise.all(
        Array.from({ length: 4 }, () =>
          refreshTokens({
            store,
            key,
            client: counted,
            now: sandbox.clock.now,
            rejectedAccessToken: refreshed.accessToken,
          }),
        ),
      );
      assert.equal(counted.refreshes, 2, 'the first forced refresh, then one for the four');
      assert.equal(new Set(results.map((result) => result?.accessToken)).size, 1);
      assert.notEqual(results[0]?.accessToken, refreshed.accessToken);
    });
  });
}

test('a consent_expires_at that is not an ISO date-time with a zone is left out, never guessed', async () => {
  const response = { access_token: 'a', refresh_token: 'r', expires_in: 3600, token_type: 'Bearer' };
  for (const odd of ['soon', '2026-06-01', '2026-13-45T10:00:00Z', '2026-06-01T10:00:00', 1_780_000_000_000, null]) {
    const tokens = await saveTokenResponse(new MemoryTokenStore(), 'k', {
      ...response,
      consent_expires_at: odd as string,
    });
    assert.equal('consentExpiresAt' in tokens, false, `${String(odd)} is left out`);
  }
  const fine = await saveTokenResponse(new MemoryTokenStore(), 'k', {
    ...response,
    consent_expires_at: '2026-06-01T10:00:00.000+02:00',
  });
  assert.equal(fine.consentExpiresAt, Date.UTC(2026, 5, 1, 8));
});

test('nothing printed to the console contains the client secret', () => {
  assert.ok(!consoleOutput.text().includes(SANDBOX_CLIENT_SECRET));
});
