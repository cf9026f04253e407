// Compile-time tests of the published typings (test/package/types/), against dist/. The example apps type-check
// in their own builds, against the packed package (npm run test:examples).
// They pass only when every `@ts-expect-error` / `@vue-expect-error` is still an error, so a typing that
// regresses (e.g. an event detail turning `any`) fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const vueTsc = require.resolve('vue-tsc/bin/vue-tsc.js');

function compile(bin: string, project: string): void {
  const result = spawnSync(process.execPath, [bin, '-p', project], { encoding: 'utf8' });
  assert.equal(result.status, 0, `${project}:\n${result.stdout}${result.stderr}`);
}

test('element, React 19 JSX and React wrapper typings (tsc)', () => compile(tsc, 'test/package/types/tsconfig.json'));
test('JSX typings generated from the manifest, nrich-connect/solid (tsc)', () =>
  compile(tsc, 'test/package/types/jsx/tsconfig.json'));
test('Vue template typings (vue-tsc)', () => compile(vueTsc, 'test/package/types/vue/tsconfig.json'));
