// docs/testing.md's recipes are real: the WebdriverIO recipe is docs/examples/webdriverio-recipe.ts word for word
// (type-checked by `npm run typecheck`); the Playwright recipe runs inside the integrator example app
// (test/package/integrator.test.ts). No placeholder is left.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const docs = readFileSync('docs/testing.md', 'utf8');

test('docs/testing.md shows the WebdriverIO recipe file word for word', () => {
  const recipe = readFileSync('docs/examples/webdriverio-recipe.ts', 'utf8');
  const section = docs.slice(docs.indexOf('### WebdriverIO'), docs.indexOf('### Cypress'));
  assert.ok(
    section.includes(`\`\`\`ts\n${recipe}\`\`\``),
    'docs/testing.md differs from docs/examples/webdriverio-recipe.ts',
  );
});

test('every ts block of docs/testing.md is code, not a placeholder', () => {
  for (const [, block] of docs.matchAll(/```ts\n([\s\S]*?)```/g)) {
    assert.doesNotMatch(block!, /^[A-Z -]+;\s*$/m, `a placeholder: ${block}`);
    assert.match(block!, /[(){};]/, `not code: ${block}`);
  }
});
