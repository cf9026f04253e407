// One contract, every store: the memory store, the embedded store (PGlite) and PostgreSQL behave the same through
// the TokenStore interface. Store-specific matters (encryption at rest, migrations, locks across processes) are
// in stores.test.ts; refreshes against the sandbox in tokens.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTokenStore, type TokenSet, type TokenStore } from '../../../src/server/index.js';
import { STORE_KINDS, storeLocation, type StoreLocation } from '../support/test-stores.js';
import { holding } from '../support/holding.js';

let serial = 0;
const tokens = (): TokenSet => ({
  accessToken: `access-${++serial}`,
  refreshToken: `refresh-${serial}`,
  expiresAt: Date.UTC(2030, 0, 1),
  refreshExpiresAt: Date.UTC(2030, 2, 1),
  scope: 'accounts=ro',
  tokenType: 'Bearer',
});

for (const kind of ['memory', ...STORE_KINDS] as const) {
  describe(`the store contract: ${kind}`, () => {
    let location: StoreLocation | undefined;
    const memory = new MemoryTokenStore();
    before(async () => {
      if (kind !== 'memory') location = await storeLocation(kind);
    });
    after(() => location?.cleanup());
    const open = (): Promise<TokenStore> => (location ? location.open() : Promise.resolve(memory));

    test('set, get and delete: what is read is what was stored, active, with a growing version', async () => {
      const store = await open();
      assert.equal(await store.get('absent'), undefined);
      const first = tokens();
      await store.set('k', first);
      const read = await store.get('k');
      assert.deepEqual(read?.tokens, first);
      assert.equal(read?.status, 'active');
      read!.tokens.accessToken = 'changed by the caller';
      assert.deepEqual((await store.get('k'))?.tokens, first, 'a read is a copy');
      await store.set('k', tokens());
      assert.ok((await store.get('k'))!.version > read!.version);
      await store.delete('k');
      assert.equal(await store.get('k'), undefined);
      await store.delete('k'); // deleting nothing is fine
    });

    test('hold, then write: the holder sees the row, its write is stored before write resolves; no row, nothing held', async () => {
      const store = await open();
      await store.set('u', tokens());
      const next = tokens();
      const value = await holding(store, 'u', async (current) => ({ value: current?.key, write: { tokens: next } }));
      assert.equal(value, 'u');
      assert.deepEqual((await store.get('u'))?.tokens, next);
      const none = await holding(store, 'nobody', async (current) => ({ value: current, write: { tokens: tokens() } }));
      assert.equal(none, undefined);
      assert.equal(await store.get('nobody'), undefined, 'an update never creates a connection');
    });

    test('a reauthorization mark is stored with its reason; a new exchange (set) makes the connection active', async () => {
      const store = await open();
      await store.set('r', tokens());
      await holding(store, 'r', async () => ({ value: 0, write: { needsReauthorization: 'invalid_grant' } }));
      const marked = await store.get('r');
      assert.equal(marked?.status, 'needs_reauthorization');
      assert.equal(marked?.reason, 'invalid_grant');
      await store.set('r', tokens());
      const active = await store.get('r');
      assert.equal(active?.status, 'active');
      assert.equal(active?.reason, undefined);
    });

    test('holds of one connection run one at a time, each seeing the previous write', async () => {
      const store = await open();
      await store.set('s', tokens());
      let inside = 0;
      let overlapped = false;
      const seen = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const other = await open(); // a store per request: the same data, the same queue
          return holding(other, 's', async (current) => {
            inside++;
            overlapped ||= inside > 1;
            await other.get('s'); // a real round trip while holding the key: the others run meanwhile, if let in
            inside--;
            return { value: current!.tokens.accessToken, write: { tokens: tokens() } };
          });
        }),
      );
      assert.equal(new Set(seen).size, 6, 'no two updates saw the same row');
      assert.equal(overlapped, false, 'never two tasks inside at once');
    });

    test('a hold that ends in release changes nothing and does not block the next hold', async () => {
      const store = await open();
      const before = tokens();
      await store.set('t', before);
      await assert.rejects(
        holding(store, 't', async () => {
          throw new Error('the API failed');
        }),
        /the API failed/,
      );
      assert.deepEqual((await store.get('t'))?.tokens, before);
      assert.equal(await holding(store, 't', async (current) => ({ value: current?.key })), 't');
    });

    test('a delete during a refresh waits for the refresh to store its answer, then the connection stays deleted', async () => {
      const store = await open();
      await store.set('d', tokens());
      let release!: () => void;
      const apiAnswered = new Promise<void>((resolve) => (release = resolve));
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const rotated = tokens();
      const refresh = holding(store, 'd', async () => {
        started();
        await apiAnswered; // the API call
        return { value: 'refreshed', write: { tokens: rotated } };
      });
      await running;
      const order: string[] = [];
      const deleted = (await open()).delete('d').then(() => order.push('deleted'));
      // A later read, sent after the delete, has its answer: a delete that did not wait would have run by now.
      assert.notEqual(await (await open()).get('d'), undefined, 'not deleted while the refresh runs');
      order.push('api answered');
      release();
      assert.equal(await refresh, 'refreshed', 'the refresh stored its answer: no conflict, nothing dropped');
      await deleted;
      assert.deepEqual(order, ['api answered', 'deleted'], 'the delete waited for the refresh');
      assert.equal(await store.get('d'), undefined, 'and the connection stays deleted');
    });

    test('a pending flow is claimed once', async () => {
      const store = await open();
      const now = Date.UTC(2025, 0, 15, 9);
      await store.savePendingFlow({
        flowId: `flow-${kind}`,
        state: 's',
        owner: 'o',
        redirectUri: 'https://app.example/cb',
        kind: 'onetime',
        createdAt: now,
        expiresAt: now + 60 * 60 * 1000,
      });
      const claim = { flowId: `flow-${kind}`, state: 's', owner: 'o', now };
      const results = await Promise.all([store.claimPendingFlow(claim), store.claimPendingFlow(claim)]);
      assert.equal(results.filter((result) => result.ok).length, 1);
      assert.deepEqual(
        results.find((result) => !result.ok),
        { ok: false, reason: 'finishing' },
      );
    });
  });
}
