// scripts/cdn.mjs collapses the layout whitespace of html`` and css`` literals (the CDN build, and dist/ with its
// lines kept for the source maps). TypeScript's parser finds the literals: what looks like one inside a string, a
// comment or a regular expression is left alone, and so is every other template literal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collapseLiterals } from '../../scripts/cdn.mjs';

const source = [
  "const quote = /'`/; // a css` in a comment stays",
  'const plain = `a\n    b`;',
  'const view = html`',
  '  <p>',
  '    ${cond ? html`<b>\n      x</b>` : `keep\n   this`}',
  '  </p>',
  '`;',
  'const styles = css`',
  '  /* for readers */',
  '  :host {',
  '    display: block;',
  '  }',
  '`;',
  'const last = 1;',
].join('\n');

test('the CDN build: html`` and css`` text on one line, nested literals too; nothing else changes', () => {
  const out = collapseLiterals(source);
  assert.ok(out.startsWith("const quote = /'`/; // a css` in a comment stays\nconst plain = `a\n    b`;\n"));
  assert.ok(out.includes('html` <p> ${cond ? html`<b> x</b>` : `keep\n   this`} </p> `;'), out);
  assert.ok(out.includes('css` :host{display:block}`;'), out);
  assert.ok(!out.includes('for readers'));
});

test('dist/: the indentation goes, every line after a literal stays on its line (source maps)', () => {
  const out = collapseLiterals(source, { keepLines: true });
  const lines = out.split('\n');
  assert.equal(lines.length, source.split('\n').length);
  assert.equal(lines.at(-1), 'const last = 1;');
  assert.ok(out.includes('html`\n<p>\n${cond ? html`<b>\nx</b>` : `keep\n   this`}\n</p>\n`;'), out);
  // A css`` literal without `${}` goes on one line; its line breaks follow the closing backtick.
  assert.ok(out.includes('css`:host{display:block}`\n\n\n\n\n;'), out);
});
