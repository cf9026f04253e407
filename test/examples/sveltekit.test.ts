// demo/examples/sveltekit: SvelteKit 2 + Svelte 5, built with adapter-node and served by `node build`. The page is
// server-rendered and hydrated (the element the server sent is the one the user clicks); `onsuccess` is typed by
// the package's generated nrich-connect/svelte, which svelte-check proves both ways below.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkExampleFlow, EXAMPLES_DIR, exampleEnvironment } from './harness.js';

const app = path.join(EXAMPLES_DIR, 'sveltekit');

/** svelte-check over the built app (its build ran `svelte-kit sync`), as the app's `npm run check` runs it. */
function svelteCheck(): { status: number | null; output: string } {
  const bin = path.join(app, 'node_modules/svelte-check/bin/svelte-check');
  const result = spawnSync(process.execPath, [bin, '--tsconfig', './tsconfig.json', '--fail-on-warnings'], {
    cwd: app,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('SvelteKit', () => {
  const env = exampleEnvironment();

  it('built, on node build: a complete flow reaches the onsuccess handler of the hydrated element', () =>
    checkExampleFlow(env, 'sveltekit', ['node', 'build'], { env: { HOST: '127.0.0.1' }, serverRendered: true }));

  it("svelte-check: the page's typed handlers pass; a handler reading a field the detail lacks fails", () => {
    // One run over both: the app's own page (the build already checked it alone) and a component beside it that
    // reads `e.detail.token`: exactly that one error, so `e` is typed there, not `any`, and the page is clean.
    const wrong = path.join(app, 'src/routes/Wrong.svelte');
    writeFileSync(
      wrong,
      '<script lang="ts"></script>\n\n<nrich-connect onsuccess={(e) => e.detail.token}></nrich-connect>\n',
    );
    try {
      const { status, output } = svelteCheck();
      assert.notEqual(status, 0, output);
      assert.match(output, /Property 'token' does not exist on type 'SuccessDetail'/);
      assert.match(output, /svelte-check found 1 error and 0 warnings in 1 file/);
      assert.doesNotMatch(output, /\+page\.svelte/);
    } finally {
      rmSync(wrong);
    }
  });
});
