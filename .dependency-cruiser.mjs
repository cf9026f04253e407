// The boundaries of src/, read from the imports themselves (npm run deps; type-only imports count: a type is a
// dependency of its reader too). Rules go by folder, so they hold when files move inside one.
//
// The browser half is layered and control runs one way, down: the element starts a flow, the flow uses windows and
// the way back from a redirect, and all of them share the two leaf modules at the root (events.ts, iban.ts) and,
// lowest, protocol/ (what the widget, the relay and the host's endpoint say, and the outcomes' details). The server
// kit, the sandbox and the CLI run on servers; the server kit shares only protocol/'s DOM-free wire types with the
// browser half. Inside the server kit imports run one way too: http/ → tokens/ (stores/ → the contract; never the
// refresh) → client/ → the top-level modules; only the entries import across.

import { readFileSync } from 'node:fs';

/** The package's entry modules (package.json "exports", as src/ paths): the only modules that import any layer. */
const ENTRIES = Object.values(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).exports)
  .map((target) => (typeof target === 'object' ? target.default : target))
  .filter((target) => /^\.\/dist\/.*\.js$/.test(target))
  .map((target) => target.replace(/^\.\/dist\/(.*)\.js$/, 'src/$1.ts'));
const ENTRY = `^(${ENTRIES.map((path) => path.replaceAll('.', '\\.')).join('|')})$`;

/** Every folder or root module of the browser half (src/ minus the server kit, the sandbox and the CLI). */
const BROWSER = '^src/(?!server/|sandbox/|cli/)';
const LEAVES = '^src/(events|iban)\\.ts$';

/** `from` may import nothing of src/ but its own folder and the given lower layers (or the leaves). */
function layer(name, folder, lower) {
  return {
    name,
    comment: `${folder}/ imports only itself, ${lower.length ? lower.join('/, ') + '/ and ' : ''}the leaf modules`,
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: '^src/', pathNot: [`^src/(${[folder, ...lower].join('|')})/`, LEAVES] },
  };
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module of src/ reaches itself through its imports.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'browser-not-server',
      comment: 'Browser code never imports the server kit (it holds the client secret), the sandbox or the CLI.',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^src/(server|sandbox|cli)/' },
    },
    {
      name: 'browser-no-node',
      comment: 'Browser code never imports a Node built-in.',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'browser-packages',
      comment: 'Browser code runs with lit and ibantools (dependencies) and the React wrapper with its peers only.',
      severity: 'error',
      from: { path: BROWSER },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional', 'npm-no-pkg', 'npm-unknown'],
        dependencyTypesNot: ['type-only'],
        path: 'node_modules/',
        pathNot: 'node_modules/(lit|lit-html|lit-element|@lit/[^/]+|ibantools|react)/',
      },
    },
    {
      name: 'server-not-browser',
      comment: "The server kit imports nothing of the browser half but protocol/'s wire types.",
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/', pathNot: '^src/(server|protocol)/' },
    },
    {
      name: 'server-shared-lowest',
      comment: "The server kit's top-level modules (errors, JSON values, the API's types) import none of its folders.",
      severity: 'error',
      from: { path: '^src/server/[^/]+\\.ts$', pathNot: ENTRY },
      to: { path: '^src/server/[^/]+/' },
    },
    {
      name: 'server-client-down-only',
      comment: 'client/ (the API client, its errors, retries, paging) imports no other folder of the server kit.',
      severity: 'error',
      from: { path: '^src/server/client/' },
      to: { path: '^src/server/(?!client/)[^/]+/' },
    },
    {
      name: 'server-tokens-down-only',
      comment: 'tokens/ (the refresh, the cipher, the store contract and stores) imports only client/ of the folders.',
      severity: 'error',
      from: { path: '^src/server/tokens/' },
      to: { path: '^src/server/(?!client/|tokens/)[^/]+/' },
    },
    {
      name: 'server-tokens-not-stores',
      comment: 'The refresh and the store contract know stores by the contract only: tokens/ never imports stores/.',
      severity: 'error',
      from: { path: '^src/server/tokens/[^/]+\\.ts$' },
      to: { path: '^src/server/tokens/stores/' },
    },
    {
      name: 'server-stores-only-store',
      comment: 'A store only stores: no store code reaches the API client or the refresh that calls it.',
      severity: 'error',
      from: { path: '^src/server/tokens/stores/' },
      to: { path: ['^src/server/client/', '^src/server/tokens/refresh\\.ts$'] },
    },
    {
      name: 'server-http-down-only',
      comment:
        "http/ (handlers, bodies, sessions, adapters) uses client/ and tokens/' contract, not a store of its own.",
      severity: 'error',
      from: { path: '^src/server/http/' },
      to: { path: ['^src/server/(?!client/|tokens/|http/)[^/]+/', '^src/server/tokens/stores/'] },
    },
    {
      name: 'server-node-lazily',
      comment:
        'The server entry loads where no node: module exists (edge runtimes): the kit reaches Node only with ' +
        "import() (the stores, the cipher's fast path) or as types (the Node adapter).",
      severity: 'error',
      from: { path: '^src/server/' },
      to: { dependencyTypes: ['core'], dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'server-drivers-lazily',
      comment:
        'The server entry loads without the database drivers (a host without pg, an edge runtime): the stores and ' +
        'the keeper load their optional peers with import() when one is created.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: {
        dependencyTypesNot: ['type-only', 'dynamic-import'],
        path: 'node_modules/(pg|@electric-sql/pglite|proper-lockfile|pg-boss)/',
      },
    },
    {
      name: 'server-packages',
      comment: 'The server kit runs with ibantools and, loaded lazily, its optional peers only.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: {
        dependencyTypesNot: ['type-only'],
        path: 'node_modules/',
        pathNot: 'node_modules/(ibantools|pg|@electric-sql/pglite|proper-lockfile|pg-boss)/',
      },
    },
    {
      name: 'server-keeper-not-http',
      comment:
        'The keeper (nrich-connect/server/keeper) keeps connections through tokens/ and client/, not the routes.',
      severity: 'error',
      from: { path: '^src/server/keeper/' },
      to: { path: '^src/server/http/' },
    },
    {
      name: 'sandbox-alone',
      comment:
        "The sandbox keeps to itself and Node, but for the server kit's entry (its errors are the kit's family).",
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: ['^src/(?!sandbox/)', 'node_modules/'], pathNot: '^src/server/index\\.ts$' },
    },
    {
      name: 'cli-uses-entries',
      comment: 'The CLI uses the sandbox and (doctor) the server kit through their public entries only, and Node.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: ['^src/(?!cli/)', 'node_modules/'], pathNot: ENTRY },
    },
    {
      name: 'testing-alone',
      comment: 'nrich-connect/testing loads in a Node test process and in a browser-side spec alike: no imports.',
      severity: 'error',
      from: { path: '^src/testing/' },
      to: { path: ['^src/(?!testing/)', 'node_modules/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'protocol-imports-nothing',
      comment: 'protocol/ is the shared vocabulary: it imports nothing of ours outside itself, and no package.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { path: ['^src/(?!protocol/)', 'node_modules/'] },
    },
    {
      name: 'leaves-import-nothing',
      comment: 'events.ts and iban.ts sit just above protocol/: they import nothing else of src/.',
      severity: 'error',
      from: { path: LEAVES },
      to: { path: '^src/', pathNot: '^src/protocol/' },
    },
    layer('element-down-only', 'element', ['flow', 'windows', 'return', 'protocol']),
    layer('flow-down-only', 'flow', ['windows', 'return', 'protocol']),
    layer('windows-down-only', 'windows', ['return', 'protocol']),
    layer('return-down-only', 'return', ['protocol']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
