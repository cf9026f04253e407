/**
 * The docs site (`npm run docs:build` → docs/.vitepress/dist): VitePress over the Markdown in docs/, which stays
 * readable on GitHub as it is. Pages are found by glob, so a guide added to docs/ or docs/guides/ appears without
 * touching this file; the sidebar's framework entries are read from docs/frameworks.md's headings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';
import { githubSlug } from './slug.js';

const docs = fileURLToPath(new URL('..', import.meta.url));
const repository = JSON.parse(readFileSync(path.join(docs, '../package.json'), 'utf8'))
  .repository.url.replace(/^git\+/, '')
  .replace(/\.git$/, '');

/** A page's `##` headings (outside code fences) as sidebar links to their anchors, each with its `###` ones. */
function headings(file: string): DefaultTheme.SidebarItem[] {
  const markdown = readFileSync(path.join(docs, file), 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  const items: DefaultTheme.SidebarItem[] = [];
  for (const [, hashes = '', text = ''] of markdown.matchAll(/^(##|###)\s+(.+)$/gm)) {
    const item = { text: text.replace(/`/g, ''), link: `/${file.replace(/\.md$/, '')}#${githubSlug(text)}` };
    const parent = items.at(-1);
    if (hashes === '###' && parent) (parent.items ??= []).push(item);
    else items.push(item);
  }
  return items;
}

/** Every page of a folder, titled by its first heading. */
function pages(folder: string): DefaultTheme.SidebarItem[] {
  const dir = path.join(docs, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const title = /^#\s+(.+)$/m.exec(readFileSync(path.join(dir, name), 'utf8'))?.[1] ?? name;
      return { text: title.replace(/`/g, ''), link: `/${path.posix.join(folder, name.replace(/\.md$/, ''))}` };
    });
}

const stores = existsSync(path.join(docs, 'stores.md'))
  ? { text: 'Stores and keys', link: '/stores' }
  : { text: 'Stores and keys', link: `/backend#${githubSlug('Stores')}` };

const sidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guides',
    items: [
      { text: 'Frameworks', link: '/frameworks', items: headings('frameworks.md') },
      ...pages('guides'),
      { text: 'Host backend', link: '/backend', collapsed: true, items: headings('backend.md') },
      { text: 'Data shapes', link: '/data' },
      { text: 'The element in depth', link: '/element' },
    ],
  },
  {
    text: 'Operating it',
    items: [
      { text: 'Going to production', link: '/production' },
      stores,
      { text: 'Ongoing access: the keeper', link: '/keeper' },
      { text: 'Security', link: '/security' },
      { text: 'Testing your integration', link: '/testing' },
    ],
  },
  {
    text: 'Reference',
    items: [
      { text: 'Element API', link: '/api' },
      { text: 'Server kit API', link: '/server-api/' },
      { text: 'Errors', link: '/errors' },
    ],
  },
  {
    text: 'Project',
    items: [
      { text: 'Design notes', link: '/design-notes' },
      { text: 'Packaging notes', link: '/design-notes-packaging' },
      { text: 'Size and speed', link: '/performance' },
    ],
  },
];

// A page added to docs/ that the sidebar above does not name yet is listed too, so no page is left unreachable.
const named = new Set(
  sidebar.flatMap((group) => group.items ?? []).map((item) => item.link?.split('#')[0]?.replace(/^\//, '')),
);
const unnamed = pages('.').filter((page) => page.link !== '/index' && !named.has(page.link?.slice(1)));
if (unnamed.length > 0) sidebar.push({ text: 'More', items: unnamed });

export default defineConfig({
  title: 'nrich-connect',
  description: 'Drop-in <nrich-connect> element and host backend kit for the nrich API.',
  outDir: '.vitepress/dist',
  cacheDir: '.vitepress/cache',
  // examples/ holds the code files the pages show word for word; they are not pages.
  srcExclude: ['examples/**', 'server-api/README.md'],
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  // A page may show the element's tag as HTML: it is a custom element, not a Vue component to resolve.
  vue: { template: { compilerOptions: { isCustomElement: (tag: string) => tag.startsWith('nrich-') } } },
  markdown: {
    anchor: { slugify: githubSlug }, // GitHub's anchors, so a link works both on GitHub and here
    config(md) {
      // A link out of docs/ (README, CONTRIBUTING, a source file, an example app) goes to the repository.
      md.core.ruler.push('links-out-of-docs', (state) => {
        const page = (state.env as { relativePath?: string }).relativePath ?? '';
        for (const token of state.tokens.flatMap((t) => t.children ?? [])) {
          if (token.type !== 'link_open') continue;
          const href = token.attrGet('href');
          if (!href || /^[a-z]+:|^#|^\//i.test(href)) continue;
          // security.md includes the root's SECURITY.md whole: its links are written from the repository's root.
          const base = page === 'security.md' ? '.' : path.posix.join('docs', path.posix.dirname(page));
          const target = path.posix.normalize(path.posix.join(base, href));
          if (target.startsWith('docs/')) {
            if (base === '.') token.attrSet('href', `/${target.slice('docs/'.length)}`);
            continue;
          }
          const kind = target.endsWith('/') || !path.posix.extname(target.split('#')[0] ?? '') ? 'tree' : 'blob';
          token.attrSet('href', `${repository}/${kind}/main/${target.replace(/\/$/, '')}`);
        }
      });
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    socialLinks: [{ icon: 'github', link: repository }],
    nav: [
      { text: 'Guides', link: '/frameworks' },
      { text: 'Production', link: '/production' },
      { text: 'Reference', link: '/api' },
    ],
    sidebar,
  },
});
