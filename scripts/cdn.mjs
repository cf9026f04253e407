// The no-build bundles in dist/cdn/, shared by the build, the size check and the benchmark, so all see the same bytes.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Options every browser bundle of ours uses: minified ES2022 modules, Lit's production build. */
export const browserBundle = {
  bundle: true,
  minify: true,
  target: 'es2022',
  platform: 'browser',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
};

const elementEntry = 'src/nrich-connect.ts';

/**
 * dist/cdn/nrich-connect.js: registers <nrich-connect>, Lit included, for
 * `<script type="module" src=".../dist/cdn/nrich-connect.js">`. ONE file with no static import: the button shows
 * after one script round trip. esbuild's code splitting would move code the entry shares with its lazy parts into
 * chunks the entry imports, each one more sequential round trip before the button, so it is not used here:
 * dist/cdn/chunks/<name>.js: each module the element loads with `import()` (the flow, IBAN checks, es/fr/ar
 * strings, the redirect return), bundled on its own, also without static imports, so whatever a click needs
 * arrives in one round trip too. A module bundled into two files is code in two copies: `buildCdn` refuses that
 * for a module with identity (a class, or module-level `let`/`var`), whose two copies would not be the same.
 * dist/cdn/callback.js: the standalone script for a popup's redirect_uri page; an IIFE, so it also works as a
 * classic `<script src>`.
 * The licenses of the bundled packages (Lit's, ibantools') ship beside each file that holds their code
 * (<file>.LEGAL.txt, which its last line names), not inside it: comments the browser would download on every page
 * and never run.
 * dist/cdn/nrich-connect.classic.js: the classic `<script src>` for pages that cannot add `type="module"`; it
 * loads nrich-connect.js from beside itself.
 */
export async function buildCdn(outdir = 'dist/cdn') {
  const lazy = await lazyModules(elementEntry);
  const element = await esbuild.build({
    ...browserBundle,
    entryPoints: { 'nrich-connect': elementEntry },
    format: 'esm',
    outdir,
    sourcemap: true,
    metafile: true,
    plugins: [lazyImportsAsFiles('./chunks/'), collapsedTemplateWhitespace],
    legalComments: 'linked',
  });
  const chunks = await esbuild.build({
    ...browserBundle,
    entryPoints: Object.fromEntries(lazy.map((file) => [chunkName(file), file])),
    format: 'esm',
    outdir: path.join(outdir, 'chunks'),
    sourcemap: true,
    metafile: true,
    plugins: [lazyImportsAsFiles('./'), ibantoolsAsUsed, collapsedTemplateWhitespace],
    legalComments: 'linked',
  });
  refuseUnreadFieldsRead(chunks.metafile);
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
  refuseTwoCopies([element.metafile, chunks.metafile]);
  return { element: element.metafile, chunks: chunks.metafile, callback: callback.metafile, classic: classic.metafile };
}

/**
 * esbuild minifies code, not the text of Lit's html`` and css`` literals: their line breaks and indentation would
 * ship as they are. In our sources, whitespace that spans a line break inside such a literal is layout only (HTML
 * and CSS collapse it, no `<pre>`), so it becomes one space: ~0.15 KB gzip off the page's bundle.
 */
const collapsedTemplateWhitespace = {
  name: 'collapsed-template-whitespace',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return /\b(?:html|css)`/.test(source) ? { contents: collapseLiterals(source), loader: 'ts' } : undefined;
    });
  },
};

/**
 * Drops the whitespace CSS never needs: around `{` `}` `;`, after a declaration's `:` (a selector's `:` is never
 * followed by a space), and the last `;` of a block. Commas keep theirs: a `var()` fallback is kept as written, so
 * the browser's rules would differ in serialization only (test/cdn-styles.test.ts compares the parsed rules).
 * `keepLines` (dist/): the same, but every line break stays.
 */
function shrinkCss(text, keepLines = false) {
  if (keepLines) {
    return text
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/[ \t]*([{};])[ \t]*/g, '$1')
      .replace(/:[ \t]+/g, ':')
      .replace(/;(\n*)}/g, '$1}');
  }
  return text
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/**
 * A css`` comment is for the source's readers, not the browser: it goes (with `keepLines`, its line breaks stay).
 * No string in our CSS contains `/*`.
 */
function dropCssComments(text, keepLines) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => (keepLines ? comment.replace(/[^\n]/g, '') : ''));
}

/**
 * Collapses `\s*\n\s*` to one space in the text of every html`` / css`` literal of `source`, nested ones in their
 * `${}` expressions included, and shrinks css`` text further (shrinkCss); everything else is copied as it is.
 * TypeScript's parser finds the literals (code, strings, comments and regular expressions are its business).
 * `keepLines` (the tsc output in dist/, which has source maps): only the indentation goes, every line stays where
 * it was; a css`` literal without `${}` (nothing in it a source map points at) goes on one line, its line breaks
 * after its closing backtick, where a minifier drops them.
 */
export function collapseLiterals(source, { keepLines = false } = {}) {
  const file = ts.createSourceFile('literals.ts', source, ts.ScriptTarget.Latest, true);
  const edits = []; // [from, to, text], in source order
  const visit = (node) => {
    const tag = ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) ? node.tag.text : '';
    if (tag === 'html' || tag === 'css') {
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // The text between the part's opening (` or }) and its closing (${ or `).
        const from = part.getStart(file) + 1;
        const to = part.end - (ts.isTemplateTail(part) || ts.isNoSubstitutionTemplateLiteral(part) ? 1 : 2);
        const text = source.slice(from, to);
        if (keepLines && tag === 'css' && parts.length === 1) {
          // One line, and its line breaks after the closing backtick: each later line keeps its place.
          edits.push([from, to + 1, `${collapseText(text, tag, false).trim()}\`${text.replace(/[^\n]/g, '')}`]);
        } else edits.push([from, to, collapseText(text, tag, keepLines)]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = '';
  let at = 0;
  for (const [from, to, text] of edits.sort((a, b) => a[0] - b[0])) {
    out += source.slice(at, from) + text;
    at = to;
  }
  return out + source.slice(at);
}

/** One literal part's text, collapsed (see collapseLiterals). */
function collapseText(text, tag, keepLines) {
  if (keepLines) {
    return tag === 'css' ? shrinkCss(dropCssComments(text, true), true) : text.replace(/[ \t]*\n[ \t]*/g, '\n');
  }
  const collapsed = (tag === 'css' ? dropCssComments(text, false) : text).replace(/\s*\n\s*/g, ' ');
  return tag === 'css' ? shrinkCss(collapsed) : collapsed;
}

/**
 * ibantools' country table also carries what only its other functions read (registry and SEPA flags, where bank,
 * branch and account sit in the BBAN), and its two error enums are IIFEs esbuild must keep. The element uses
 * isValidIBAN, electronicFormatIBAN and friendlyFormatIBAN, which read `chars`, `bban_regexp` and
 * `bban_validation_func` only: the CDN's IBAN chunk leaves the rest out (~0.8 KB gzip of 3.7), and the enums become
 * pure, so they go unless something uses them. `refuseUnreadFieldsRead` fails the build should kept code read a
 * field left out (its name would remain in the chunk); `trimIbantools` fails when ibantools' source changed shape.
 */
const ibantoolsAsUsed = {
  name: 'ibantools-as-used',
  setup(build) {
    build.onLoad({ filter: /[\\/]ibantools[\\/]jsnext[\\/]ibantools\.js$/ }, (args) => ({
      contents: trimIbantools(readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

/** The country-table fields `ibantoolsAsUsed` leaves out. */
export const unreadIbanFields = [
  'IBANRegistry',
  'SEPA',
  'bank_identifier',
  'branch_indentifier',
  'account_indentifier',
];

/** ibantools' source without the country-table fields the element's functions never read, its enums pure. */
export function trimIbantools(source) {
  const start = source.indexOf('export const countrySpecs = {');
  const end = source.indexOf('\n};\n', start);
  if (start < 0 || end < 0)
    throw new Error('ibantools: no `countrySpecs` table where expected; check ibantools-as-used');
  const field = `(?:${unreadIbanFields.join('|')}): (?:true|false|'[0-9-]+')`;
  const table = source
    .slice(start, end)
    .replace(new RegExp(`^\\s*${field},\\n`, 'gm'), '') // one per line
    .replace(new RegExp(`,\\n\\s*${field}(?=\\n)`, 'g'), '') // one per line, the last without a comma
    .replace(new RegExp(`, ${field}(?=[, ])`, 'g'), ''); // a country on one line
  if (new RegExp(unreadIbanFields.join('|')).test(table)) {
    throw new Error('ibantools: a country-table field not written as expected; check ibantools-as-used');
  }
  let enums = 0;
  const rest = (source.slice(0, start) + table + source.slice(end)).replace(
    /^export var (\w+);\n\(function \(\1\) \{\n([\s\S]*?)\n\}\)\(\1 \|\| \(\1 = \{\}\)\);$/gm,
    (_, name, body) => {
      enums++;
      return `export var ${name} = /* @__PURE__ */ (function (${name}) {\n${body}\n    return ${name};\n})({});`;
    },
  );
  if (enums !== 2) throw new Error(`ibantools: ${enums} enums rewritten, 2 expected; check ibantools-as-used`);
  return rest;
}

/** Throws when a CDN chunk still names a field `ibantoolsAsUsed` left out: kept code reads it. */
function refuseUnreadFieldsRead(metafile) {
  for (const output of Object.keys(metafile.outputs).filter((file) => file.endsWith('.js'))) {
    const read = unreadIbanFields.filter((name) => readFileSync(output, 'utf8').includes(name));
    if (read.length) throw new Error(`CDN build: ${output} reads ibantools fields left out: ${read.join(', ')}`);
  }
}

/** Every module some module of the element's graph loads with `import()`, as paths relative to the repo. */
async function lazyModules(entry) {
  const { metafile } = await esbuild.build({
    ...browserBundle,
    entryPoints: [entry],
    format: 'esm',
    splitting: true,
    outdir: 'unused',
    write: false,
    metafile: true,
  });
  const lazy = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const { path: target, kind } of input.imports) if (kind === 'dynamic-import') lazy.add(target);
  }
  return [...lazy].sort();
}

/** src/element/locales/es.ts -> element-locales-es: stable names (the CDN URL carries the version). */
function chunkName(file) {
  return path
    .relative('src', file)
    .replace(/\.[cm]?[jt]s$/, '')
    .replaceAll(path.sep, '-');
}

/** Leaves every `import()` in place, pointing at the chunk file of its target (in `prefix`, relative to the importer). */
function lazyImportsAsFiles(prefix) {
  return {
    name: 'lazy-imports-as-files',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData?.resolving) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { resolving: true },
        });
        if (resolved.errors.length) return { errors: resolved.errors };
        return { path: `${prefix}${chunkName(path.relative(process.cwd(), resolved.path))}.js`, external: true };
      });
    },
  };
}

/** Throws when a module with identity (class, module-level let/var) is bundled into more than one file. */
function refuseTwoCopies(metafiles) {
  const files = new Map();
  for (const metafile of metafiles) {
    for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
      if (!output.endsWith('.js')) continue;
      for (const [input, { bytesInOutput }] of Object.entries(inputs)) {
        if (bytesInOutput > 0) files.set(input, [...(files.get(input) ?? []), output]);
      }
    }
  }
  const twice = [...files].filter(([, outputs]) => outputs.length > 1);
  const withIdentity = twice.filter(([input]) => hasIdentity(input));
  if (withIdentity.length) {
    const list = withIdentity.map(([input, outputs]) => `  ${input}: ${outputs.join(', ')}`).join('\n');
    throw new Error(`CDN build: modules with identity in two files (their copies would differ):\n${list}`);
  }
  return twice.map(([input]) => input);
}

/** A class or module-level mutable binding: two copies of it would be two different things. */
function hasIdentity(input) {
  const source = readFileSync(input, 'utf8');
  return /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s|^(?:export\s+)?(?:let|var)\s/m.test(source);
}
