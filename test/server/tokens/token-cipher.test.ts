// The token cipher's two engines (node:crypto under Node, Web Crypto on edge runtimes) write and read the same
// bytes: a token sealed by one opens with the other, and a changed byte or another context is refused by both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTokenStoreError } from '../../../src/server/index.js';
import { createTokenCipher } from '../../../src/server/store.js';
import { TEST_KEY_A, TEST_KEY_B } from '../support/test-stores.js';

test('node:crypto and Web Crypto agree both ways, and both refuse a change or another context', async () => {
  const keys = `${TEST_KEY_A},${TEST_KEY_B}`;
  const node = await createTokenCipher({ keys });
  const web = await createTokenCipher({ keys }, 'webcrypto');
  const token = 'x'.repeat(3000) + 'ü€';
  for (const [seal, open] of [
    [node, web],
    [web, node],
    [node, node],
    [web, web],
  ] as const) {
    const sealed = await seal.seal(token, 'nrich_connections/access_token/u1');
    assert.match(sealed, /^nc1\.a\./);
    assert.equal(await open.open(sealed, 'nrich_connections/access_token/u1'), token);
    const [version, id, iv, data] = sealed.split('.') as [string, string, string, string];
    const flipped = `${version}.${id}.${iv}.${data.slice(0, 10)}${data[10] === 'A' ? 'B' : 'A'}${data.slice(11)}`;
    for (const [text, context] of [
      [flipped, 'nrich_connections/access_token/u1'],
      [sealed, 'nrich_connections/access_token/u2'],
      [sealed, 'nrich_connections/refresh_token/u1'],
      [`${version}.${id}.${iv}.${data}!`, 'nrich_connections/access_token/u1'],
    ] as const) {
      await assert.rejects(
        open.open(text, context),
        (error: unknown) => isTokenStoreError(error) && error.code === 'undecryptable',
      );
    }
  }
});
