// The public surface, reviewed: one API Extractor report per module entry of package.json "exports" (types and
// code), committed under api/ (api/server.api.md for `nrich-connect/server`). A new entry in "exports" gets its
// report with no other change here. Not here: ./svelte and ./solid, types-only augmentations of the frameworks'
// global JSX namespaces that the manifest's integrations generate (checked by test/package/types.test.ts).
//
//   npm run api          check (npm test): fails on any difference, prints it and how to update
//   npm run api:update   write the reports (commit them: the diff is the review of the surface)
//
// Options: --only <name> (one report, by file name without .api.md), --reports <dir> (compare against another
// folder; test/package/api-report.test.ts uses both). Reads the built .d.ts: run `npm run build` first.
import { Extractor, ExtractorConfig, CompilerState } from '@microsoft/api-extractor';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { update: { type: 'boolean' }, only: { type: 'string' }, reports: { type: 'string' } },
});
const reportFolder = resolve(values.reports ?? 'api');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** `.` -> index, `./server` -> server, `./server/store` -> server-store; with the .d.ts each points at. */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types && target.default)
  .map(([subpath, target]) => ({
    name: subpath === '.' ? 'index' : subpath.slice(2).replaceAll('/', '-'),
    subpath,
    types: resolve(target.types),
  }))
  .filter((entry) => !values.only || entry.name === values.only);
if (entries.length === 0) throw new Error(`no entry named ${values.only}`);

const temp = mkdtempSync(join(tmpdir(), 'nrich-api-'));
const configOf = (entry) =>
  ExtractorConfig.prepare({
    configObjectFullPath: resolve('package.json'),
    packageJsonFullPath: resolve('package.json'),
    configObject: {
      projectFolder: resolve('.'),
      newlineKind: 'lf',
      mainEntryPointFilePath: entry.types,
      compiler: {
        // The built declarations with their dependencies' types, as a host's compiler reads them.
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            lib: ['ES2023', 'DOM', 'DOM.Iterable'],
            types: ['node'],
            strict: true,
            skipLibCheck: true,
          },
          files: [entry.types],
        },
      },
      apiReport: { enabled: true, reportFolder, reportTempFolder: temp, reportFileName: entry.name },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // The package marks no release stages (@public, @beta): every export is public.
        extractorMessageReporting: {
          default: { logLevel: 'none', addToApiReportFile: true },
          'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
          // Which members lack a doc comment is the docs' concern (typedoc), not the surface's.
          'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
        },
        compilerMessageReporting: { default: { logLevel: 'error' } },
        tsdocMessageReporting: { default: { logLevel: 'none', addToApiReportFile: false } },
      },
    },
  });

const configs = entries.map((entry) => ({ entry, config: configOf(entry) }));
// One compiler program for every entry (each report alone would parse the same declarations again).
const compilerState = CompilerState.create(configs[0].config, {
  additionalEntryPoints: entries.map((entry) => entry.types),
});
const changed = [];
for (const { entry, config } of configs) {
  const result = Extractor.invoke(config, {
    localBuild: Boolean(values.update),
    compilerState,
    messageCallback(message) {
      // The report itself says what changed; API Extractor's own lines about it would only repeat it.
      if (String(message.messageId).startsWith('console-api-report')) message.handled = true;
      if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
    },
  });
  if (result.errorCount > 0) throw new Error(`${entry.subpath}: API Extractor reported ${result.errorCount} errors`);
  if (result.apiReportChanged) changed.push(entry);
}

if (values.update) {
  console.log(`API reports written for ${entries.length} entries (api/${values.only ?? '*'}.api.md).`);
} else if (changed.length > 0) {
  const { execFileSync } = await import('node:child_process');
  for (const entry of changed) {
    const committed = join(reportFolder, `${entry.name}.api.md`);
    const built = join(temp, `${entry.name}.api.md`);
    console.error(`\nnrich-connect${entry.subpath.slice(1)}: its public API differs from ${committed}:`);
    try {
      execFileSync('git', ['diff', '--no-index', '--no-color', '--', committed, built], { stdio: 'inherit' });
    } catch {
      // git diff exits 1 when the files differ: the diff is printed.
    }
  }
  console.error(
    `\n${changed.length} API report(s) out of date. If the change is meant, run \`npm run api:update\` and commit ` +
      'api/: the report diff is the review of the public surface.',
  );
  process.exitCode = 1;
} else {
  console.log(`API reports up to date (${entries.length} entries, api/).`);
}
rmSync(temp, { recursive: true, force: true });
