// The fenced code blocks of the docs, as one extraction shared by the tests that run them and by
// every-block.test.ts, which accounts for each block: a test that runs a block takes it from here, so the
// account and the test name the very same text.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

export interface Block {
  page: string;
  line: number;
  lang: string;
  code: string;
  /** The HTML comment on the line before the block's blank line, e.g. `illustrative: cypress` or `file: a.ts`. */
  note: string | undefined;
}

/** README, CONTRIBUTING, SECURITY and docs/ (not the generated server-api/ nor the site's .vitepress/). */
export function docPages(): string[] {
  const docs = readdirSync('docs', { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && !/^(server-api|\.vitepress)\//.test(name))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CONTRIBUTING.md', 'SECURITY.md', ...docs.sort()];
}

export function codeBlocks(page: string, markdown = readFileSync(page, 'utf8')): Block[] {
  const blocks: Block[] = [];
  for (const match of markdown.matchAll(/(?:^<!-- ([^\n]*?) -->\n\n)?^```(\S*)\n([\s\S]*?)^```$/gm)) {
    const line = markdown.slice(0, match.index).split('\n').length + (match[1] === undefined ? 0 : 2);
    blocks.push({ page, line, note: match[1], lang: match[2] ?? '', code: match[3] ?? '' });
  }
  return blocks;
}

/** The first html block of the README's "Use it in 20 seconds", exactly as written. */
export function twentySecondSnippet(readme = readFileSync('README.md', 'utf8')): string {
  const section = readme.slice(readme.indexOf('## Use it in 20 seconds'));
  const block = /```html\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'no html block under "Use it in 20 seconds"');
  return block;
}

/** docs/testing.md's Playwright recipe, the first ts block under "### Playwright", exactly as written. */
export function playwrightRecipe(docs = readFileSync('docs/testing.md', 'utf8')): string {
  const block = /```ts\n([\s\S]*?)```/.exec(docs.slice(docs.indexOf('### Playwright')))?.[1];
  assert.ok(block, 'docs/testing.md has no Playwright recipe');
  return block;
}
