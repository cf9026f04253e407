#!/usr/bin/env node
// `npm run build:examples`: the example apps in demo/examples/, each installed from the packed package and built
// the way its users build it (run `npm run build` first):
//   1. `npm pack` -> demo/examples/.pack/nrich-connect.tgz (each app depends on "file:../.pack/nrich-connect.tgz")
//   2. per app, in parallel: `npm ci --prefer-offline` when its lockfile or the tarball changed since its last
//      install (the registry's packages come from npm's cache after the first run)
//   3. per app, one at a time: `npm run build` when its sources or the tarball changed since its last build
// Stamps in <app>/node_modules/ record what was installed and built, so an unchanged tree costs a few seconds.
//
// `--update-lockfiles`: `npm install` instead of `npm ci`, after editing an app's package.json. The tarball's
// `integrity` is then taken out of the lockfile: npm would otherwise keep installing the cached old tarball.
// `--only=<app>[,<app>]`: just those apps.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const EXAMPLES_DIR = 'demo/examples';
export const TARBALL = `${EXAMPLES_DIR}/.pack/nrich-connect.tgz`;
/** Build output and installs: not sources, not hashed. */
const NOT_SOURCES = new Set(['node_modules', 'dist', '.next', '.angular', 'next-env.d.ts']);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Quiet, offline-first, no telemetry: the same install and build on a laptop and in CI. */
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NG_CLI_ANALYTICS: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** The example apps: every folder of demo/examples with a package.json. */
export function exampleApps() {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(EXAMPLES_DIR, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** One hash over an app's source files (names and contents). */
function sourceHash(dir) {
  const hash = createHash('sha256');
  const walk = (sub) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (NOT_SOURCES.has(entry.name)) continue;
      const relative = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(relative);
      else
        hash
          .update(`${relative}\0`)
          .update(readFileSync(path.join(dir, relative)))
          .update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

function readStamp(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Runs a command in an app's folder; its output is shown only when it fails. */
function run(app, command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: path.join(EXAMPLES_DIR, app), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      if (status === 0) resolve();
      else reject(new Error(`${app}: \`${command} ${args.join(' ')}\` failed (${status}):\n${output}`));
    });
  });
}

function pack() {
  mkdirSync(path.dirname(TARBALL), { recursive: true });
  const result = spawnSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', path.dirname(TARBALL)], {
    encoding: 'utf8',
    env,
  });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const [{ filename }] = JSON.parse(result.stdout);
  // A fixed name, so the apps' package.json need no change when the version does.
  renameSync(path.join(path.dirname(TARBALL), path.basename(filename)), TARBALL);
  return sha256(readFileSync(TARBALL));
}

/** npm records the tarball's hash; with it, a rebuilt tarball would be installed from npm's cache, stale. */
function dropTarballIntegrity(app) {
  const file = path.join(EXAMPLES_DIR, app, 'package-lock.json');
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  delete lock.packages['node_modules/nrich-connect'].integrity;
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
}

async function install(app, tarballHash, updateLockfiles) {
  const dir = path.join(EXAMPLES_DIR, app);
  const stampFile = path.join(dir, 'node_modules/.nrich-install-stamp');
  const lockfile = path.join(dir, 'package-lock.json');
  const wanted = () => `${tarballHash} ${existsSync(lockfile) ? sha256(readFileSync(lockfile)) : 'none'}`;
  if (!updateLockfiles && readStamp(stampFile) === wanted()) return 'up to date';
  const started = Date.now();
  if (updateLockfiles) {
    // Else `npm install` keeps an installed nrich-connect of the same version, whatever the tarball holds now.
    rmSync(path.join(dir, 'node_modules/nrich-connect'), { recursive: true, force: true });
    await run(app, npm, ['install', '--prefer-offline']);
    dropTarballIntegrity(app);
  } else {
    await run(app, npm, ['ci', '--prefer-offline']);
  }
  writeFileSync(stampFile, wanted());
  return `installed (${Date.now() - started} ms)`;
}

async function build(app, tarballHash) {
  const dir = path.join(EXAMPLES_DIR, app);
  const stampFile = path.join(dir, 'node_modules/.nrich-build-stamp');
  const { scripts } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (!scripts?.build) return 'no build step';
  const wanted = `${tarballHash} ${sourceHash(dir)}`;
  if (readStamp(stampFile) === wanted) return 'up to date';
  const started = Date.now();
  rmSync(stampFile, { force: true });
  await run(app, npm, ['run', 'build']);
  writeFileSync(stampFile, wanted);
  return `built (${Date.now() - started} ms)`;
}

export async function buildExamples({ only, updateLockfiles = false } = {}) {
  if (!existsSync('dist/index.js')) throw new Error('build:examples: no dist/, run `npm run build` first.');
  const started = Date.now();
  const tarballHash = pack();
  const apps = exampleApps().filter((app) => !only || only.includes(app));
  const installed = await Promise.all(apps.map((app) => install(app, tarballHash, updateLockfiles)));
  for (const [index, app] of apps.entries()) {
    const built = await build(app, tarballHash);
    console.log(`build:examples: ${app}: ${installed[index]}, ${built}`);
  }
  console.log(`build:examples: ${apps.length} apps (${Date.now() - started} ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  await buildExamples({ only, updateLockfiles: process.argv.includes('--update-lockfiles') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
