// The no-build bundles in dist/cdn/, shared by the build and the size check so both see the same bytes.
import * as esbuild from 'esbuild';

/** Options every browser bundle of ours uses: minified ES2022 modules, Lit's production build. */
export const browserBundle = {
  bundle: true,
  minify: true,
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
};

/**
 * dist/cdn/nrich-connect.js: registers <nrich-connect>, Lit and ibantools included, for
 * `<script type="module" src=".../dist/cdn/nrich-connect.js">`.
 * dist/cdn/callback.js: the standalone script for a popup's redirect_uri page; an IIFE, so it also works as a
 * classic `<script src>`.
 * dist/cdn/nrich-connect.classic.js: the classic `<script src>` for pages that cannot add `type="module"`; it
 * loads nrich-connect.js from beside itself.
 */
export async function buildCdn(outdir = 'dist/cdn') {
  const element = await esbuild.build({
    ...browserBundle,
    entryPoints: { 'nrich-connect': 'src/nrich-connect.ts' },
    format: 'esm',
    // The flow's code, ibantools and the es/fr/ar strings load on first interaction, as chunks beside it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outdir,
    sourcemap: true,
    metafile: true,
  });
  const callback = await esbuild.build({
    ...browserBundle,
    entryPoints: { callback: 'src/return/callback-page.ts' },
    format: 'iife',
    outdir,
    sourcemap: true,
    metafile: true,
  });
  const classic = await esbuild.build({
    ...browserBundle,
    entryPoints: { 'nrich-connect.classic': 'src/classic-loader.ts' },
    format: 'iife',
    outdir,
    metafile: true,
  });
  return { element: element.metafile, callback: callback.metafile, classic: classic.metafile };
}
