#!/usr/bin/env node
// `npm run build`: everything the package publishes, into a clean dist/.
//   1. tsc (tsconfig.build.json): ESM per module + .d.ts + source maps; lit and ibantools stay imports.
//   2. esbuild (scripts/cdn.mjs): dist/cdn/nrich-connect.js (self-registering, Lit included) and dist/cdn/callback.js.
//   3. @custom-elements-manifest/analyzer (custom-elements-manifest.config.mjs): dist/custom-elements.json.
//   4. the size table (size-limit, .size-limit.js; `npm run size` enforces the budgets, here it only prints).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCdn, collapseLiterals } from './cdn.mjs';

const require = createRequire(import.meta.url);

function run(label, script, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build: ${label} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`build: ${label} (${Date.now() - started} ms)`);
}

rmSync('dist', { recursive: true, force: true });
run('tsc -> dist/', require.resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
// The element's html`` and css`` text ships without its source indentation (layout only; lines and source maps stay).
for (const file of readdirSync('dist/element', { recursive: true }).filter((name) => name.endsWith('.js'))) {
  const source = readFileSync(`dist/element/${file}`, 'utf8');
  if (/\b(?:html|css) ?`/.test(source))
    writeFileSync(`dist/element/${file}`, collapseLiterals(source, { keepLines: true }));
}

const started = Date.now();
await buildCdn();
console.log(`build: esbuild -> dist/cdn/ (${Date.now() - started} ms)`);

run('custom-elements.json', require.resolve('@custom-elements-manifest/analyzer/cem.js'), [
  'analyze',
  '--config',
  'custom-elements-manifest.config.mjs',
  '--quiet',
]);

// Printed, not enforced: a build over budget still builds (`npm run size`, in `npm test`, fails).
spawnSync(process.execPath, [path.join(path.dirname(require.resolve('size-limit/package.json')), 'bin.js')], {
  stdio: 'inherit',
});
