// docs/stores.md's code is real: its error-mapping example is docs/examples/store-errors.ts word for word
// (type-checked with the rest of docs/examples), and it answers as the page's table says for real store errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ReauthorizationRequiredError, TokenStoreError } from '../../src/server/index.js';
import { answerFor } from '../../docs/examples/store-errors.js';

test('docs/stores.md shows docs/examples/store-errors.ts exactly', () => {
  const doc = readFileSync('docs/stores.md', 'utf8');
  const code = readFileSync('docs/examples/store-errors.ts', 'utf8');
  assert.ok(doc.includes(`\`\`\`ts\n${code}\`\`\``));
});

test('the example answers 503 + Retry-After for the retryable codes, 401 to reconnect, 500 otherwise', () => {
  for (const code of ['unavailable', 'timeout', 'busy', 'conflict'] as const) {
    const answer = answerFor(new TokenStoreError(code, 'x', { retryAfter: 2 }));
    assert.deepEqual(answer, { status: 503, body: { error: code, retryable: true }, headers: { 'retry-after': '2' } });
  }
  for (const code of ['database_error', 'unknown_key', 'undecryptable', 'missing_key', 'store_in_use'] as const) {
    assert.equal(answerFor(new TokenStoreError(code, 'x')).status, 500, code);
  }
  assert.equal(answerFor(new ReauthorizationRequiredError('user', 'invalid_grant')).status, 401);
});
