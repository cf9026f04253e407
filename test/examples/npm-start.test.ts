// `npm install && npm start` on a fresh clone prints no error: `npm start` builds the package and starts Vite on
// the demo, and Vite's dependency scan never wanders into demo/examples (whose apps have their own, uninstalled,
// dependencies). The clone is simulated: the files git would check out, copied to a temporary folder, with the
// repo's installed packages linked in one by one (so Vite's own cache, node_modules/.vite, is the copy's).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from './harness.js';
import { until } from '../support/until.js';

function freshClone(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nrich-fresh-clone-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) cpSync(file, path.join(dir, file), { force: true });
  mkdirSync(path.join(dir, 'node_modules'));
  for (const entry of readdirSync('node_modules')) {
    if (entry === '.vite') continue;
    symlinkSync(path.resolve('node_modules', entry), path.join(dir, 'node_modules', entry));
  }
  return dir;
}

test('npm start on a fresh clone: the demo is served and nothing prints an error', async () => {
  const dir = freshClone();
  const port = await freePort();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const vite = spawn(npm, ['start', '--', '--port', String(port), '--strictPort'], {
    cwd: dir,
    detached: true, // its own process group: npm, the build, Vite
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NRICH_API_URL: '', NRICH_CLIENT_ID: '', NRICH_CLIENT_SECRET: '' },
  });
  let output = '';
  vite.stdout.on('data', (chunk) => (output += chunk));
  vite.stderr.on('data', (chunk) => (output += chunk));
  // Read without color codes: under FORCE_COLOR (set by many CI systems) Vite prints the port in bold, inside
  // the URL, and a plain search for the URL never matched.
  const plain = () => stripVTControlCharacters(output);
  const exited = new Promise((resolve) => vite.once('exit', resolve));
  try {
    const origin = `http://127.0.0.1:${port}`;
    await until(
      () => {
        assert.ok(vite.exitCode === null, `vite exited:\n${plain()}`);
        return plain().includes(origin);
      },
      'vite printing its address',
      120_000,
    ).catch((error: Error) => assert.fail(`${error.message}:\n${plain()}`));
    // Loading the page and its script makes Vite finish its dependency scan and optimization.
    assert.equal((await fetch(`${origin}/`)).status, 200);
    assert.equal((await fetch(`${origin}/demo/main.ts`)).status, 200);
    const lines = plain()
      .split('\n')
      .filter((line) => /error|failed/i.test(line));
    assert.deepEqual(lines, [], plain());
    assert.match(plain(), /embedded sandbox at http:\/\/127\.0\.0\.1:\d+/);
  } finally {
    process.kill(-vite.pid!, 'SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
