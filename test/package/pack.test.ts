// What `npm publish` would upload: the built package only (no tests, demo or sources), and every file that
// package.json points at.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface PackResult {
  files: { path: string; size: number }[];
  size: number;
  unpackedSize: number;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [packed] = JSON.parse(
  execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
) as PackResult[];
const paths = packed!.files.map((file) => file.path);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every file path package.json names: exports targets (wildcards aside), main, types, customElements, CDN fields. */
function pointedAt(): string[] {
  const targets: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  walk([pkg.main, pkg.types, pkg.customElements, pkg.unpkg, pkg.jsdelivr, pkg.bin]);
  return [...new Set(targets.filter((target) => !target.includes('*')).map((target) => target.replace(/^\.\//, '')))];
}

test('the tarball holds dist/, package.json and the README, nothing from tests, demo or sources', () => {
  const outside = paths.filter((path) => !/^(dist\/|package\.json$|README\.md$|LICENSE)/.test(path));
  assert.deepEqual(outside, []);
  assert.deepEqual(
    paths.filter((path) =>
      /(^|\/)(test|tests|demo|examples|coverage|node_modules)(\/|$)|\.test\.|tsbuildinfo/.test(path),
    ),
    [],
  );
});

test('the tarball has the ESM with types and maps, the CDN bundle, the callback script and the manifest', () => {
  for (const path of [
    'dist/index.js',
    'dist/index.d.ts',
    'dist/index.js.map',
    'dist/nrich-connect.js',
    'dist/element/nrich-connect.component.js',
    'dist/cdn/nrich-connect.js',
    'dist/cdn/callback.js',
    'dist/custom-elements.json',
    'dist/sandbox/index.js',
    'dist/sandbox/index.d.ts',
    'dist/testing/index.js',
    'dist/testing/index.d.ts',
    'dist/cli/main.js',
    'README.md',
  ]) {
    assert.ok(paths.includes(path), `${path} missing from the package`);
  }
});

test('every file package.json points at is in the tarball', () => {
  for (const target of pointedAt()) assert.ok(paths.includes(target), `package.json points at ${target}, not packed`);
});

test('the bin is the sandbox CLI, runnable as a script', () => {
  assert.deepEqual(pkg.bin, { 'nrich-connect': './dist/cli/main.js' });
  assert.match(readFileSync('dist/cli/main.js', 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

// Who imports whom is dependency-cruiser's (npm run deps, test/package/boundaries.test.ts); here the built text.
test('no browser file mentions server-only things, and the CDN bundle has no bare imports left', () => {
  const browserFiles = paths.filter((path) => path.endsWith('.js') && !/^dist\/(server|sandbox|cli)\//.test(path));
  for (const path of browserFiles) {
    const code = readFileSync(path, 'utf8');
    assert.doesNotMatch(code, /client_secret|(demo|src|dist)\/sandbox/, `${path} mentions server-only things`);
  }
  for (const path of ['dist/cdn/nrich-connect.js', 'dist/cdn/callback.js']) {
    assert.doesNotMatch(readFileSync(path, 'utf8'), /(?:import|from)\s*["'](?![./])/, `${path} has a bare import`);
  }
});

test('the CDN files with bundled packages name the license file beside them, which the tarball ships', () => {
  for (const [path, license] of [
    ['dist/cdn/nrich-connect.js', /lit-html[\s\S]*BSD-3-Clause/],
    ['dist/cdn/chunks/iban.js', /ibantools[\s\S]*MIT or MPL-2\.0/],
  ] as const) {
    const name = path.split('/').pop();
    assert.match(readFileSync(path, 'utf8'), new RegExp(`For license information please see ${name}\\.LEGAL\\.txt`));
    assert.ok(paths.includes(`${path}.LEGAL.txt`), `${path}.LEGAL.txt missing from the package`);
    assert.match(readFileSync(`${path}.LEGAL.txt`, 'utf8'), license);
  }
});

test('lit and ibantools stay dependencies of the ESM build, not inlined', () => {
  assert.match(readFileSync('dist/element/nrich-connect.component.js', 'utf8'), /from 'lit'/);
  assert.match(readFileSync('dist/iban.js', 'utf8'), /from 'ibantools'/);
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), ['ibantools', 'lit']);
});

test('sideEffects names only the registering modules', () => {
  assert.deepEqual(pkg.sideEffects, ['./dist/nrich-connect.js', './dist/cdn/*.js']);
  // The modules that are side-effect free by that list do not call customElements.define.
  const defining = paths.filter(
    (path) => path.endsWith('.js') && /customElements\.define\(/.test(readFileSync(path, 'utf8')),
  );
  assert.deepEqual(defining.sort(), ['dist/cdn/nrich-connect.js', 'dist/nrich-connect.js']);
});

test('the ESM tree-shakes: importing an IBAN helper brings neither Lit nor the element, nor a registration', async () => {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: { contents: "import { formatIban } from 'nrich-connect'; console.log(formatIban('x'));", resolveDir: '.' },
    bundle: true,
    format: 'esm',
    write: false,
    external: ['ibantools'],
  });
  const code = result.outputFiles[0]!.text;
  assert.match(code, /from "ibantools"/);
  assert.doesNotMatch(code, /LitElement|customElements|reactive-element/);
});
