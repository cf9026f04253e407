// The code blocks of the docs pages below, as written: every `ts` block is type-checked (strict, as the repository
// is) against the server kit's types, the pages' blocks as modules of one small project (a block preceded by
// `<!-- file: name.ts -->` is that file, so the next block can import it); every `sh` line that makes a token key
// is run and its key must open a cipher.
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { createTokenCipher } from '../../src/server/store.js';

const PAGES = ['docs/production.md', 'docs/data.md'];
const ROOT = path.resolve('.');

interface Block {
  lang: string;
  code: string;
  file: string | undefined;
  line: number;
}

export function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  for (const match of markdown.matchAll(/(?:<!-- file: (\S+) -->\n\n)?^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length;
    blocks.push({ file: match[1], lang: match[2] ?? '', code: match[3] ?? '', line });
  }
  return blocks;
}

/** tsc's diagnostics for these files, each "file:line: message". */
function typeCheck(files: Map<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    paths: {
      'nrich-connect/server': [path.join(ROOT, 'src/server/index.ts')],
      'nrich-connect/server/store': [path.join(ROOT, 'src/server/store.ts')],
    },
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

for (const page of PAGES) {
  const blocks = codeBlocks(readFileSync(page, 'utf8'));

  test(`${page}: every ts block type-checks`, () => {
    const files = new Map<string, string>();
    const dir = path.join(ROOT, 'docs', '.blocks', path.basename(page, '.md'));
    for (const block of blocks.filter((b) => b.lang === 'ts')) {
      files.set(path.join(dir, block.file ?? `line-${block.line}.ts`), block.code);
    }
    assert.ok(files.size > 0, `${page} has no ts block`);
    assert.deepEqual(typeCheck(files), []);
  });

  const keyLines = blocks
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.code.split('\n'))
    .filter((line) => /openssl rand|generateTokenKey/.test(line));
  for (const line of keyLines) {
    test(`${page}: "${line.slice(0, 40)}…" prints a valid token key`, async () => {
      const key = execSync(line, { encoding: 'utf8', shell: '/bin/sh' }).trim();
      assert.match(key, /^k1:/);
      assert.equal((await createTokenCipher({ keys: key, env: {} })).sealingKeyId, 'k1');
    });
  }
}

test('the checker reports a wrong block (so the tests above can fail)', () => {
  const file = path.join(ROOT, 'docs', '.blocks', 'wrong.ts');
  const errors = typeCheck(
    new Map([
      [
        file,
        "import type { Transaction } from 'nrich-connect/server';\nexport const t: Transaction = { amount: 1 };\n",
      ],
    ]),
  );
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? '', /wrong\.ts:2: .*account_id/);
});
