// The browser half of src/ is layered, and control runs one way, down: the element starts a flow, the flow uses
// windows and the way back from a redirect, and all of them share protocol/ (what the widget, the relay and the
// host's endpoint say, the outcomes and errors) and the leaf modules at the root (events.ts, iban.ts). No import
// runs back up a layer (madge reads the imports, type-only ones included: a type is a dependency of the reader too).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

// madge ships no types: the one call used here.
const madge = createRequire(import.meta.url)('madge') as (
  path: string,
  config: { fileExtensions: string[]; tsConfig: string },
) => Promise<{ obj(): Record<string, string[]> }>;

/** Higher imports lower, never the other way; a folder imports itself freely. */
const layers: Record<string, number> = { element: 4, flow: 3, windows: 2, return: 1, protocol: 0 };
const leaves = new Set(['events.ts', 'iban.ts']);

/** The layer of a module under src/, or undefined when it is not the browser half (server, sandbox, entries...). */
function layerOf(file: string): number | undefined {
  if (leaves.has(file)) return -1;
  return layers[file.split('/')[0]!];
}

test('no import in the browser folders of src/ runs back up a layer', async () => {
  const graph = (await madge('src', { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' })).obj();
  const upward: string[] = [];
  for (const [from, imports] of Object.entries(graph)) {
    const own = layerOf(from);
    if (own === undefined) continue;
    for (const to of imports) {
      const target = layerOf(to);
      const sameFolder = from.split('/')[0] === to.split('/')[0] && from.includes('/');
      if (sameFolder) continue;
      if (target === undefined || target >= own) upward.push(`${from} -> ${to}`);
    }
  }
  assert.ok(Object.keys(graph).length > 30, 'madge read the source');
  assert.deepEqual(upward, []);
});
