#!/usr/bin/env node
// The first step of `npm test`: the system packages the tests run on (three browsers, Xvfb, PostgreSQL) are
// installed, from Debian's packages, when they are missing. No test tool may download a browser of its own.
// Installs them itself when it can (root, or sudo without a password prompt, and apt-get); when it can't, it stops
// at once (exit 1) printing the one command to run, instead of failing later in the middle of the suite.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** What the tests need: a command on PATH (or a file) per Debian package. */
const NEEDS = [
  { pkg: 'chromium', command: 'chromium' },
  { pkg: 'firefox-esr', command: 'firefox-esr' },
  { pkg: 'webkit2gtk-driver', command: 'WebKitWebDriver' },
  { pkg: 'xvfb', command: 'Xvfb' },
  // The node tests start a throwaway PostgreSQL server of their own (test/server/support/with-postgres.ts).
  { pkg: 'postgresql', present: () => postgresBinDirs().length > 0 },
];

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function postgresBinDirs() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((version) => existsSync(path.join(root, version, 'bin/initdb')));
}

const missing = NEEDS.filter((need) => !(need.present ? need.present() : onPath(need.command))).map((n) => n.pkg);
if (missing.length === 0) {
  // In CI, a line saying which engines this run tested on.
  if (process.env.CI) console.log(`npm test: engines: ${engines()}`);
  process.exit(0);
}

const install = ['apt-get', 'install', '-y', '-qq', ...missing];
const root = process.getuid?.() === 0;
// sudo only when it needs no password: `npm test` must not sit waiting at a prompt (nor in CI, with no stdin).
const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;

if (!onPath('apt-get') || !(root || sudo)) {
  const command = `sudo sh -c 'apt-get update && ${install.filter((arg) => arg !== '-qq').join(' ')}'`;
  console.error(
    `npm test needs ${missing.join(', ')}, and cannot install ${missing.length > 1 ? 'them' : 'it'} itself ` +
      `(${onPath('apt-get') ? 'not root, and no sudo without a password' : 'no apt-get'}). Run:\n\n  ${command}\n\n` +
      'then `npm test` again.',
  );
  process.exit(1);
}

console.log(`npm test: installing ${missing.join(' ')} from Debian's packages`);
const prefix = root ? [] : ['sudo', '-n'];
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['apt-get', 'update', '-qq'], install]) {
  const [file, ...rest] = [...prefix, ...args];
  const result = spawnSync(file, rest, { stdio: ['ignore', 'ignore', 'inherit'], env });
  if (result.status !== 0) {
    console.error(`npm test: \`${[...prefix, ...args].join(' ')}\` failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}

function engines() {
  const version = (file, args) => spawnSync(file, args, { encoding: 'utf8' }).stdout?.split('\n')[0]?.trim();
  const dpkg = (pkg) => version('dpkg-query', ['-W', '-f=${Version}', pkg]);
  return [
    version('chromium', ['--version']),
    version('firefox-esr', ['--version']),
    `WebKitGTK ${dpkg('libwebkit2gtk-4.1-0')}`,
    `PostgreSQL ${dpkg('postgresql')}`,
  ].join('; ');
}
