// Every relative link in the README, CONTRIBUTING.md, SECURITY.md and docs/*.md resolves: the file (or folder)
// exists, and a `#fragment` names a heading of the target as GitHub makes its anchors. External links are not
// fetched (the tests run offline); links inside code blocks and code spans are not links.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** The Markdown outside fenced code blocks. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
}

/** The Markdown outside fenced code blocks and code spans. */
function prose(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2, … */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, text] of withoutFences(markdown)
    .replace(/`([^`\n]*)`/g, '$1')
    .matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const base = text!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count ? `${base}-${count}` : base);
  }
  return result;
}

/** `[text](target)` and `![alt](target)` links, with the line each is on. */
function links(markdown: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  prose(markdown)
    .split('\n')
    .forEach((text, index) => {
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
        found.push({ target: target!, line: index + 1 });
    });
  return found;
}

for (const file of FILES) {
  test(`${file}: every relative link and anchor resolves`, () => {
    const markdown = readFileSync(file, 'utf8');
    const broken: string[] = [];
    for (const { target } of links(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [pathPart = '', fragment] = target.split('#', 2) as [string, string | undefined];
      const resolved = pathPart ? path.join(path.dirname(file), decodeURIComponent(pathPart)) : file;
      if (!existsSync(resolved)) {
        broken.push(`${target}: no ${resolved}`);
        continue;
      }
      if (fragment === undefined) continue;
      if (statSync(resolved).isDirectory() || !resolved.endsWith('.md')) {
        broken.push(`${target}: an anchor into ${resolved}, which is not Markdown`);
        continue;
      }
      if (!anchors(readFileSync(resolved, 'utf8')).has(fragment))
        broken.push(`${target}: no heading #${fragment} in ${resolved}`);
    }
    assert.deepEqual(broken, [], `${file} has broken links`);
  });
}

test('anchors are made as GitHub makes them', () => {
  assert.deepEqual(
    [
      ...anchors(
        '# A complete backend (node:http), as it runs\n## `preload`: an instant widget\n## Vue 3\n## Vue 3\n```\n# not a heading\n```',
      ),
    ],
    ['a-complete-backend-nodehttp-as-it-runs', 'preload-an-instant-widget', 'vue-3', 'vue-3-1'],
  );
});
