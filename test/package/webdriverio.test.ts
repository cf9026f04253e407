// `nrich-connect/testing` from WebdriverIO (9, WebDriver classic) in a real browser: WebKit's MiniBrowser through
// WebKitWebDriver under Xvfb (the browser suite's set-up), against the built package. `completeInFrame` clicks
// inside the widget's cross-origin frame; `completeFlow` has the sandbox complete the flow without it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { remote } from 'webdriverio';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { completeFlow, completeInFrame } from 'nrich-connect/testing';
import { startWebKitDriver } from '../webkit-driver.mjs';
import { startConnectApp } from './fixtures/connect-app.js';

const miniBrowser = process.env['MINIBROWSER_PATH'] ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startConnectApp>>;
let driver: Awaited<ReturnType<typeof startWebKitDriver>>;
let browser: WebdriverIO.Browser;

before(async () => {
  sandbox = await startSandbox();
  app = await startConnectApp(sandbox);
  driver = await startWebKitDriver();
  // WebKitGTK's own capability is unknown to webdriverio's types.
  const capabilities = {
    browserName: 'MiniBrowser',
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': {
      binary: miniBrowser,
      args: ['--automation', '--javascript-can-open-windows-automatically=true'],
    },
  };
  browser = await remote({ hostname: '127.0.0.1', port: driver.port, path: '/', logLevel: 'error', capabilities });
});

after(async () => {
  await browser?.deleteSession();
  await driver?.stop();
  await app?.close();
  await sandbox?.close();
});

async function clickConnect(mode = 'overlay'): Promise<void> {
  await browser.url(`${app.url}/?mode=${mode}`);
  const button = await browser.$('nrich-connect').shadow$('button.connect');
  await button.waitForClickable();
  await button.click();
}

async function result(): Promise<string> {
  const status = await browser.$('#result');
  await browser.waitUntil(async () => (await status.getText()) !== '', { timeout: 15000 });
  return status.getText();
}

test('completeInFrame: WebdriverIO clicks Authorize inside the widget frame, the page gets success', async () => {
  await clickConnect();
  await completeInFrame(browser, { outcome: 'authorize' });
  assert.equal(await result(), 'success');
});

test('completeInFrame: Cancel inside the frame ends with abort (widget)', async () => {
  await clickConnect();
  await completeInFrame(browser, { outcome: 'cancel' });
  assert.equal(await result(), 'abort widget');
});

test('completeFlow: the sandbox completes the open widget without the frame (fail ends with error)', async () => {
  await clickConnect();
  const completed = await completeFlow(sandbox, { outcome: 'fail' });
  assert.equal(completed.outcome, 'fail');
  assert.match(await result(), /^error /);
});

test('completeFlow in popup mode: the widget in its own window completes, the page gets success', async () => {
  const before = await browser.getWindowHandles();
  await clickConnect('popup');
  const completed = await completeFlow(sandbox, { outcome: 'authorize' });
  assert.equal(completed.outcome, 'authorize');
  assert.equal(await result(), 'success');
  await browser.waitUntil(async () => (await browser.getWindowHandles()).length === before.length, {
    timeout: 10000,
    timeoutMsg: 'the popup did not close',
  });
});

test('completeFlow in redirect mode: the page goes to the widget and comes back with the result', async () => {
  await clickConnect('redirect');
  await completeFlow(sandbox, { outcome: 'cancel' });
  await browser.waitUntil(async () => (await browser.getUrl()).startsWith(app.url), { timeout: 10000 });
  assert.equal(await result(), 'abort widget');
  assert.doesNotMatch(await browser.getUrl(), /state=|flow_id=|abort=/, 'the address bar is cleaned');
});
