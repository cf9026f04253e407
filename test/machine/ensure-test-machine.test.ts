// scripts/ensure-test-machine.mjs, the first step of `npm test`: with everything installed it passes; as a user
// who cannot install (not root, no sudo) it stops at once with the one command that installs what is missing.
// The packages are "missing" because PATH holds only a scratch directory: no package is removed for the test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const scratch = mkdtempSync(path.join(tmpdir(), 'ensure-test-machine-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
// Readable by any user: the script runs as `nobody` when the tests run as root.
chmodSync(scratch, 0o755);
const script = path.join(scratch, 'ensure-test-machine.mjs');
copyFileSync('scripts/ensure-test-machine.mjs', script);
chmodSync(script, 0o644);

/**
 * A PATH directory holding executables with these names (found is enough), and an apt-get that says so on stderr
 * if it is ever run: Debian's installer is there, only the rights to use it are not.
 */
function binDir(name: string, commands: string[]): string {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { mode: 0o755 });
  for (const command of commands) writeFileSync(path.join(dir, command), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  writeFileSync(path.join(dir, 'apt-get'), '#!/bin/sh\necho "apt-get ran: $*" >&2\n', { mode: 0o755 });
  return dir;
}

/** Runs the script with only `dir` on PATH, as `nobody` when the tests run as root (so never root). */
function runWithPath(dir: string) {
  const node = process.execPath;
  const asUser = process.getuid?.() === 0;
  const [file, args] = asUser
    ? ['/usr/bin/setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', node, script]]
    : [node, [script]];
  return spawnSync(file, args, {
    cwd: scratch,
    encoding: 'utf8',
    env: { PATH: dir, HOME: scratch },
    // Bounded: "at once" means it never waits for a prompt; a hang fails here, not as a slow pass.
    timeout: 60_000,
  });
}

describe('ensure-test-machine', () => {
  it('a user who cannot install: exit 1 at once, naming the one command that installs all that is missing', () => {
    const result = runWithPath(binDir('empty', []));
    assert.equal(result.signal, null, 'it did not hang');
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stderr,
      /^ {2}sudo sh -c 'apt-get update && apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb(?: postgresql)?'$/m,
    );
    assert.match(result.stderr, /not root, and no sudo without a password/);
    assert.doesNotMatch(result.stderr, /apt-get ran/);
    assert.equal(result.stdout, '');
  });

  it('only what is missing is named', () => {
    const result = runWithPath(binDir('no-xvfb', ['chromium', 'firefox-esr', 'WebKitWebDriver']));
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /apt-get install -y xvfb(?: postgresql)?'$/m);
    assert.doesNotMatch(result.stderr, /apt-get ran/);
  });

  it('with every browser, Xvfb and PostgreSQL present, it passes and installs nothing', () => {
    const result = runWithPath(binDir('all', ['chromium', 'firefox-esr', 'WebKitWebDriver', 'Xvfb']));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.doesNotMatch(result.stdout, /installing/);
  });
});
