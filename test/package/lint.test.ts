// The package as tools see it: publint (package.json against the files) and Are the Types Wrong (every entry's
// types resolve under node16 ESM and bundler resolution; the package is ESM-only, hence the esm-only profile).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);

/** A package's command-line script, from its package.json `bin`. */
function binOf(name: string): string {
  const manifest = `${require.resolve.paths(name)!.find((dir) => existsSync(`${dir}/${name}/package.json`))}/${name}/package.json`;
  const { bin } = require(manifest) as { bin: string | Record<string, string> };
  return new URL(typeof bin === 'string' ? bin : Object.values(bin)[0]!, `file://${manifest}`).pathname;
}

function run(bin: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

test('publint --strict reports nothing', () => {
  const { status, output } = run(binOf('publint'), ['--strict']);
  assert.equal(status, 0, output);
  assert.doesNotMatch(output, /Suggestions?:|Warnings?:|Errors?:/, output);
});

test('attw finds no type resolution problem in any entry', () => {
  const { status, output } = run(binOf('@arethetypeswrong/cli'), [
    '--pack',
    '.',
    '--profile',
    'esm-only',
    '--format',
    'table-flipped',
  ]);
  assert.equal(status, 0, output);
});
