// The SQL store over both drivers, the same tests for each: the embedded store (PGlite on a temp directory)
// and PostgreSQL (a real server started by `npm run test:node`). Tokens, encryption at rest, key rotation,
// migrations, the per-connection lock, and pending flows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { getConnectionState, isTokenStoreError, type TokenSet } from '../../../src/server/index.js';
import { createTokenCipher, FLOW_LEASE_MS, SqlTokenStore, type PendingFlow } from '../../../src/server/store.js';
import { MIGRATIONS } from '../../../src/server/tokens/stores/migrations.js';
import {
  sharedLocation,
  STORE_KINDS,
  storeLocation,
  TEST_KEY_A,
  TEST_KEY_B,
  type StoreLocation,
} from '../support/test-stores.js';
import { holding } from '../support/holding.js';
import { schemaDatabase } from '../support/shared-pglite.js';
import { until } from '../../support/until.js';

/** A token of `bytes` random URL-safe characters, like the API's (which vary in length). */
function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url').slice(0, bytes);
}

function tokenSet(bytes = 600): TokenSet {
  return {
    accessToken: token(bytes),
    refreshToken: token(bytes),
    expiresAt: Date.UTC(2030, 0, 1),
    scope: 'accounts=ro',
  };
}

const HOUR = 60 * 60 * 1000;
const execFileAsync = promisify(execFile);

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isTokenStoreError(error) && error.code === code);
}

for (const kind of STORE_KINDS) {
  describe(`${kind} store`, () => {
    let location: StoreLocation;
    before(async () => {
      location = await storeLocation(kind);
    });
    after(() => location.cleanup());

    test('tokens of 4096 bytes round-trip, and neither token is anywhere in the stored data in clear text', async () => {
      const store = await location.open();
      assert.equal(store.encrypted, true);
      const tokens: TokenSet = {
        ...tokenSet(4096),
        refreshExpiresAt: Date.UTC(2030, 2, 1),
        tokenType: 'Bearer',
        consentExpiresAt: Date.UTC(2030, 5, 1, 12, 30),
      };
      await store.set('user-4096', tokens);
      assert.deepEqual((await store.get('user-4096'))?.tokens, tokens);
      // Unsealed (no key, not production) for contrast: proves the search below finds a token that is there.
      const plain = await location.open({ keys: '', insecurePlaintextTokens: true });
      assert.equal(plain.encrypted, false);
      const visible = token(64);
      await plain.set('plain-user', { ...tokenSet(), accessToken: visible });

      await location.sql('CHECKPOINT'); // pages on disk, not only in the WAL
      const raw = await location.rawText();
      assert.ok(raw.includes('user-4096'), 'the search reads the stored rows');
      assert.ok(raw.includes(visible), 'an unsealed token is found');
      for (const secret of [tokens.accessToken, tokens.refreshToken]) {
        assert.ok(!raw.includes(secret.slice(0, 32)) && !raw.includes(secret.slice(-32)), 'a sealed token leaked');
      }
      // And after the restart the search needed (the embedded store is closed for it), it still opens.
      const reopened = await location.open();
      assert.deepEqual((await reopened.get('user-4096'))?.tokens, tokens);
      await (await location.open({ keys: '', insecurePlaintextTokens: true })).delete('plain-user');
    });

    test('a restart keeps the connection (a new store object on the same data)', async () => {
      const first = await location.open();
      const tokens = tokenSet();
      await first.set('restart', tokens);
      await first.close();
      const second = await location.open();
      const connection = await second.get('restart');
      assert.deepEqual(connection?.tokens, tokens);
      assert.equal(connection?.status, 'active');
      await second.delete('restart');
      assert.equal(await second.get('restart'), undefined);
    });

    test('key rotation: the old key still opens, the newest seals, reseal() lets the old key go', async () => {
      const old = await location.open({ keys: TEST_KEY_A });
      const first = tokenSet();
      await old.set('rotate-1', first);
      const rotated = await location.open({ keys: `${TEST_KEY_B},${TEST_KEY_A}` });
      assert.deepEqual((await rotated.get('rotate-1'))?.tokens, first, 'the old key opens');
      const second = tokenSet();
      await rotated.set('rotate-2', second);
      const [row] = await location.sql("SELECT access_token FROM nrich_connections WHERE key = 'rotate-2'");
      assert.match(String(row?.access_token), /^nc1\.b\./, 'the newest key seals');

      const store = await location.open({ keys: `${TEST_KEY_B},${TEST_KEY_A}` });
      const report = await store.reseal();
      assert.ok(report.resealed >= 1);
      assert.deepEqual({ remaining: report.remaining, unreadable: report.unreadable }, { remaining: 0, unreadable: 0 });
      assert.deepEqual(await store.reseal(), { resealed: 0, remaining: 0, unreadable: 0 }, 'nothing left to reseal');
      const newOnly = await location.open({ keys: TEST_KEY_B });
      assert.deepEqual((await newOnly.get('rotate-1'))?.tokens, first);
      assert.deepEqual((await newOnly.get('rotate-2'))?.tokens, second);
      const oldOnly = await location.open({ keys: TEST_KEY_A });
      await rejectsWith(oldOnly.get('rotate-2'), 'unknown_key');
    });

    test('a rolling key rotation: two instances on two key lists read every row at every phase', async () => {
      const keys = { A: TEST_KEY_A, B: TEST_KEY_B };
      const written: Record<string, TokenSet> = {};
      let n = 0;
      /** Both instances write a row, then each reads every row written so far. */
      async function phase(name: string, first: string, second: string): Promise<void> {
        const x = await location.open({ keys: first });
        const y = await location.open({ keys: second });
        for (const store of [x, y]) {
          const key = `roll-${++n}`;
          written[key] = tokenSet(80);
          await store.set(key, written[key]);
        }
        for (const store of [x, y]) {
          for (const [key, tokens] of Object.entries(written)) {
            assert.deepEqual((await store.get(key))?.tokens, tokens, `${name}: ${key}`);
          }
        }
      }
      await phase('0: old key everywhere', keys.A, keys.A);
      await phase('1: new key added behind, rolling', keys.A, `${keys.A},${keys.B}`);
      await phase('2: new key in front, rolling', `${keys.A},${keys.B}`, `${keys.B},${keys.A}`);
      const resealer = await location.open({ keys: `${keys.B},${keys.A}` });
      const report = await resealer.reseal();
      assert.ok(report.resealed >= 3, 'the rows sealed under the old key');
      assert.equal(report.remaining, 0, 'nothing left under the old key: it can go');
      await phase('4: old key dropped, rolling', `${keys.B},${keys.A}`, keys.B);

      // Dropping a key too early: the row is reported as a state, not thrown at the host.
      const early = await location.open({ keys: keys.A });
      await early.set('too-early', tokenSet(80));
      const newOnly = await location.open({ keys: keys.B });
      assert.deepEqual(await getConnectionState({ store: newOnly, key: 'too-early' }), {
        status: 'unreadable',
        reason: 'unknown_key',
      });
      assert.deepEqual(
        await newOnly.reseal(),
        { resealed: 0, remaining: 1, unreadable: 1 },
        'reseal says what is left',
      );
      await newOnly.delete('too-early');
    });

    test('a sealed token changed in the database, or moved to another row, does not open', async () => {
      const store = await location.open();
      await store.set('victim', tokenSet());
      await store.set('attacker', tokenSet());
      await location.sql(
        "UPDATE nrich_connections SET access_token = (SELECT access_token FROM nrich_connections WHERE key = 'attacker') WHERE key = 'victim'",
      );
      await location.sql(
        "UPDATE nrich_connections SET refresh_token = overlay(refresh_token placing 'A' from 40 for 1) || 'A' WHERE key = 'attacker'",
      );
      const reopened = await location.open();
      await rejectsWith(reopened.get('victim'), 'undecryptable');
      await rejectsWith(reopened.get('attacker'), 'undecryptable');
    });

    test('without a key the store refuses to start whatever NODE_ENV says; malformed keys are refused', async () => {
      for (const NODE_ENV of [undefined, 'production', 'production ', 'Production', 'prod', 'staging', 'development']) {
        await rejectsWith(location.open({ keys: undefined, env: { NODE_ENV } }), 'missing_key');
        await rejectsWith(location.open({ keys: undefined, env: { NODE_ENV, NRICH_TOKEN_KEYS: ' ' } }), 'missing_key');
      }
      await rejectsWith(location.open({ keys: undefined, env: { NRICH_TOKEN_KEYS: ',' } }), 'invalid_key');
      await rejectsWith(location.open({ keys: ', ,' }), 'invalid_key');
      // An entry the wrong way round: the error names the entry, never the key.
      const secret = Buffer.alloc(32, 7).toString('base64');
      await assert.rejects(location.open({ keys: `${secret}:k1` }), (error: unknown) => {
        assert.ok(isTokenStoreError(error) && error.code === 'invalid_key');
        assert.ok(!error.message.includes(secret.slice(0, 12)), 'the key is not in the message');
        return true;
      });
      // The opt-out is explicit, by name, and logged.
      const plain = await location.open({ keys: undefined, env: { NRICH_INSECURE_PLAINTEXT_TOKENS: '1' } });
      assert.equal(plain.encrypted, false);
      await rejectsWith(location.open({ keys: 'short:AAAA' }), 'invalid_key');
      await rejectsWith(location.open({ keys: 'no-colon' }), 'invalid_key');
      await rejectsWith(location.open({ keys: `${TEST_KEY_A},${TEST_KEY_A}` }), 'invalid_key');
      const fromEnv = await location.open({
        keys: undefined,
        env: { NODE_ENV: 'production', NRICH_TOKEN_KEYS: TEST_KEY_B },
      });
      assert.equal(fromEnv.encrypted, true);
    });

    test('with keys configured, a row unsealed behind the store is refused (undecryptable)', async () => {
      const plain = await location.open({ keys: '', insecurePlaintextTokens: true });
      await plain.set('unsealed', tokenSet());
      const sealed = await location.open();
      await rejectsWith(sealed.get('unsealed'), 'undecryptable');
      const report = await sealed.reseal();
      assert.ok(report.unreadable >= 1 && report.remaining >= report.unreadable, 'reported, not resealed');
      await plain.delete('unsealed');
      assert.equal((await sealed.reseal()).unreadable, report.unreadable - 1);
    });

    test('the schema is created once, reopening changes nothing, and a newer schema is refused', async () => {
      await location.open();
      await location.open();
      const versions = await location.sql('SELECT version FROM nrich_schema_migrations ORDER BY version');
      assert.deepEqual(
        versions.map((row) => Number(row.version)),
        MIGRATIONS.map((migration) => migration.version),
      );
      await location.sql("INSERT INTO nrich_schema_migrations (version, name) VALUES (99, 'from the future')");
      await rejectsWith(location.open(), 'schema_too_new');
      await location.sql('DELETE FROM nrich_schema_migrations WHERE version = 99');
    });

    test('hold runs one at a time per connection, across store objects, and write stores before it resolves', async () => {
      const stores = await Promise.all(Array.from({ length: 8 }, () => location.open()));
      await stores[0]!.set('serial', tokenSet());
      const start = (await stores[0]!.get('serial'))!.version;
      let inside = 0;
      let overlapped = false;
      const seen = await Promise.all(
        stores.map((store, index) =>
          holding(store, 'serial', async (current) => {
            const version = current!.version;
            inside++;
            overlapped ||= inside > 1;
            // A real round trip while holding the lock: the other writers run meanwhile, if the lock let one in.
            await store.get('serial');
            inside--;
            return { value: version, write: { tokens: { ...current!.tokens, accessToken: `written-by-${index}` } } };
          }),
        ),
      );
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        Array.from({ length: 8 }, (_, i) => start + i),
        'each update saw the previous one written',
      );
      assert.equal(overlapped, false, 'never two tasks inside at once');
      const final = (await stores[3]!.get('serial'))!;
      assert.equal(final.version, start + 8);
      assert.equal(final.tokens.accessToken, `written-by-${seen.indexOf(start + 7)}`);
    });

    test('a pending flow is claimed only by its session, with its state, unexpired, and once', async () => {
      const store = await location.open();
      const now = Date.UTC(2025, 0, 15, 9);
      const flow: PendingFlow = {
        flowId: 'f-1',
        state: 'state-1',
        owner: 'session-a',
        redirectUri: 'https://app.example/callback',
        kind: 'onetime',
        createdAt: now,
        expiresAt: now + HOUR,
      };
      await store.savePendingFlow(flow);
      const claim = { flowId: 'f-1', state: 'state-1', owner: 'session-a', now: now + 1000 };
      assert.deepEqual(await store.claimPendingFlow({ ...claim, owner: 'session-b' }), {
        ok: false,
        reason: 'session_mismatch',
      });
      assert.deepEqual(await store.claimPendingFlow({ ...claim, state: 'state-2' }), {
        ok: false,
        reason: 'state_mismatch',
      });
      assert.deepEqual(await store.claimPendingFlow({ ...claim, flowId: 'f-2' }), {
        ok: false,
        reason: 'unknown_flow',
      });
      assert.deepEqual(await store.claimPendingFlow({ ...claim, now: now + HOUR }), { ok: false, reason: 'expired' });
      const won = await store.claimPendingFlow(claim);
      assert.ok(won.ok);
      assert.deepEqual(won.flow, flow);
      assert.equal(won.exchanged, false);
      assert.deepEqual(await store.claimPendingFlow(claim), { ok: false, reason: 'finishing' });
      await store.advancePendingFlow('f-1', won.lease, 'released'); // the exchange failed: the code is spent
      assert.deepEqual(await store.claimPendingFlow(claim), { ok: false, reason: 'already_used' });
      const [row] = await location.sql("SELECT state_hash FROM nrich_pending_flows WHERE flow_id = 'f-1'");
      assert.notEqual(row?.state_hash, 'state-1', 'the state is kept as a hash');
    });

    test('an exchanged flow whose finish failed is claimed again, by its session only, until finished or expired', async () => {
      const store = await location.open();
      const now = Date.UTC(2025, 0, 15, 9);
      const flow: PendingFlow = {
        flowId: 'f-finish',
        state: 'state-f',
        owner: 'session-a',
        redirectUri: 'https://app.example/callback',
        kind: 'onetime',
        createdAt: now,
        expiresAt: now + HOUR,
      };
      await store.savePendingFlow(flow);
      const claim = { flowId: 'f-finish', state: 'state-f', owner: 'session-a', now: now + 1000 };
      const first = await store.claimPendingFlow(claim);
      assert.ok(first.ok && !first.exchanged);
      await store.advancePendingFlow('f-finish', first.lease, 'exchanged');
      assert.deepEqual(await store.claimPendingFlow(claim), { ok: false, reason: 'finishing' }, 'held while finishing');
      await store.advancePendingFlow('f-finish', first.lease, 'released'); // onConnected threw
      assert.deepEqual(await store.claimPendingFlow({ ...claim, owner: 'session-b' }), {
        ok: false,
        reason: 'session_mismatch',
      });
      assert.deepEqual(await store.claimPendingFlow({ ...claim, now: now + HOUR }), { ok: false, reason: 'expired' });
      const retry = await store.claimPendingFlow(claim);
      assert.ok(retry.ok && retry.exchanged, 'a retry finishes with the stored tokens');
      assert.deepEqual(retry.flow, flow);
      // A process that died mid-finish: its lease lapses, and the flow can be finished again.
      const later = { ...claim, now: claim.now + FLOW_LEASE_MS };
      const afterCrash = await store.claimPendingFlow(later);
      assert.ok(afterCrash.ok && afterCrash.exchanged);
      await store.advancePendingFlow('f-finish', retry.lease, 'released'); // the lapsed claim lets go: no effect
      assert.deepEqual(await store.claimPendingFlow(later), { ok: false, reason: 'finishing' });
      await store.advancePendingFlow('f-finish', afterCrash.lease, 'finished');
      assert.deepEqual(await store.claimPendingFlow(later), { ok: false, reason: 'already_used' });
    });

    test('an exchanged flow holds its tokens, sealed, until finished; an unused code frees the flow', async () => {
      let store = await location.open();
      const now = Date.UTC(2025, 0, 15, 9);
      const flow: PendingFlow = {
        flowId: 'f-held',
        state: 'state-h',
        owner: 'session-h',
        redirectUri: 'https://app.example/callback',
        kind: 'onetime',
        createdAt: now,
        expiresAt: now + HOUR,
      };
      await store.savePendingFlow(flow);
      const claim = { flowId: 'f-held', state: 'state-h', owner: 'session-h', now: now + 1000 };
      const outage = await store.claimPendingFlow(claim);
      assert.ok(outage.ok);
      await store.advancePendingFlow('f-held', 'another-lease', 'unused'); // not the holder: no effect
      assert.deepEqual(await store.claimPendingFlow(claim), { ok: false, reason: 'finishing' });
      await store.advancePendingFlow('f-held', outage.lease, 'unused'); // the API never used the code
      const first = await store.claimPendingFlow(claim);
      assert.ok(first.ok && !first.exchanged, 'claimable again, as never claimed');
      const tokens = tokenSet();
      await store.advancePendingFlow('f-held', first.lease, 'exchanged', tokens);
      await store.advancePendingFlow('f-held', first.lease, 'unused'); // exchanged meanwhile: it stays exchanged
      const [row] = await location.sql("SELECT tokens FROM nrich_pending_flows WHERE flow_id = 'f-held'");
      if (store.encrypted) assert.ok(!String(row?.tokens).includes(tokens.accessToken), 'sealed');
      store = await location.open(); // the embedded store's directory was closed for the query
      const retry = await store.claimPendingFlow(claim);
      assert.ok(retry.ok);
      assert.deepEqual([retry.exchanged, retry.stored, retry.tokens], [true, false, tokens]);
      await store.advancePendingFlow('f-held', retry.lease, 'stored');
      await store.advancePendingFlow('f-held', retry.lease, 'released');
      const again = await store.claimPendingFlow(claim);
      assert.ok(again.ok);
      assert.deepEqual([again.exchanged, again.stored, again.tokens], [true, true, tokens]);
      await store.advancePendingFlow('f-held', again.lease, 'finished');
      const [done] = await location.sql("SELECT tokens FROM nrich_pending_flows WHERE flow_id = 'f-held'");
      assert.equal(done?.tokens, null, 'dropped once finished');
    });

    test('a flow used before migration 2 stays spent after the upgrade', async () => {
      // A database of its own for this test: on the process's shared PGlite for the embedded kind (no cold start).
      const fresh = kind === 'embedded' ? await sharedLocation() : await storeLocation(kind);
      try {
        const [v1] = MIGRATIONS;
        await fresh.sql(
          'CREATE TABLE nrich_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
        );
        for (const statement of v1!.statements) await fresh.sql(statement);
        await fresh.sql("INSERT INTO nrich_schema_migrations (version, name) VALUES (1, 'v1')");
        const now = Date.UTC(2025, 0, 15, 9);
        await fresh.sql(
          "INSERT INTO nrich_pending_flows VALUES ('f-old', $1, 'o', 'https://app.example/cb', 'onetime', $2, $3, $2)",
          [createHash('sha256').update('s').digest('hex'), new Date(now), new Date(now + HOUR)],
        );
        const store = await fresh.open();
        assert.deepEqual(await store.claimPendingFlow({ flowId: 'f-old', state: 's', owner: 'o', now: now + 1 }), {
          ok: false,
          reason: 'already_used',
        });
      } finally {
        await fresh.cleanup();
      }
    });

    test('eight simultaneous claims of one flow, from eight store objects: exactly one wins', async () => {
      const stores = await Promise.all(Array.from({ length: 8 }, () => location.open()));
      const now = Date.UTC(2025, 0, 15, 9);
      await stores[0]!.savePendingFlow({
        flowId: 'f-race',
        state: 's',
        owner: 'o',
        redirectUri: 'https://app.example/cb',
        kind: 'onetime',
        createdAt: now,
        expiresAt: now + HOUR,
      });
      const results = await Promise.all(
        stores.map((store) => store.claimPendingFlow({ flowId: 'f-race', state: 's', owner: 'o', now })),
      );
      assert.equal(results.filter((result) => result.ok).length, 1);
      assert.ok(results.every((result) => result.ok || result.reason === 'finishing'));
    });
  });
}

for (const kind of STORE_KINDS) {
  describe(`${kind} store: the refresh lease`, () => {
    let location: StoreLocation;
    before(async () => {
      location = await storeLocation(kind);
    });
    after(() => location.cleanup());

    test('a lease held elsewhere makes update() wait, then fail busy; a lapsed one is taken over', async () => {
      const store = await location.open({
        lockTimeoutMs: 1_500,
        leaseMs: 1_000,
        connectTimeoutMs: 150,
        queryTimeoutMs: 150,
      });
      await store.set('held', tokenSet());
      // Another process's lease, far from lapsing: the update waits up to lockTimeoutMs, runs nothing, fails typed.
      if (kind === 'embedded') await store.close(); // location.sql closes the embedded stores anyway
      await location.sql(
        "UPDATE nrich_connections SET refresh_lease = 'elsewhere', refresh_lease_until = now() + interval '1 hour' WHERE key = 'held'",
      );
      const again = await location.open({
        lockTimeoutMs: 1_500,
        leaseMs: 1_000,
        connectTimeoutMs: 150,
        queryTimeoutMs: 150,
      });
      let ran = false;
      await rejectsWith(
        holding(again, 'held', async () => {
          ran = true;
          return { value: undefined };
        }),
        'busy',
      );
      assert.equal(ran, false, 'nothing ran without the lease');
      // A holder that died: its lease lapses, and the next caller takes it over.
      await location.sql(
        "UPDATE nrich_connections SET refresh_lease_until = now() - interval '1 second' WHERE key = 'held'",
      );
      const after = await location.open({
        lockTimeoutMs: 1_500,
        leaseMs: 1_000,
        connectTimeoutMs: 150,
        queryTimeoutMs: 150,
      });
      assert.equal(await holding(after, 'held', async (current) => ({ value: current?.key })), 'held');
    });
  });
}

describe('postgres store: no transaction across the API call, and a renewed lease', () => {
  let location: StoreLocation;
  before(async () => {
    location = await storeLocation('postgres');
  });
  after(() => location.cleanup());

  test('while the task runs, no transaction is open and the row is not locked', async () => {
    const store = await location.open();
    await store.set('open', tokenSet());
    const during = await holding(store, 'open', async () => {
      const [row] = await location.sql(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
      );
      await location.sql("SET lock_timeout = '300ms'; UPDATE nrich_connections SET scope = scope WHERE key = 'open'");
      return { value: Number(row?.n) };
    });
    assert.equal(during, 0, 'no transaction held across the task');
  });

  test('the lease is renewed while a slow task runs: a waiter elsewhere is not let in early', async () => {
    const store = await location.open({
      lockTimeoutMs: 8_000,
      leaseMs: 600,
      connectTimeoutMs: 100,
      queryTimeoutMs: 100,
    });
    await store.set('slow', tokenSet());
    const leases = await holding(store, 'slow', async () => {
      // The task lasts until the lease has been renewed three times (three leases' worth), read behind the store.
      const seen = new Set<string>();
      const untils = new Set<string>();
      await until(
        async () => {
          const [row] = await rawLease(location, 'slow');
          seen.add(`${row?.lease !== null}:${row?.live}`);
          untils.add(String(row?.until));
          return untils.size === 4;
        },
        'three renewals',
        6_000,
      ).catch(() => {}); // too few renewals: the assertion below says so
      return { value: { seen: [...seen], renewals: untils.size - 1 } };
    });
    assert.deepEqual(leases, { seen: ['true:true'], renewals: 3 }, 'held, live and renewed throughout');
  });
});

/** The lease columns of a row, read behind the store. */
async function rawLease(
  location: StoreLocation,
  key: string,
): Promise<{ lease: unknown; live: unknown; until: unknown }[]> {
  const rows = await location.sql(
    'SELECT refresh_lease AS lease, refresh_lease_until > now() AS live, refresh_lease_until AS until FROM nrich_connections WHERE key = $1',
    [key],
  );
  return rows as { lease: unknown; live: unknown; until: unknown }[];
}

describe('embedded store: compare-and-swap', () => {
  test('a write that bypassed the lock is refused, never overwritten', async () => {
    const database = await schemaDatabase(); // this test needs the database handle itself
    const store = await SqlTokenStore.open(database, await createTokenCipher({ keys: TEST_KEY_A }));
    await store.set('cas', tokenSet());
    await assert.rejects(
      holding(store, 'cas', async (current) => {
        await database.raw("UPDATE nrich_connections SET version = version + 1 WHERE key = 'cas'"); // behind its back
        return { value: undefined, write: { tokens: { ...current!.tokens, accessToken: 'lost-update' } } };
      }),
      (error: unknown) => isTokenStoreError(error) && error.code === 'conflict',
    );
    assert.notEqual((await store.get('cas'))?.tokens.accessToken, 'lost-update');
    await store.close();
  });
});

describe('embedded store: one process per directory', () => {
  let location: StoreLocation;
  before(async () => {
    location = await storeLocation('embedded');
  });
  after(() => location.cleanup());

  /** Tries to open the directory from another process; answers the error code it got, or "opened". */
  async function openElsewhere(): Promise<string> {
    const script = `
      import { createEmbeddedStore } from './src/server/index.ts';
      try { const store = await createEmbeddedStore({ directory: ${JSON.stringify(location.target)}, keys: ${JSON.stringify(TEST_KEY_A)}, lockWaitMs: 0 }); await store.close(); console.log('opened'); }
      catch (error) { console.log(error.code ?? error.message); }`;
    // Not execFileSync: the holder (this process) must go on renewing its lock meanwhile.
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    return stdout.trim();
  }

  test('a second process is refused while the first has it open; a dead owner does not lock it out', async () => {
    const store = await location.open();
    assert.equal(await openElsewhere(), 'store_in_use');
    await store.close();
    // A process that died with the store open leaves its lock behind, no longer renewed: the next one takes over.
    mkdirSync(join(location.target, 'store.lock'));
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(join(location.target, 'store.lock'), longAgo, longAgo);
    assert.equal(await openElsewhere(), 'opened');
  });

  test('stores opened on one directory in one process share one database', async () => {
    const [a, b] = await Promise.all([location.open(), location.open()]);
    await a!.set('shared', tokenSet());
    assert.ok(await b!.get('shared'));
    assert.equal(a!.scope, b!.scope);
    await a!.close();
    assert.ok(await b!.get('shared'), 'closing one leaves the other working');
  });
});
