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

function svelteCheck(): { status: number | null; output: string } {
  const result = spawnSync('npm', ['run', 'check'], { cwd: app, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('SvelteKit', () => {
  const env = exampleEnvironment();

  it('built, on node build: a complete flow reaches the onsuccess handler of the hydrated element', () =>
    checkExampleFlow(env, 'sveltekit', ['node', 'build'], { env: { HOST: '127.0.0.1' }, serverRendered: true }));

  it('svelte-check: the typed handlers pass, a wrong detail field fails', () => {
    const typed = svelteCheck();
    assert.equal(typed.status, 0, typed.output);
    assert.match(typed.output, /svelte-check found 0 errors and 0 warnings/);

    // The same handler reading a field the success detail does not have: an error, not `any`.
    const wrong = path.join(app, 'src/routes/Wrong.svelte');
    writeFileSync(
      wrong,
      '<script lang="ts"></script>\n\n<nrich-connect onsuccess={(e) => e.detail.token}></nrich-connect>\n',
    );
    try {
      const untyped = svelteCheck();
      assert.notEqual(untyped.status, 0, untyped.output);
      assert.match(untyped.output, /Property 'token' does not exist on type 'SuccessDetail'/);
    } finally {
      rmSync(wrong);
    }
  });
});
