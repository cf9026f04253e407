// WebdriverIO (9) in standalone mode, under any runner (node:test here; the same calls work in a wdio spec, where
// `browser` is given). The test starts the sandbox and your app; `completeInFrame(browser)` clicks inside the
// widget's frame, `completeFlow(sandbox)` completes the flow without it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { remote } from 'webdriverio';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { completeFlow, completeInFrame } from 'nrich-connect/testing';

// Your app, started with the sandbox as its nrich API (the integrator example's `startApp` in server.js).
declare function startApp(settings: { apiUrl: string; clientId: string; clientSecret: string }): Promise<{
  url: string;
  close(): Promise<void>;
}>;

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startApp>>;
let browser: WebdriverIO.Browser;

before(async () => {
  sandbox = await startSandbox();
  app = await startApp({ apiUrl: sandbox.url, ...sandbox.credentials });
  browser = await remote({ capabilities: { browserName: 'chrome' } });
});

after(async () => {
  await browser?.deleteSession();
  await app?.close();
  await sandbox?.close();
});

async function clickConnect(): Promise<void> {
  await browser.url(app.url);
  await (await browser.$('nrich-connect').shadow$('button')).click();
}

test('connect a bank account by clicking inside the widget', async () => {
  await clickConnect();
  await completeInFrame(browser, { outcome: 'authorize' });
  await browser.waitUntil(async () => (await browser.$('[role=status]').getText()).startsWith('Connected'));
});

test('a failed connection, completed by the sandbox', async () => {
  await clickConnect();
  assert.equal((await completeFlow(sandbox, { outcome: 'fail' })).outcome, 'fail');
  await browser.waitUntil(async () => (await browser.$('[role=status]').getText()).includes('failed'));
});
