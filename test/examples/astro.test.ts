// demo/examples/astro: Astro 5, a static page with the element and a bundled client script, the widget-link
// endpoint as an on-demand API route, served by @astrojs/node's standalone server (`node dist/server/entry.mjs`).
// `astro check` (part of the app's build) types the page: attributes through nrich-connect/solid in src/env.d.ts,
// the script's `event.detail` through the element's own event map; proven both ways below.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { checkExampleFlow, EXAMPLES_DIR, exampleEnvironment } from './harness.js';

const app = path.join(EXAMPLES_DIR, 'astro');

/** A page with one wrong attribute value and one wrong detail field. */
const WRONG_PAGE = `<nrich-connect endpoint="/api/widget-link" mode="sideways"></nrich-connect>
<script>
  import 'nrich-connect/define';
  document.querySelector('nrich-connect')!.addEventListener('success', (event) => console.log(event.detail.token));
</script>
`;

describe('Astro', () => {
  const env = exampleEnvironment();

  it('built, on the node adapter: a complete flow reaches the success listener', () =>
    checkExampleFlow(env, 'astro', ['node', 'dist/server/entry.mjs'], { env: { HOST: '127.0.0.1' } }));

  it("astro check: the app's page passes; a wrong attribute value and a wrong detail field fail", () => {
    const wrong = path.join(app, 'src/pages/wrong.astro');
    writeFileSync(wrong, WRONG_PAGE);
    try {
      const result = spawnSync(process.execPath, ['node_modules/astro/astro.js', 'check'], {
        cwd: app,
        encoding: 'utf8',
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      const output = `${result.stdout}${result.stderr}`;
      assert.notEqual(result.status, 0, output);
      assert.match(output, /Type '"sideways"' is not assignable to type 'Mode \| undefined'/);
      assert.match(output, /Property 'token' does not exist on type 'SuccessDetail'/);
      assert.match(output, /- 2 errors/);
      assert.doesNotMatch(output, /index\.astro/);
    } finally {
      rmSync(wrong);
    }
  });
});
