// knip (npm run knip, in npm test): no unused file, export or dependency. The package's entries are its public
// surface (package.json "exports" and "bin", read from there, and the CDN's standalone scripts); their exports are
// reviewed by the API reports (npm run api), not here. Tests, the demo, the docs' examples, benchmarks and scripts
// are entries too (knip's plugins find most of them in package.json's scripts and the tools' configs).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** `./dist/server/index.js` -> `src/server/index.ts`: the module each export and the bin are built from. */
const packageEntries = [...Object.values(pkg.exports), ...Object.values(pkg.bin)]
  .map((target) => (typeof target === 'object' ? target.default : target))
  .filter((target) => /^\.\/dist\/.*\.js$/.test(target ?? '') && !target.startsWith('./dist/cdn/'))
  .map((target) => target.replace(/^\.\/dist\/(.*)\.js$/, 'src/$1.ts'));

/** @type {import('knip').KnipConfig} */
export default {
  entry: [
    ...packageEntries,
    // bundled alone into dist/cdn/ by scripts/cdn.mjs
    'src/return/callback-page.ts',
    'src/classic-loader.ts',
    // run by the docs' tests (test/server/readme-examples.test.ts, test/docs/), named in a list there
    'docs/examples/*.ts',
    // type-checked against the built package, each folder with its own tsconfig (test/package/types.test.ts)
    'test/package/types/**/*.{ts,tsx,vue}',
    // npm run bench:store runs it behind test/server/support/with-postgres.ts
    'bench/store-throughput.ts',
    // read by the tools themselves: the manifest analyzer, Puppeteer
    'custom-elements-manifest.config.mjs',
    '.puppeteerrc.cjs',
  ],
  project: [
    'src/**/*.ts',
    'test/**/*.{ts,mjs,mts,vue}',
    'demo/**/*.{ts,tsx,mjs}',
    'docs/**/*.{ts,mts,mjs}',
    'bench/**/*.ts',
    'scripts/**/*.mjs',
    '*.{ts,js,mjs,cjs}',
  ],
  // The example apps have their own package.json and lockfiles (installed outside the repository); dist/ is built.
  ignore: ['demo/examples/**', 'dist/**'],
  ignoreDependencies: [
    // run by path from test/package/lint.test.ts (binOf), which knip cannot follow
    'publint',
    '@arethetypeswrong/cli',
    // the demo's fonts, linked from index.html
    '@fontsource-variable/inter',
    '@fontsource-variable/noto-sans-arabic',
    // served from node_modules by bench/servers.ts to the latency benchmark's page
    'connect-web-sdk',
  ],
  // A system tool (util-linux), not a package: the embedded-lock test runs a process in its own PID namespace.
  ignoreBinaries: ['unshare'],
};
