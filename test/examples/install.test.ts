// Every example app is installed from the packed package as its users install it: its own package.json and
// committed lockfile, `nrich-connect` from the tarball of this build, in a copy outside the repository (so nothing
// resolves from the repository's own node_modules). Run after scripts/build-examples.mjs (npm run test:examples).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES_SOURCE } from '../../scripts/examples-workdir.mjs';
import { EXAMPLE_APPS as apps, EXAMPLES_DIR } from './harness.js';

describe('example apps: installed from the packed package', () => {
  it('there are the setups of the issues, in nine apps', () => {
    assert.deepEqual(apps, ['angular', 'astro', 'express', 'html', 'nextjs', 'react18', 'react19', 'sveltekit', 'vue']);
  });

  for (const app of apps) {
    it(`${app}: its lockfile takes nrich-connect from the tarball, with no recorded hash`, () => {
      const dir = path.join(EXAMPLES_SOURCE, app);
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      assert.equal(pkg.dependencies['nrich-connect'], 'file:../.pack/nrich-connect.tgz');
      const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
      const entry = lock.packages['node_modules/nrich-connect'];
      assert.equal(entry.resolved, 'file:../.pack/nrich-connect.tgz');
      // With a hash, npm would install its cached copy of an older tarball (scripts/build-examples.mjs).
      assert.equal(entry.integrity, undefined);
    });

    it(`${app}: the installed package is this build's`, () => {
      const installed = path.join(EXAMPLES_DIR, app, 'node_modules/nrich-connect');
      // Outside the repository: Node's resolution walks up the folders and must not reach ./node_modules.
      assert.ok(path.relative(process.cwd(), installed).startsWith('..'), `${installed} is inside the repository`);
      assert.ok(existsSync(installed), `${app} is not installed: run node scripts/build-examples.mjs`);
      for (const file of ['dist/index.js', 'dist/cdn/nrich-connect.js', 'dist/react.js', 'package.json']) {
        assert.ok(
          readFileSync(path.join(installed, file)).equals(readFileSync(file)),
          `${app}: node_modules/nrich-connect/${file} differs from ./${file}`,
        );
      }
    });
  }
});
