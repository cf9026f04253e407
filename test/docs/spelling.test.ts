// One English variant, American, in everything a user reads: the docs, the README, and src/ (its strings and its
// doc comments, which become docs/api.md, the typings' hovers and the server kit's reference), and the example
// apps. Code identifiers and wire values the API defines are not words: none of them is in the list.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

/** British spellings, matched as word prefixes (case-insensitive). */
const BRITISH =
  /\b(centre|centred|behaviour|cancelled|cancelling|authoris|colour|honour|favour|recognis|organis|initialis|serialis|normalis|optimis|minimis|maximis|summaris|customis|prioritis|finalis|sanitis|synchronis|localis|parameteris|labelled|labelling|modelled|signalled|travelled|analys(e|ed|ing)\b|catalogue|licence|whilst)/gi;
/** `aria-labelledby` is HTML's own spelling. */
const ALLOWED = /aria-labelledby|labelledby/gi;

const ROOTS = ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', 'CHANGELOG.md', 'docs', 'src', 'demo/examples'];
const SKIP = /(^|\/)(node_modules|\.pack|dist|\.next|\.angular|\.vitepress|server-api)(\/|$)|package-lock\.json$/;
const TEXT = /\.(md|ts|tsx|js|mjs|html|vue|svelte|astro|css)$/;

function files(root: string): string[] {
  if (TEXT.test(root)) return [root];
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(root, name))
    .filter((file) => TEXT.test(file) && !SKIP.test(file.split(path.sep).join('/')));
}

export function britishWords(text: string): string[] {
  return [...text.replace(ALLOWED, '').matchAll(BRITISH)].map(([word]) => word);
}

test('no British spelling in docs, README, src or the example apps', () => {
  const found = ROOTS.flatMap(files).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => britishWords(line).map((word) => `${file}:${index + 1}: ${word}`)),
  );
  assert.deepEqual(found, []);
});

test('the check finds the words it is for (so the test above can fail)', () => {
  assert.deepEqual(britishWords('Centred, with the colour and behaviour cancelled; authorise it.'), [
    'Centre',
    'colour',
    'behaviour',
    'cancelled',
    'authoris',
  ]);
  assert.deepEqual(britishWords('<dialog aria-labelledby="t"> centered, canceled, authorize'), []);
});
