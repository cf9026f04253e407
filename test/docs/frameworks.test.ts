// docs/frameworks.md's Vue, Angular, Express, SvelteKit and Astro code is the example apps' files word for word: each is compiled
// against the packed package in its app's build (tsc, svelte-check, astro sync + tsc) and driven through a flow
// by `npm run test:examples`, so what the guide shows type-checks and runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const docs = readFileSync('docs/frameworks.md', 'utf8');

/** The text of a `##`/`###` section, up to the next heading of any level. */
function section(heading: string): string {
  const start = docs.indexOf(`\n${heading}\n`);
  assert.ok(start >= 0, `no section ${heading}`);
  const next = docs.slice(start + heading.length + 2).search(/\n#{2,3} /);
  return docs.slice(start, next < 0 ? undefined : start + heading.length + 2 + next);
}

const SHOWN: [heading: string, lang: string, file: string][] = [
  ['## Vue 3', 'vue', 'demo/examples/vue/src/App.vue'],
  ['## Angular', 'ts', 'demo/examples/angular/src/app/app.component.ts'],
  ['### Express', 'ts', 'demo/examples/express/server.ts'],
  ['## Svelte and SvelteKit', 'ts', 'demo/examples/sveltekit/src/app.d.ts'],
  ['## Svelte and SvelteKit', 'svelte', 'demo/examples/sveltekit/src/routes/+page.svelte'],
  ['### SvelteKit route', 'ts', 'demo/examples/sveltekit/src/routes/api/widget-link/+server.ts'],
  ['## Astro', 'astro', 'demo/examples/astro/src/pages/index.astro'],
  ['## Astro', 'ts', 'demo/examples/astro/src/env.d.ts'],
  ['### Astro API route', 'ts', 'demo/examples/astro/src/pages/api/widget-link.ts'],
];

for (const [heading, lang, file] of SHOWN) {
  test(`docs/frameworks.md "${heading}" shows ${file} word for word`, () => {
    assert.ok(section(heading).includes(`\`\`\`${lang}\n${readFileSync(file, 'utf8')}\`\`\``), `differs from ${file}`);
  });
}

test('the Express recipe uses createConnectHandlers with a session, and names nothing it does not define', () => {
  const express = section('### Express');
  assert.match(express, /createConnectHandlers\(/);
  // The kit's sessions: signed ids only the server issues, moved to a new id on connect (no session fixation).
  assert.match(express, /createSessions\(/);
  assert.match(express, /^ {2}sessions,$/m);
  // The old recipe's undefined names.
  assert.doesNotMatch(express, /\{ baseUrl, clientId, clientSecret \}|isOurPage/);
});
