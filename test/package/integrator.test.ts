// The integrator's view (issue 15): demo/examples/integrator, an app outside the package's sources, installs the
// PACKED tarball (what `npm publish` would upload, dist/ built by `npm run build`) in a scratch copy, type-checks
// against its published types and runs its own Playwright suite on the system Chromium: the sandbox starts from the
// app's test file, the element is clicked, the flow completes as authorize / cancel / fail, the app's backend
// exchanges the code, and the page shows the seeded transactions. Its other dependencies come from its lockfile.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { playwrightRecipe } from '../docs/blocks.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const example = resolve('demo/examples/integrator');
const scratch = mkdtempSync(join(tmpdir(), 'nrich-integrator-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[], cwd: string): string {
  const result = spawnSync(npm, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const output = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${output}`);
  return output;
}

test("docs/testing.md's 'Testing your integration' shows the example's test file word for word", () => {
  const spec = readFileSync(join(example, 'tests/connect.spec.ts'), 'utf8');
  const readme = readFileSync('docs/testing.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Testing your integration'));
  assert.ok(
    section.includes(`\`\`\`ts\n${spec}\`\`\`\n`),
    'docs/testing.md differs from demo/examples/integrator/tests/connect.spec.ts',
  );
});

test('the example app installs the packed tarball and passes its end-to-end suite and the Playwright recipe', () => {
  const app = join(scratch, 'app');
  cpSync(example, app, {
    recursive: true,
    filter: (path) =>
      !/(^|\/)(node_modules|test-results|playwright-report)(\/|$)|\.tgz$/.test(path.slice(example.length)),
  });
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
  const [packed] = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { encoding: 'utf8' }),
  ) as { filename: string }[];
  // The file name the app's package.json names, so installing it keeps package.json as committed.
  const tarball = `${name}-${version}.tgz`;
  renameSync(join(scratch, packed!.filename), join(app, tarball));

  // Named explicitly: npm would otherwise trust the lockfile's integrity and may reuse a cached older build.
  run(['install', '--no-audit', '--no-fund', `./${tarball}`], app);
  // The recipe runs as one more spec of the app, type-checked by its `tsc -p .` too.
  writeFileSync(join(app, 'tests/recipe.spec.ts'), playwrightRecipe());
  const installed = JSON.parse(readFileSync(join(app, 'node_modules/nrich-connect/package.json'), 'utf8'));
  assert.equal(installed.version, version);

  const output = run(['test'], app);
  assert.match(output, /\b7 passed\b/, output);
  assert.doesNotMatch(output, /\b(failed|flaky|skipped)\b/, output);
});
