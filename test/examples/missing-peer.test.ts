// `nrich-connect/react` in an app that did not install @lit/react (an optional peer dependency: the package's
// other users never need it). The wrapper's types do not depend on it, so the app's own code stays typed, and the
// one error is the bundler's, which names @lit/react. The app: a few files beside the react19 example, whose
// install (from the tarball, outside the repository) has no @lit/react.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXAMPLES_DIR } from './harness.js';

const installed = path.join(EXAMPLES_DIR, 'react19/node_modules');
const app = path.join(EXAMPLES_DIR, '.missing-peer');

const files: Record<string, string> = {
  'index.html': '<!doctype html><script type="module" src="/main.tsx"></script><div id="root"></div>',
  'main.tsx': `import { NrichConnect } from 'nrich-connect/react';
import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(
  <NrichConnect endpoint="/api/widget-link" onSuccess={(event) => console.info(event.detail.state)} />,
);
// @ts-expect-error -- still typed without @lit/react: a success detail has no \`reason\`
export const wrong = <NrichConnect onSuccess={(event) => event.detail.reason} />;
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    },
    files: ['main.tsx'],
  }),
};

function run(bin: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(installed, bin), ...args], { cwd: app, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('nrich-connect/react without @lit/react installed', () => {
  before(() => {
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    symlinkSync(installed, path.join(app, 'node_modules'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(app, name), text);
  });
  after(() => rmSync(app, { recursive: true, force: true }));

  it('the app has nrich-connect but not @lit/react', () => {
    assert.ok(existsSync(path.join(installed, 'nrich-connect/dist/react.js')));
    assert.ok(!existsSync(path.join(installed, '@lit/react')));
  });

  it('type-checks, with the wrapper still typed (skipLibCheck, as app templates set it)', () => {
    const { status, output } = run('typescript/bin/tsc', ['-p', 'tsconfig.json']);
    assert.equal(status, 0, output);
  });

  it('fails to build, and the error names @lit/react', () => {
    const { status, output } = run('vite/bin/vite.js', ['build', '--logLevel', 'error']);
    assert.notEqual(status, 0, output);
    assert.match(output, /@lit\/react/);
  });
});
