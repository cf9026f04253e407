// Every fenced block of README.md, CONTRIBUTING.md, SECURITY.md and docs/ (not the generated server-api/) is
// accounted for, or this test fails naming it. A block is covered when:
// - run: a test runs it as pasted, taking it from the shared extraction (blocks.ts);
// - shown: it is, word for word, a file that a named test compiles and runs;
// - ts/tsx/js, and an html block's inline module scripts: type-checked here, strict, against the published types
//   (the package's self-reference `nrich-connect/...`, i.e. dist/), all blocks in one program. A block marked
//   `<!-- illustrative: ctx -->` is a fragment: it is checked with the declarations of CONTEXTS[ctx] before it;
// - html `<script src>`: the file it names is one the package ships in dist/cdn/;
// - sh: each `npm`/`npx` command names a script, the package or a dependency, or a command line our CLI accepts;
//   a token-key line is run and must print a key;
// - json: it parses; text marked `<!-- paths -->`: every path it lists exists;
// - text marked `<!-- not code: why -->`: prose in a box (a header's shape), said so.
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { parseCommandLine } from '../../src/cli/args.js';
import { codeBlocks, docPages, playwrightRecipe, twentySecondSnippet, type Block } from './blocks.js';

const ROOT = path.resolve('.');

/** Blocks a test runs as pasted: the test, and the extraction it runs (the test must call it). */
const RUN: [test: string, extract: () => string][] = [
  ['test/docs/readme-snippet.test.ts', twentySecondSnippet],
  ['test/package/integrator.test.ts', playwrightRecipe],
];

/** Files the docs show word for word, and the test that compiles and runs each (it must name the file). */
const SHOWN: Record<string, string> = {
  'docs/examples/backend-node.ts': 'test/server/readme-examples.test.ts',
  'docs/examples/next-route.ts': 'test/server/readme-examples.test.ts',
  'docs/examples/hono-app.ts': 'test/server/readme-examples.test.ts',
  'docs/examples/backend-ongoing.ts': 'test/server/readme-ongoing.test.ts',
  'docs/examples/store-errors.ts': 'test/server/stores-doc.test.ts',
  // Type-checked by `npm run typecheck` (tsconfig includes docs/examples); the test checks the page shows it.
  'docs/examples/webdriverio-recipe.ts': 'test/docs/testing-recipes.test.ts',
  'demo/examples/integrator/tests/connect.spec.ts': 'test/package/integrator.test.ts',
  // Built from the packed tarball (tsc, vue-tsc, ng build with strictTemplates, svelte-check, astro check) and
  // driven through a flow by `npm run test:examples`; test/docs/frameworks.test.ts checks the guide shows them.
  'demo/examples/express/server.ts': 'test/docs/frameworks.test.ts',
  'demo/examples/vue/src/App.vue': 'test/docs/frameworks.test.ts',
  'demo/examples/angular/src/app/app.component.ts': 'test/docs/frameworks.test.ts',
  'demo/examples/sveltekit/src/app.d.ts': 'test/docs/frameworks.test.ts',
  'demo/examples/sveltekit/src/routes/+page.svelte': 'test/docs/frameworks.test.ts',
  'demo/examples/sveltekit/src/routes/api/widget-link/+server.ts': 'test/docs/frameworks.test.ts',
  'demo/examples/astro/src/pages/index.astro': 'test/docs/frameworks.test.ts',
  'demo/examples/astro/src/env.d.ts': 'test/docs/frameworks.test.ts',
  'demo/examples/astro/src/pages/api/widget-link.ts': 'test/docs/frameworks.test.ts',
};

/** What an illustrative fragment takes as given, by the name its marker uses. Declared, so still type-checked. */
const CONTEXTS: Record<string, string> = {
  app: `declare function sendToBackend(detail: { code: string; state: string; flow_id: string }): void;
declare function isOurPage(uri: string): boolean;
declare const baseUrl: string, clientId: string, clientSecret: string;`,
  sandbox: `declare const sandbox: import('nrich-connect/sandbox').Sandbox;`,
  // Cypress cannot be installed here (its binary comes from outside the registry): the calls the recipe makes.
  cypress: `declare const cy: {
  visit(url: string): void;
  get(selector: string): { shadow(): { find(selector: string): { click(): void } }; should(chainer: 'have.text', text: string): void };
  request(options: { method: string; url: string; headers: Record<string, string>; body: unknown; timeout: number }): void;
};
declare const Cypress: { env(key: string): any };
declare function it(title: string, body: () => void): void;`,
};

/** Modules a shown fragment imports that are not installed here: the part of their published types it uses. */
const EXTERNAL_MODULES = `
declare module '@vitejs/plugin-vue' {
  import type { Plugin } from 'vite';
  export default function vue(options?: {
    template?: { compilerOptions?: { isCustomElement?: (tag: string) => boolean } };
  }): Plugin;
}
declare module 'cypress' {
  interface PluginConfigOptions { env: Record<string, any> }
  export function defineConfig(config: {
    e2e?: { setupNodeEvents?(on: unknown, config: PluginConfigOptions): Promise<PluginConfigOptions | void> };
  }): unknown;
}
`;

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  scripts: Record<string, string>;
  bin: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** tsc's diagnostics for these virtual files (one program), each "file:line: message". */
export function typeCheck(files: Map<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const directoryExists = host.directoryExists?.bind(host);
  const virtualDirs = new Set([...files.keys()].map((name) => path.dirname(name)));
  host.directoryExists = (name) => virtualDirs.has(name) || (directoryExists?.(name) ?? true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) =>
    files.has(name) ? ts.createSourceFile(name, files.get(name) ?? '', language, true) : getSourceFile(name, language);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${path.relative(ROOT, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

/** Why a shell line is accounted for, or undefined. */
function shellLine(line: string): string | undefined {
  if (/openssl rand|generateTokenKey/.test(line)) {
    const key = execSync(line, { encoding: 'utf8', shell: '/bin/sh' }).trim();
    return /^k1:[\w+/-]{43}=?$/.test(key) ? 'run: prints a token key' : undefined;
  }
  const commands = line.split('&&').map((command) => command.trim().split(/\s+/));
  const ok = commands.every(([tool, verb, ...rest]) => {
    if (tool === 'npm' && (verb === 'install' || verb === 'i')) {
      const known = new Set([pkg.name, ...Object.keys(pkg.peerDependencies), ...Object.keys(pkg.devDependencies)]);
      return rest.every((name) => name.startsWith('-') || known.has(name));
    }
    if (tool === 'npm' && (verb === 'test' || verb === 'start')) return rest.length === 0 && verb in pkg.scripts;
    if (tool === 'npm' && verb === 'run') return rest[0] !== undefined && rest[0] in pkg.scripts;
    if (tool === 'npx' && verb !== undefined && verb in pkg.bin) {
      try {
        return parseCommandLine(rest).kind !== 'help';
      } catch {
        return false; // a UsageError: the CLI refuses this line
      }
    }
    return false;
  });
  return ok ? 'npm/npx: scripts, package, CLI' : undefined;
}

interface Account {
  /** "page:line kind" for every block. */
  covered: string[];
  /** Blocks nothing covers, and what the covering checks found wrong. */
  failures: string[];
}

export function account(blocks: Block[]): Account {
  const covered: string[] = [];
  const failures: string[] = [];
  const files = new Map<string, string>();
  /** Which block each virtual file came from, and how many lines were put before its code. */
  const origin = new Map<string, { block: Block; offset: number }>();
  const virtual = (block: Block, name: string, code: string, offset = 0) => {
    const file = path.join(ROOT, 'docs', '.blocks', block.page.replace(/\.md$/, ''), name);
    files.set(file, code);
    origin.set(path.relative(ROOT, file), { block, offset });
  };
  const run = RUN.map(([file, extract]) => ({ file, code: extract(), calls: readFileSync(file, 'utf8') }));
  const shown = Object.entries(SHOWN).map(([file, by]) => ({ file, by, code: readFileSync(file, 'utf8') }));

  for (const block of blocks) {
    const where = `${block.page}:${block.line}`;
    const note = block.note ?? '';
    const by = (kind: string) => covered.push(`${where} ${block.lang || '(none)'}: ${kind}`);
    const runner = run.find((r) => r.code === block.code);
    const file = shown.find((s) => s.code === block.code);
    if (runner) {
      const name = RUN.find(([f]) => f === runner.file)?.[1].name ?? '';
      if (runner.calls.includes(`${name}(`)) by(`run by ${runner.file}`);
      else failures.push(`${where}: ${runner.file} does not call ${name}()`);
    } else if (file) {
      if (readFileSync(file.by, 'utf8').includes(file.file)) by(`shown: ${file.file} (${file.by})`);
      else failures.push(`${where}: ${file.by} does not name ${file.file}`);
    } else if (['ts', 'tsx', 'js'].includes(block.lang)) {
      const illustrative = /^illustrative(?:: ([\w, ]+))?$/.exec(note);
      const named = /^file: (\S+)$/.exec(note)?.[1];
      const name = named ?? `line-${block.line}.${block.lang}`;
      if (illustrative) {
        const contexts = (illustrative[1] ?? 'app').split(/,\s*/);
        const missing = contexts.filter((c) => !(c in CONTEXTS));
        if (missing.length > 0) failures.push(`${where}: no context ${missing.join(', ')}`);
        const prelude = contexts.map((c) => CONTEXTS[c] ?? '').join('\n');
        virtual(block, name, `${prelude}\n${block.code}\nexport {};\n`, prelude.split('\n').length);
        by(`type-checked, illustrative (${contexts.join(', ')})`);
      } else {
        // A block without import or export is a script: as a module, its names stay its own.
        virtual(block, name, `${block.code}\nexport {};\n`);
        by('type-checked');
      }
    } else if (block.lang === 'html') {
      const kinds: string[] = [];
      const cdn = [...block.code.matchAll(/<script\b[^>]*\bsrc="[^"]*\/dist\/cdn\/([\w.-]+)"/g)].map((m) => m[1]);
      for (const name of cdn) {
        if (existsSync(path.join('dist/cdn', name ?? ''))) kinds.push(`dist/cdn/${name} shipped`);
        else failures.push(`${where}: the package ships no dist/cdn/${name}`);
      }
      const scripts = [...block.code.matchAll(/<script type="module">\n([\s\S]*?)<\/script>/g)];
      scripts.forEach((script, i) => {
        // The page's <script src> of the CDN file defines the element, as this import does for the checker.
        const define = cdn.includes('nrich-connect.js') ? "import 'nrich-connect/define';\n" : '';
        const before = block.code.slice(0, (script.index ?? 0) + script[0].indexOf('\n') + 1).split('\n').length;
        const offset = (define ? 1 : 0) - before + 1;
        virtual(block, `line-${block.line}-${i}.js`, `${define}${script[1]}export {};\n`, offset);
        kinds.push('inline module script type-checked');
      });
      if (kinds.length > 0) by(kinds.join(', '));
      else failures.push(`${where}: an html block with neither a shipped script nor an inline module script`);
    } else if (block.lang === 'sh') {
      const lines = block.code
        .split('\n')
        .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
        .filter(Boolean);
      const kinds = lines.map(shellLine);
      const unknown = lines.filter((_, i) => kinds[i] === undefined);
      if (unknown.length > 0) failures.push(`${where}: shell lines nothing checks: ${unknown.join(' | ')}`);
      else by([...new Set(kinds)].join(', '));
    } else if (block.lang === 'json') {
      try {
        JSON.parse(block.code);
        by('parsed');
      } catch (error) {
        failures.push(`${where}: not JSON: ${String(error)}`);
      }
    } else if (block.lang === 'text' && note === 'paths') {
      // Top-level entries at column 0, their sub-folders at column 2, each followed by its description.
      let top = '';
      const listed = block.code.split('\n').flatMap((line) => {
        const [, indent, name = ''] = /^( {0,2})([\w.-]+\/?)(?: {2,}|$)/.exec(line) ?? [];
        if (indent === undefined) return [];
        if (indent === '') top = name;
        return [indent === '' ? name : path.join(top, name)];
      });
      const missing = listed.filter((entry) => !existsSync(entry));
      if (listed.length === 0 || missing.length > 0) failures.push(`${where}: paths that do not exist: ${missing}`);
      else by(`${listed.length} paths exist`);
    } else if (block.lang === 'text' && note.startsWith('not code: ')) {
      by(note);
    } else {
      failures.push(`${where}: a ${block.lang || 'plain'} block no test covers`);
    }
  }

  if (files.size > 0) {
    files.set(path.join(ROOT, 'docs', '.blocks', 'external-modules.d.ts'), EXTERNAL_MODULES);
    for (const diagnostic of typeCheck(files)) {
      // JavaScript has no `!`: a page's script that queries the element it follows is not flagged for null.
      if (/\.js:\d+: (Object|'\w+') is possibly 'null'\.$/.test(diagnostic)) continue;
      // Point at the doc's line, not the virtual file's.
      const [, file, line, message] = /^(.*?):(\d+): ([\s\S]*)$/.exec(diagnostic) ?? [];
      const from = origin.get(file ?? '');
      failures.push(
        from
          ? `${from.block.page}:${from.block.line + Number(line) - from.offset}: ${message}`
          : `${diagnostic} (a declaration of this test)`,
      );
    }
  }
  return { covered, failures };
}

test('every code block of the README, CONTRIBUTING, SECURITY and docs/ is run, shown, or checked', (t) => {
  assert.ok(existsSync('dist/server/index.d.ts'), 'the blocks are checked against dist/: `npm run build` first');
  const blocks = docPages().flatMap((page) => codeBlocks(page));
  const { covered, failures } = account(blocks);
  for (const line of covered) t.diagnostic(line);
  assert.deepEqual(failures, []);
  assert.equal(covered.length, blocks.length);
});

test('the extraction misses no fence: each page has two fence lines per block it found', () => {
  for (const page of docPages()) {
    const fences = readFileSync(page, 'utf8').match(/^\s*(```|~~~)/gm) ?? [];
    assert.equal(fences.length, 2 * codeBlocks(page).length, page);
  }
});

test('the account fails an uncovered block, a block that does not type-check, and a wrong command', () => {
  const block = (lang: string, code: string, note?: string): Block => ({ page: 'x.md', line: 1, lang, code, note });
  const { failures } = account([
    block('', 'anything\n'),
    block('ts', "import { createNrichClient } from 'nrich-connect/server';\ncreateNrichClient({ baseUrl: 1 });\n"),
    block('tsx', 'sendToBackend({ code: 1 });\n', 'illustrative'),
    block('sh', 'npm run no-such-script\n'),
    block('sh', 'npx nrich-connect sandbox --no-such-flag\n'),
  ]);
  assert.equal(failures.length, 5, failures.join('\n'));
});
