// The kit's entry must load where neither `node:` modules nor the database drivers exist (edge runtimes, a
// host without `pg`): every module reachable from src/server/index.ts through static imports is free of them.
// The stores load `pg`, PGlite and `node:fs`/`node:path` with import() when one is created.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ENTRY = resolve('src/server/index.ts');
/** `import x from '…'`, `import '…'`, `export … from '…'`; not `import type` / `export type` (erased). */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^;'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gms;

function staticGraph(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (specifier!.startsWith('.')) visit(join(dirname(file), specifier!.replace(/\.js$/, '.ts')));
      else bare.add(specifier!);
    }
  };
  visit(entry);
  return { files, bare };
}

test('the server entry statically imports no node: module and no database driver', () => {
  const { files, bare } = staticGraph(ENTRY);
  // The walk sees the stores and the exchange handler (so it would see their imports).
  for (const file of [
    'tokens/stores/sql-store.ts',
    'tokens/stores/embedded.ts',
    'tokens/stores/postgres.ts',
    'http/exchange-handler.ts',
  ]) {
    assert.ok(files.has(resolve('src/server', file)), `${file} is reachable`);
  }
  const forbidden = [...bare].filter((name) => name.startsWith('node:') || name === 'pg' || name.includes('pglite'));
  assert.deepEqual(forbidden, []);
  // The drivers are loaded lazily, by import() in the store that needs them.
  assert.match(readFileSync('src/server/tokens/stores/postgres.ts', 'utf8'), /await import\('pg'\)/);
  assert.match(readFileSync('src/server/tokens/stores/embedded.ts', 'utf8'), /await import\('@electric-sql\/pglite'\)/);
});
