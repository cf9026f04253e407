#!/usr/bin/env node
/**
 * `npm run bench`: the latency benchmark and the leak benchmark (the README's "Speed" section says what each
 * figure means). Not part of `npm test`: it measures, it does not judge; timings go in the README, not in tests.
 *
 *   --runs N           samples per variant and input mode, medians reported (default 5)
 *   --script-delay MS  the CDN's delay for every script (default 150)
 *   --link-delay MS    the link endpoint's delay (default 150)
 *   --think MS         button visible -> act (default 1000)
 *   --dwell MS         hover or focus -> act, mouse and keyboard (default 250)
 *   --cycles N         open -> close flows per mode in the leak benchmark (default 200)
 *   --only latency|leaks
 *   --modes LIST       leak benchmark modes, comma separated (default control,overlay,inline,popup)
 *   --cdn-dir DIR      measure this CDN build (e.g. an older release's dist/cdn) instead of the current source's
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildCdn } from '../scripts/cdn.mjs';
import { measureLatency } from './latency.js';
import { leakModes, measureLeaks, type LeakMode } from './leaks.js';
import { printLatency, printLeaks } from './report.js';
import { startBenchServers } from './servers.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'script-delay': { type: 'string', default: '150' },
    'link-delay': { type: 'string', default: '150' },
    think: { type: 'string', default: '1000' },
    dwell: { type: 'string', default: '250' },
    cycles: { type: 'string', default: '200' },
    only: { type: 'string' },
    'cdn-dir': { type: 'string' },
    modes: { type: 'string', default: leakModes.join(',') },
  },
});
const number = (name: Exclude<keyof typeof values, 'only' | 'cdn-dir' | 'modes'>) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got ${values[name]}`);
  return value;
};
const options = {
  runs: number('runs'),
  scriptDelay: number('script-delay'),
  linkDelay: number('link-delay'),
  think: number('think'),
  dwell: number('dwell'),
  cycles: number('cycles'),
};

// The CDN build of the source as it is now, so the bench never measures a stale dist/ (unless told which).
const built = values['cdn-dir'] ? undefined : await mkdtemp(path.join(tmpdir(), 'nrich-bench-'));
if (built) await buildCdn(built);
const cdnDir = path.resolve(values['cdn-dir'] ?? built!);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  console.log(`Chromium ${browser.version()}, ${cpus().length} cores`);
  if (values.only !== 'leaks') {
    const servers = await startBenchServers({ ...options, cdnDir });
    try {
      console.log(
        `\nLatency: script delay ${options.scriptDelay} ms, link delay ${options.linkDelay} ms, think ` +
          `${options.think} ms, dwell ${options.dwell} ms, medians of ${options.runs}`,
      );
      const samples = await measureLatency(browser, servers, options, () => process.stdout.write('.'));
      process.stdout.write('\n');
      printLatency(samples, options);
    } finally {
      await servers.close();
    }
  }
  if (values.only !== 'latency') {
    // No delays: the leak benchmark counts what flows leave behind, not how long they take.
    const servers = await startBenchServers({ scriptDelay: 0, linkDelay: 0, cdnDir });
    try {
      console.log(`\nLeaks: ${options.cycles} open -> close flows per mode, after a full GC`);
      const modes = values.modes.split(',') as LeakMode[];
      if (!modes.every((mode) => leakModes.includes(mode))) throw new Error(`--modes: ${leakModes.join(', ')}`);
      const results = await measureLeaks(browser, servers, options.cycles, modes, (mode, done, heap) =>
        console.log(`  ${mode}: ${done} flows, JS heap after GC ${(heap / 1024 / 1024).toFixed(2)} MB`),
      );
      printLeaks(results);
    } finally {
      await servers.close();
    }
  }
} finally {
  await browser.close();
  if (built) await rm(built, { recursive: true, force: true });
}
