// The docs site as a reader gets it: `npm run docs:build` (TypeDoc for the server kit, then VitePress) writes
// static files, a plain static server on loopback serves them, and Chromium (Debian's, through playwright-core)
// opens them. Every internal link of every built page resolves (page and #anchor); each guide and both generated
// references are in the sidebar and render; search finds a page; no page logs a console error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

const SITE = 'docs/.vitepress/dist';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

let server: Server;
let origin = '';
let browser: Browser;

/** A plain static server: a file, a folder's index.html, or 404. */
function serve(root: string): Server {
  return createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(path.resolve(root))) file = '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html') && name !== '404.html')
    .map((name) => name.split(path.sep).join('/'));
}

before(async () => {
  const build = spawnSync('npm', ['run', 'docs:build'], { encoding: 'utf8', stdio: 'pipe' });
  assert.equal(build.status, 0, `npm run docs:build failed:\n${build.stdout}\n${build.stderr}`);
  server = serve(path.resolve(SITE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Opens a page, waits for the app to have hydrated, and answers it with the console errors it logged. */
async function open(pathname: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${pathname}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${pathname}: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${pathname}: ${response.status()} for ${response.url()}`);
  });
  const response = await page.goto(origin + pathname, { waitUntil: 'networkidle' });
  assert.equal(response?.status(), 200, `${pathname} answers ${response?.status()}`);
  await page.locator('.VPContent').waitFor();
  return { page, errors };
}

test('every internal link of every built page resolves, to the page and to its #anchor', async () => {
  const pages = htmlFiles(SITE);
  assert.ok(pages.length > 20, `only ${pages.length} pages built`);
  const idsOf = new Map<string, Set<string>>();
  const ids = (file: string): Set<string> => {
    let found = idsOf.get(file);
    if (!found) {
      const html = readFileSync(path.join(SITE, file), 'utf8');
      found = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map(([, id]) => decodeHtml(id!)));
      idsOf.set(file, found);
    }
    return found;
  };
  const broken: string[] = [];
  for (const file of pages) {
    const html = readFileSync(path.join(SITE, file), 'utf8');
    const base = new URL(`/${file}`, origin);
    for (const [, raw] of html.matchAll(/<a\s[^>]*?href="([^"]+)"/g)) {
      const url = new URL(decodeHtml(raw!), base);
      if (url.origin !== origin) continue;
      const target = resolveFile(url.pathname);
      if (!target) broken.push(`${file} → ${url.pathname}`);
      else if (url.hash && !ids(target).has(decodeURIComponent(url.hash.slice(1))))
        broken.push(`${file} → ${url.pathname}${url.hash} (no such anchor)`);
    }
  }
  assert.deepEqual(broken, []);
});

test('each guide and both generated references are in the sidebar and render without a console error', async () => {
  const { page, errors } = await open('/');
  await page.getByRole('link', { name: 'Guides', exact: true }).first().click();
  await page.waitForURL(/\/frameworks/);
  const sidebar = page.locator('.VPSidebar');
  // The URL changes before the client-side page has drawn its sidebar: wait for its first link, then count.
  await sidebar.getByRole('link', { name: 'Frameworks', exact: true }).first().waitFor();
  const expected = [
    'Frameworks',
    'Host backend',
    'Data shapes',
    'Going to production',
    'Stores and keys',
    'Security',
    'Testing your integration',
    'Element API',
    'Server kit API',
  ];
  for (const name of expected) assert.equal(await sidebar.getByRole('link', { name, exact: true }).count(), 1, name);
  // A guide per setup: the framework sections of docs/frameworks.md, and the backends of docs/backend.md.
  const setups = ['Vue 3', 'Angular', 'Plain HTML, no build', 'Express', 'Next.js route handler', 'Hono'];
  for (const name of setups) {
    assert.ok(await sidebar.locator('a', { hasText: new RegExp(`^${name.replace(/[.()]/g, '\\$&')}$`) }).count(), name);
  }
  // Guides other helpers add under docs/guides/ appear by glob.
  for (const file of existsSync('docs/guides') ? readdirSync('docs/guides').filter((f) => f.endsWith('.md')) : []) {
    assert.ok(existsSync(path.join(SITE, 'guides', file.replace(/\.md$/, '.html'))), `docs/guides/${file} not built`);
  }
  const links = await sidebar
    .locator('a')
    .evaluateAll((anchors) => [...new Set(anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
  await page.close();

  const seen: string[] = [...errors];
  const headings = new Map<string, string>();
  for (const pathname of links) {
    const opened = await open(pathname);
    headings.set(pathname, (await opened.page.locator('.vp-doc h1, .vp-doc h2').first().textContent()) ?? '');
    seen.push(...opened.errors);
    await opened.page.close();
  }
  assert.deepEqual(seen, []);
  // The generated references have their generated content.
  const element = await open('/api.html');
  assert.ok(await element.page.getByRole('cell', { name: 'endpoint', exact: true }).count(), 'element API table');
  await element.page.close();
  const kit = await open('/server-api/');
  for (const name of ['createConnectHandlers', 'createNrichClient', 'Account', 'Transaction', 'OneTimeData'])
    assert.ok(await kit.page.getByRole('link', { name, exact: true }).count(), `server kit reference lists ${name}`);
  await kit.page.close();
  assert.match(headings.get('/production.html') ?? '', /Going to production/);
});

test('search finds the production guide', async () => {
  const { page, errors } = await open('/');
  await page.locator('.VPNavBarSearch button').click();
  await page.locator('#localsearch-input').fill('frame-src');
  const results = page.locator('#localsearch-list a');
  await results.first().waitFor();
  const hrefs = await results.evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  assert.ok(
    hrefs.some((href) => new URL(href).pathname === '/production.html'),
    `no result on production: ${hrefs.join(', ')}`,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

/** The built file a site path names, or undefined. */
function resolveFile(pathname: string): string | undefined {
  const relative = decodeURIComponent(pathname).replace(/^\//, '');
  for (const candidate of [relative, `${relative}index.html`, `${relative}.html`]) {
    const file = path.join(SITE, candidate);
    if (candidate && existsSync(file) && statSync(file).isFile()) return candidate;
  }
  return undefined;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
