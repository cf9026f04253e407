// The boundaries of src/ are dependency-cruiser's rules (.dependency-cruiser.mjs, `npm run deps` in `npm test`).
// Here each rule is shown to fire: a throwaway src/ with one forbidden import per rule, cruised with the
// repository's own config, must fail and name every rule; the same tree without those imports passes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';

const CONFIG = resolve('.dependency-cruiser.mjs');
const DEPCRUISE = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A small src/ laid out as the real one: the allowed imports only. */
const ALLOWED: Record<string, string> = {
  'src/protocol/details.ts': 'export type Code = string;',
  'src/events.ts': "import type { Code } from './protocol/details.js';\nexport type Detail = { code: Code };",
  'src/iban.ts': "import { isValidIBAN } from 'ibantools';\nexport const valid = isValidIBAN;",
  'src/return/relay.ts': "import type { Code } from '../protocol/details.js';\nexport const relay = (c: Code) => c;",
  'src/windows/popup.ts': "import { relay } from '../return/relay.js';\nexport const popup = relay;",
  'src/flow/run.ts': "import { popup } from '../windows/popup.js';\nexport const run = popup;",
  'src/element/element.ts':
    "import { run } from '../flow/run.js';\nimport { LitElement } from 'lit';\nexport { run, LitElement };",
  'src/testing/index.ts': 'export const complete = 1;',
  'src/server/index.ts':
    "import type { Code } from '../protocol/details.js';\nimport type { IncomingMessage } from 'node:http';\n" +
    "export const load = async () => (await import('pg')).default;\nexport type { Code, IncomingMessage };\n" +
    "export { handlers } from './http/handlers.js';\nexport { sql } from './tokens/stores/sql.js';",
  'src/server/errors.ts': 'export class NrichError extends Error {}',
  'src/server/json-value.ts': 'export type Json = string;',
  'src/server/client/client.ts': "import { NrichError } from '../errors.js';\nexport const client = NrichError;",
  'src/server/tokens/token-store.ts': "import { client } from '../client/client.js';\nexport const contract = client;",
  'src/server/tokens/refresh.ts': "import { contract } from './token-store.js';\nexport const refresh = contract;",
  'src/server/tokens/stores/sql.ts': "import { contract } from '../token-store.js';\nexport const sql = contract;",
  'src/server/http/handlers.ts':
    "import { refresh } from '../tokens/refresh.js';\nimport { client } from '../client/client.js';\n" +
    'export const handlers = [refresh, client];',
  'src/sandbox/index.ts':
    "import { createServer } from 'node:http';\nimport type { Code } from '../server/index.js';\n" +
    'export const start = createServer;\nexport type { Code };',
  'src/cli/main.ts':
    "import { start } from '../sandbox/index.js';\nimport { load } from '../server/index.js';\nexport { start, load };",
};

/** One forbidden import per rule, added to the allowed tree (in a new file, or appended to an allowed one). */
const FORBIDDEN: Record<string, [file: string, code: string]> = {
  'no-cycles': ['src/flow/a.ts', "import { b } from './b.js';\nexport const a = () => b;"],
  'browser-not-server': ['src/flow/uses-server.ts', "export { load } from '../server/index.js';"],
  'browser-no-node': ['src/windows/fs.ts', "export { readFileSync } from 'node:fs';"],
  'browser-packages': ['src/element/vue.ts', "export { ref } from 'vue';"],
  'server-not-browser': ['src/server/element.ts', "export { run } from '../flow/run.js';"],
  'server-node-lazily': ['src/server/fs.ts', "export { readFileSync } from 'node:fs';"],
  'server-drivers-lazily': ['src/server/pg.ts', "import pg from 'pg';\nexport const pool = pg.Pool;"],
  'server-keeper-not-http': ['src/server/keeper/keeper.ts', "export { handlers } from '../http/handlers.js';"],
  'server-packages': ['src/server/lit.ts', "export { html } from 'lit';"],
  'server-shared-lowest': ['src/server/json-value.ts', "export { sql } from './tokens/stores/sql.js';"],
  'server-client-down-only': ['src/server/client/up.ts', "export { refresh } from '../tokens/refresh.js';"],
  'server-tokens-down-only': ['src/server/tokens/up.ts', "export { handlers } from '../http/handlers.js';"],
  'server-tokens-not-stores': ['src/server/tokens/picks.ts', "export { sql } from './stores/sql.js';"],
  'server-stores-only-store': ['src/server/tokens/stores/calls.ts', "export { refresh } from '../refresh.js';"],
  'server-http-down-only': ['src/server/http/store.ts', "export { sql } from '../tokens/stores/sql.js';"],
  'sandbox-alone': ['src/sandbox/protocol.ts', "export type { Code } from '../protocol/details.js';"],
  'cli-uses-entries': ['src/cli/inside.ts', "export { relay } from '../return/relay.js';"],
  'testing-alone': ['src/testing/flow.ts', "export { run } from '../flow/run.js';"],
  'protocol-imports-nothing': ['src/protocol/up.ts', "export type { Detail } from '../events.js';"],
  'leaves-import-nothing': ['src/iban.ts', "export { relay } from './return/relay.js';"],
  'element-down-only': ['src/element/entry.ts', "export { complete } from '../testing/index.js';"],
  'flow-down-only': ['src/flow/up.ts', "export { LitElement } from '../element/element.js';"],
  'windows-down-only': ['src/windows/up.ts', "export { run } from '../flow/run.js';"],
  'return-down-only': ['src/return/up.ts', "export { popup } from '../windows/popup.js';"],
};

/** Cruises a throwaway tree holding `files` with the repository's config: the exit code and the report. */
function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'nrich-boundaries-'));
  try {
    for (const [path, code] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), code + '\n');
    }
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { moduleResolution: 'Bundler' } }));
    symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
    // Plain text whatever the caller's terminal asks for (CI sets FORCE_COLOR): the rule names are read from it.
    const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
    const run = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('the allowed imports pass the boundary rules', () => {
  const { status, output } = cruise(ALLOWED);
  assert.equal(status, 0, output);
  assert.match(output, /no dependency violations found \(22 modules, 22 dependencies cruised\)/);
});

test('each boundary rule fails a cruise that breaks it, by name', () => {
  const files: Record<string, string> = {
    ...ALLOWED,
    'src/flow/b.ts': "import { a } from './a.js';\nexport const b = () => a;",
  };
  for (const [file, code] of Object.values(FORBIDDEN)) files[file] = files[file] ? `${files[file]}\n${code}` : code;
  const { status, output } = cruise(files);
  assert.notEqual(status, 0);
  const fired = new Set([...output.matchAll(/error ([a-z-]+):/g)].map((match) => match[1]));
  assert.deepEqual([...fired].sort(), Object.keys(FORBIDDEN).sort(), output);
});
