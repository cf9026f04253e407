#!/usr/bin/env node
// `npm run build:examples`: the example apps of demo/examples/, each installed from the packed package and built
// the way its users build it (run `npm run build` first), in a copy outside the repository (examples-workdir.mjs):
//   1. `npm pack` -> <workdir>/.pack/nrich-connect.tgz (each app depends on "file:../.pack/nrich-connect.tgz")
//   2. each app's sources are copied to <workdir>/<app>/
//   3. per app, in parallel: `npm ci --prefer-offline` when its lockfile changed since its last install (the
//      registry's packages come from npm's cache after the first run); when only the tarball changed and it
//      declares the same dependencies, the tarball is unpacked in place of the installed nrich-connect
//   4. per app, one at a time: `npm run build` when its sources or the tarball changed since its last build
// Stamps in <workdir>/<app>/node_modules/ record what was installed and built: an unchanged tree costs seconds.
//
// `--update-lockfiles`: `npm install` instead of `npm ci`, after editing an app's package.json; the lockfile is
// copied back into demo/examples/<app>/ without the tarball's `integrity` (with it, npm would keep installing
// its cached copy of an older tarball).
// `--only=<app>[,<app>]`: just those apps.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXAMPLES_SOURCE, EXAMPLES_WORKDIR } from './examples-workdir.mjs';

const TARBALL = path.join(EXAMPLES_WORKDIR, '.pack/nrich-connect.tgz');
/** Installs and build output: not sources, neither copied nor hashed. */
const NOT_SOURCES = new Set([
  'node_modules',
  'dist',
  'build',
  '.next',
  '.angular',
  '.svelte-kit',
  '.astro',
  'next-env.d.ts',
]);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Quiet, offline-first, no telemetry: the same install and build on a laptop and in CI. */
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  NG_CLI_ANALYTICS: 'false',
  ASTRO_TELEMETRY_DISABLED: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** The example apps: the folders of demo/examples whose package.json takes nrich-connect from ../.pack/. */
function exampleApps() {
  return readdirSync(EXAMPLES_SOURCE, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && takesThePack(path.join(EXAMPLES_SOURCE, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();
}

function takesThePack(file) {
  if (!existsSync(file)) return false;
  return JSON.parse(readFileSync(file, 'utf8')).dependencies?.['nrich-connect'] === 'file:../.pack/nrich-connect.tgz';
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/** An app's source files, relative to its folder, sorted. */
function sourceFiles(dir, sub = '') {
  return readdirSync(path.join(dir, sub), { withFileTypes: true })
    .filter((entry) => !NOT_SOURCES.has(entry.name))
    .flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(dir, path.join(sub, entry.name)) : [path.join(sub, entry.name)],
    )
    .sort();
}

function sourceHash(dir) {
  const hash = createHash('sha256');
  for (const file of sourceFiles(dir))
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(dir, file)))
      .update('\0');
  return hash.digest('hex');
}

/** Makes <workdir>/<app> hold exactly the app's sources, keeping its installs and build output. */
function copySources(app) {
  const from = path.join(EXAMPLES_SOURCE, app);
  const to = path.join(EXAMPLES_WORKDIR, app);
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(to)) {
    if (!NOT_SOURCES.has(entry)) rmSync(path.join(to, entry), { recursive: true, force: true });
  }
  for (const file of sourceFiles(from)) cpSync(path.join(from, file), path.join(to, file));
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
    const child = spawn(command, args, {
      cwd: path.join(EXAMPLES_WORKDIR, app),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

/** Whether the tarball declares the same dependencies as the installed nrich-connect. */
function sameDependencies(dir) {
  const listed = spawnSync('tar', ['-xzOf', TARBALL, 'package/package.json'], { encoding: 'utf8' });
  const installed = path.join(dir, 'node_modules/nrich-connect/package.json');
  if (listed.status !== 0 || !existsSync(installed)) return false;
  const deps = (pkg) => JSON.stringify([pkg.dependencies, pkg.peerDependencies, pkg.optionalDependencies]);
  return deps(JSON.parse(listed.stdout)) === deps(JSON.parse(readFileSync(installed, 'utf8')));
}

/** Unpacks the tarball over the installed nrich-connect, as `npm ci` would put it there. */
function replaceTarball(dir) {
  const installed = path.join(dir, 'node_modules/nrich-connect');
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed);
  const untar = spawnSync('tar', ['-xzf', TARBALL, '-C', installed, '--strip-components=1'], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
}

function forgetTarballInLockfile(file) {
  if (!existsSync(file)) return;
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  delete lock.packages['node_modules/nrich-connect'];
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
}

/** The lockfile back into the repository, without the tarball's integrity. */
function saveLockfile(app) {
  const lock = JSON.parse(readFileSync(path.join(EXAMPLES_WORKDIR, app, 'package-lock.json'), 'utf8'));
  delete lock.packages['node_modules/nrich-connect'].integrity;
  const text = `${JSON.stringify(lock, null, 2)}\n`;
  writeFileSync(path.join(EXAMPLES_WORKDIR, app, 'package-lock.json'), text);
  writeFileSync(path.join(EXAMPLES_SOURCE, app, 'package-lock.json'), text);
}

async function install(app, tarballHash, updateLockfiles) {
  const dir = path.join(EXAMPLES_WORKDIR, app);
  const stampFile = path.join(dir, 'node_modules/.nrich-install-stamp');
  const lockfile = path.join(dir, 'package-lock.json');
  const lockHash = existsSync(lockfile) ? sha256(readFileSync(lockfile)) : 'none';
  const wanted = `${tarballHash} ${lockHash}`;
  const stamp = readStamp(stampFile);
  if (!updateLockfiles && stamp === wanted) return 'up to date';
  const started = Date.now();
  if (updateLockfiles) {
    // Else `npm install` keeps the installed nrich-connect and its lockfile entry (dependencies, peers) as long as
    // the version matches, whatever the tarball holds now.
    rmSync(path.join(dir, 'node_modules/nrich-connect'), { recursive: true, force: true });
    forgetTarballInLockfile(lockfile);
    await run(app, npm, ['install', '--prefer-offline']);
    saveLockfile(app);
  } else if (stamp?.endsWith(` ${lockHash}`) && sameDependencies(dir)) {
    // Only the tarball changed, not what it depends on: seconds instead of a reinstall on every package build.
    replaceTarball(dir);
    writeFileSync(path.join(dir, 'node_modules/.nrich-install-stamp'), wanted);
    return `tarball replaced (${Date.now() - started} ms)`;
  } else {
    await run(app, npm, ['ci', '--prefer-offline']);
  }
  writeFileSync(stampFile, `${tarballHash} ${sha256(readFileSync(lockfile))}`);
  return `installed (${Date.now() - started} ms)`;
}

async function build(app, tarballHash) {
  const dir = path.join(EXAMPLES_WORKDIR, app);
  const stampFile = path.join(dir, 'node_modules/.nrich-build-stamp');
  const { scripts } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (!scripts?.build) return 'no build step';
  // Hashed in the repository: a build may rewrite its copy's files (`next build` reformats tsconfig.json).
  const wanted = `${tarballHash} ${sourceHash(path.join(EXAMPLES_SOURCE, app))}`;
  if (readStamp(stampFile) === wanted) return 'up to date';
  const started = Date.now();
  rmSync(stampFile, { force: true });
  await run(app, npm, ['run', 'build']);
  writeFileSync(stampFile, wanted);
  return `built (${Date.now() - started} ms)`;
}

async function buildExamples({ only, updateLockfiles = false } = {}) {
  if (!existsSync('dist/index.js')) throw new Error('build:examples: no dist/, run `npm run build` first.');
  const started = Date.now();
  const tarballHash = pack();
  const apps = exampleApps().filter((app) => !only || only.includes(app));
  for (const app of apps) copySources(app);
  const installed = await Promise.all(apps.map((app) => install(app, tarballHash, updateLockfiles)));
  for (const [index, app] of apps.entries()) {
    const built = await build(app, tarballHash);
    console.log(`build:examples: ${app}: ${installed[index]}, ${built}`);
  }
  console.log(`build:examples: ${apps.length} apps in ${EXAMPLES_WORKDIR} (${Date.now() - started} ms)`);
}

const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
await buildExamples({ only, updateLockfiles: process.argv.includes('--update-lockfiles') }).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
