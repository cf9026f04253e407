import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer from 'puppeteer';
import { startSandbox, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '/work/main/demo/sandbox/index.js';

const sandbox = await startSandbox();
const host = createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  res.writeHead(200, { 'content-type': 'text/html' });
  if (u.pathname === '/cb') return res.end(`<p id=cb>${u.search}</p>`);
  res.end(`<!doctype html><body><script>window.msgs=[];addEventListener('message',e=>msgs.push({origin:e.origin,data:e.data,fromFrame:e.source===document.querySelector('iframe')?.contentWindow}))</script><iframe id=f src="${(u.searchParams.get('src') ?? '').replace(/"/g, '&quot;')}" width=600 height=600></iframe></body>`);
});
await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
const hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
const auth = 'Basic ' + Buffer.from(`${SANDBOX_CLIENT_ID}:${SANDBOX_CLIENT_SECRET}`).toString('base64');
async function flow(body: object, q = '') {
  const r = await fetch(`${sandbox.url}/onetime/access${q}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await r.json()) as { location: string; id: string };
}
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e));
  // 1. framed, bank selection, keyboard
  const f1 = await flow({ redirect_uri: `${hostOrigin}/cb`, state: 's1', language: 'en' });
  await page.goto(`${hostOrigin}/?src=${encodeURIComponent(f1.location)}`);
  const frame = await (await page.$('iframe'))!.contentFrame();
  await frame.waitForSelector('::-p-aria(Sandbox Bank)');
  const snap = await page.accessibility.snapshot({ interestingOnly: true });
  console.log('a11y names:', JSON.stringify(snap).match(/"name":"[^"]*"/g)?.join(' '));
  await frame.focus('button[data-bank="demo-sparkasse"]');
  await page.keyboard.press('Enter');
  await frame.waitForSelector('#screen-authorize:not([hidden])');
  console.log('focused after bank:', await frame.evaluate(() => document.activeElement?.id), await frame.$eval('#chosen-bank', (e) => e.textContent));
  await (await frame.$('::-p-aria(Authorize)'))!.click();
  await frame.waitForSelector('#screen-done:not([hidden])');
  console.log('done:', await frame.$eval('#screen-done', (e) => e.getAttribute('data-outcome') + ' | ' + e.textContent?.trim().replace(/\s+/g, ' ')));
  await new Promise((r) => setTimeout(r, 200));
  console.log('msgs:', JSON.stringify(await page.evaluate(() => (window as any).msgs)).slice(0, 400));
  console.log('host url still:', page.url());
  // 2. top-level with IBAN skip, cancel → navigates
  const f2 = await flow({ redirect_uri: `${hostOrigin}/cb?x=1`, state: 's2', accounts: [{ id: 'DE89370400440532013000' }] }, '?coop=1');
  await page.goto(f2.location);
  console.log('skip:', await page.$eval('#screen-authorize', (e) => !e.hidden), await page.$eval('#chosen-iban', (e) => e.textContent));
  await Promise.all([page.waitForNavigation(), (await page.$('::-p-aria(Cancel)'))!.click()]);
  console.log('top-level landed:', page.url());
  // 3. legacy framed
  const f3 = await flow({ redirect_uri: `${hostOrigin}/cb`, state: 's3' }, '?message_shape=legacy');
  await page.goto(`${hostOrigin}/?src=${encodeURIComponent(f3.location)}`);
  const frame3 = await (await page.$('iframe'))!.contentFrame();
  await (await frame3.waitForSelector('::-p-aria(Example Direct)'))!.click();
  await (await frame3.waitForSelector('::-p-aria(Simulate failure)'))!.click();
  await frame3.waitForSelector('#screen-done:not([hidden])');
  await new Promise((r) => setTimeout(r, 200));
  console.log('legacy msgs:', JSON.stringify(await page.evaluate(() => (window as any).msgs)));
  // 4. test page forging
  const src = `${sandbox.url}/_test/post-message?target=${encodeURIComponent(hostOrigin)}#${encodeURIComponent(JSON.stringify({ link: 'x', query: { success: 'true' } }))}`;
  await page.goto(`${hostOrigin}/?src=${encodeURIComponent(src)}`);
  await new Promise((r) => setTimeout(r, 500));
  const f4 = await (await page.$('iframe'))!.contentFrame();
  console.log('test page status:', await f4.$eval('#status', (e) => e.textContent), f4.url());
  console.log('forged msgs:', JSON.stringify(await page.evaluate(() => (window as any).msgs)));
} finally {
  await browser.close();
  await sandbox.close();
  host.close();
}
