// `npm run typecheck`: the compiler's four views of the repository, in one process.
//   tsconfig.browser.json  the browser code: DOM, no Node types
//   tsconfig.server.json   server kit, sandbox, CLI: Node types, no DOM
//   tsconfig.edge.json     the server modules an edge host runs: neither (the WebWorker lib)
//   tsconfig.json          everything, tests, demo, docs examples and benchmarks included (editors, eslint, tsx)
// `types: []` keeps Node's types out only until a package's own types reference them (pg's do), so each view is
// also checked for the type files it must not hold: a view that quietly gains them fails here.
import ts from 'typescript';

const views = [
  { config: 'tsconfig.browser.json', without: ['/@types/node/', '/@types/mocha/'] },
  { config: 'tsconfig.server.json', without: ['/typescript/lib/lib.dom.d.ts'] },
  { config: 'tsconfig.edge.json', without: ['/@types/node/', '/typescript/lib/lib.dom.d.ts'] },
  { config: 'tsconfig.json', without: [] },
];

const host = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: ts.sys.getCurrentDirectory,
  getNewLine: () => ts.sys.newLine,
};
let failed = false;
for (const { config, without } of views) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    config,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
  );
  if (!parsed) throw new Error(`${config}: cannot read`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  const files = program.getSourceFiles().map((file) => file.fileName);
  const unwanted = without.flatMap((part) => files.filter((file) => file.includes(part)).slice(0, 1));
  const own = files.filter((file) => !file.includes('/node_modules/')).length;
  console.log(`${config}: ${own} files, ${diagnostics.length} errors${unwanted.length ? ', holds ' + unwanted : ''}`);
  if (diagnostics.length) console.log(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  if (diagnostics.length || unwanted.length) failed = true;
}
process.exitCode = failed ? 1 : 0;
