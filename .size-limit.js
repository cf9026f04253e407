// `npm run size` (size-limit; part of `npm test`, printed by every build): min+gzip (zlib level 9) of what the
// element costs a page, each against its budget; exits 1 when one is over. Needs `npm run build` first.
// docs/performance.md has the figures and where the bytes went; docs/design-notes-packaging.md why each is measured so.
import { existsSync, readdirSync } from 'node:fs';

if (!existsSync('dist/cdn/chunks')) throw new Error('No build in dist/: run `npm run build` first.');

/**
 * The own code's check bundles `dist/nrich-connect.js` as a user's bundler would, minified: what loads with the
 * page. Its `import()`s load on first use, so they stay imports here (a bundle without code splitting would
 * inline them).
 */
const lazyImportsLeftOut = {
  name: 'lazy-imports-left-out',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

const cdn = 'dist/cdn/nrich-connect.js';
const chunks = readdirSync('dist/cdn/chunks')
  .filter((file) => file.endsWith('.js'))
  .map((file) => `dist/cdn/chunks/${file}`);
const locales = chunks.filter((file) => /-locales-\w+\.js$/.test(file));
const returnPage = chunks.filter((file) => file.includes('/return-'));
const flowPage = chunks.filter((file) => !locales.includes(file) && !returnPage.includes(file));
const fileOnly = { gzip: true, disablePlugins: ['@size-limit/esbuild'] };
const language = (file) => /-locales-(\w+)\.js$/.exec(file)[1];

export default [
  {
    // 5 KB (issue 6), 5.5 (issue 14's hardening), 6.5 (issue 12: the link request leaves in the click), then what
    // issues 20 and 21 reached by removing weight (docs/performance.md); issue 20's aim, 5.5 KB, is not reached.
    name: 'element, own code loaded with the page (no Lit, no ibantools)',
    path: 'dist/nrich-connect.js',
    ignore: ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', 'ibantools'],
    gzip: true,
    modifyEsbuildConfig: (config) => ({ ...config, format: 'esm', target: 'es2022', plugins: [lazyImportsLeftOut] }),
    limit: '6.15 KiB',
  },
  {
    // One file with no static import (scripts/cdn.mjs): what loads before the first interaction, Lit included.
    // 12 KB until issue 20, then what issues 20 and 21 reached; issue 20's aim, 11 KB, is not reached.
    name: 'CDN page before first interaction',
    path: cdn,
    ...fileOnly,
    limit: '11.55 KiB',
  },
  // Everything a page loads for a full flow (issue 12): the entry, the flow's chunks (ibantools included) and the
  // page's language if it is not de/en; a redirect's return page loads the return's chunks instead. 20 KB until
  // issue 20, whose aim, 19 KB, is reached.
  ...locales.flatMap((locale) => [
    {
      name: `CDN, a full flow in ${language(locale)}`,
      path: [cdn, ...flowPage, locale],
      ...fileOnly,
      limit: '19 KiB',
    },
    {
      name: `CDN, a redirect's return page in ${language(locale)}`,
      path: [cdn, ...returnPage, locale],
      ...fileOnly,
      limit: '19 KiB',
    },
  ]),
  { name: 'callback.js (the popup relay page)', path: 'dist/cdn/callback.js', ...fileOnly },
];
