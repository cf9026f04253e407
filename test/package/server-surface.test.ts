/**
 * The server entry's surface stays small and reviewed: at most 45 names (values and types), counted by the
 * TypeScript compiler from the built `dist/server/index.d.ts` (what a host's editor offers), and the
 * store-implementer types live in `nrich-connect/server/store`, not here. Run after `npm run build`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import ts from 'typescript';

const MAX_NAMES = 45;

/** The names a declaration file exports, as the compiler resolves them (re-exports and `export *` included). */
export function exportedNames(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  assert.ok(source, `${file} was not read`);
  const module = checker.getSymbolAtLocation(source);
  assert.ok(module, `${file} is not a module`);
  return checker.getExportsOfModule(module).map((symbol) => symbol.getName());
}

test(`nrich-connect/server exports at most ${MAX_NAMES} names`, () => {
  assert.ok(existsSync('dist/server/index.d.ts'), 'run `npm run build` first');
  const names = exportedNames('dist/server/index.d.ts');
  assert.ok(names.length <= MAX_NAMES, `${names.length} names: ${names.sort().join(', ')}`);
});

test('the store-implementer types are in nrich-connect/server/store, not in the host entry', () => {
  const host = new Set(exportedNames('dist/server/index.d.ts'));
  const store = new Set(exportedNames('dist/server/store.d.ts'));
  for (const name of [
    'ClaimResult',
    'ClaimFailure',
    'FlowClaim',
    'FlowStep',
    'SqlDatabase',
    'SqlQueryable',
    'ConnectionHold',
  ]) {
    assert.ok(store.has(name), `${name} is in nrich-connect/server/store`);
    assert.ok(!host.has(name), `${name} is not in nrich-connect/server`);
  }
});
