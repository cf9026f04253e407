/**
 * GitHub's heading anchors (lower case, punctuation dropped, spaces to hyphens), so `page.md#anchor` links work
 * on GitHub and on the site alike. Repeats get -1, -2, … from markdown-it-anchor, as on GitHub.
 */
export function githubSlug(text: string): string {
  return text
    .replace(/`/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-');
}
