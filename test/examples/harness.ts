// What every example-app test needs: the sandbox, the app's own server as a real process, Chromium, and a user
// who clicks through the whole flow (the element's button, a bank and "Authorize" in the sandbox widget's
// cross-origin frame) while the test records what went over the wire and what the element dispatched.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { after, before } from 'node:test';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer';
import { EXAMPLES_SOURCE, EXAMPLES_WORKDIR } from '../../scripts/examples-workdir.mjs';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { until } from '../support/until.js';

/** Where scripts/build-examples.mjs installed and built the apps: a copy outside the repository. */
export const EXAMPLES_DIR = EXAMPLES_WORKDIR;
/**
 * The folders of demo/examples with a package.json, but the integrator example (issue 15's, tested by
 * test/package/integrator.test.ts); scripts/build-examples.mjs takes those that depend on ../.pack/.
 */
export const EXAMPLE_APPS = readdirSync(EXAMPLES_SOURCE, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(EXAMPLES_SOURCE, entry.name, 'package.json')))
  .filter((entry) => entry.name !== 'integrator')
  .map((entry) => entry.name)
  .sort();

/** A port nothing listens on right now, for servers that must be told their port up front (Next, Vite). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  origin: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts an example app's server (`command` in its folder, a process group of its own) with the sandbox as its
 * nrich API, and waits until `origin` answers. Fails with the server's output when it exits first.
 */
export async function startApp(
  app: string,
  command: string[],
  options: { port: number; sandbox: Sandbox; env?: Record<string, string> },
): Promise<RunningApp> {
  const origin = `http://127.0.0.1:${options.port}`;
  const [file, ...args] = command as [string, ...string[]];
  const child: ChildProcess = spawn(file, args, {
    cwd: path.join(EXAMPLES_DIR, app),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NG_CLI_ANALYTICS: 'false',
      PORT: String(options.port),
      APP_ORIGIN: origin,
      NRICH_API_URL: options.sandbox.url,
      NRICH_CLIENT_ID: SANDBOX_CLIENT_ID,
      NRICH_CLIENT_SECRET: SANDBOX_CLIENT_SECRET,
      SESSION_SECRET: 'the-examples-session-secret-of-32-characters-or-more',
      ...options.env,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running) {
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (running) process.kill(-child.pid!, 'SIGKILL');
    }
  };
  try {
    await until(
      () => {
        if (!running) throw new Error(`${app}: the server exited before answering:\n${output}`);
        return fetch(origin, { method: 'HEAD' }).then(
          () => true,
          () => false,
        );
      },
      `${app}: an answer from ${origin}`,
      60_000,
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${output}`, { cause: error });
  }
  return { origin, output: () => output, stop };
}

export function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface SuccessDetail {
  code: string;
  state: string;
  flow_id: string;
  [key: string]: unknown;
}

/** Everything a page printed or threw, to assert that an app runs without errors. */
export interface PageLog {
  errors: string[];
  messages: string[];
}

/**
 * A new page that records console output, uncaught errors (the sandbox widget frame's included), and every
 * `success` detail the element dispatches.
 */
export async function openPage(browser: Browser): Promise<{ page: Page; log: PageLog }> {
  const page = await browser.newPage();
  const log: PageLog = { errors: [], messages: [] };
  page.on('console', (message) => {
    const url = message.location().url ?? '';
    const text = `${message.type()}: ${message.text()}${url ? ` (${url})` : ''}`;
    log.messages.push(text);
    // Chromium asks every page for /favicon.ico; the examples have none.
    if (message.type() === 'error' && !url.endsWith('/favicon.ico')) log.errors.push(text);
  });
  page.on('pageerror', (error) => log.errors.push(`uncaught: ${String(error)}`));
  // Capturing on window sees the event on its way to the element, whatever the app does with it.
  await page.evaluateOnNewDocument(() => {
    const seen: unknown[] = [];
    Object.defineProperty(window, '__successDetails', { value: seen });
    window.addEventListener('success', (event) => seen.push({ ...(event as CustomEvent).detail }), true);
    // The element as the HTML parser made it, before any script ran (module scripts run after 'interactive'):
    // if the framework hydrated, the element the user clicks is this very node.
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      Object.defineProperty(window, '__parsedElement', { value: document.querySelector('nrich-connect') });
    });
  });
  return { page, log };
}

export interface FlowRecord {
  /** The body the element posted to the app's /api/widget-link. */
  sent: { redirect_uri: string; state: string; language?: string };
  /** The app backend's answer: the widget link and the flow id. */
  link: { location: string; id: string };
  /** What the element dispatched with `success`. */
  detail: SuccessDetail;
  /** The app's own status line once it handled the event. */
  result: string;
}

/**
 * Waits for the app's element to be upgraded and wired (framework rendered, hydrated), then runs a whole flow as a
 * user would, and returns once the element dispatched `success` and the app's status line (`result`) changed, or
 * `resultTimeout` ms passed without it changing (then `result` is '').
 */
export async function completeFlow(
  page: Page,
  sandbox: Sandbox,
  options: { element?: string; result?: string; resultTimeout?: number } = {},
): Promise<FlowRecord> {
  const element = options.element ?? 'nrich-connect';
  const resultSelector = options.result ?? '#result';
  // Wired: the element upgraded (shadow button) and its endpoint set (by attribute, or by the framework's props).
  await page.waitForFunction(
    (selector) => {
      const el = document.querySelector(selector) as (HTMLElement & { endpoint?: string }) | null;
      return Boolean(el?.shadowRoot?.querySelector('button.connect') && el.endpoint);
    },
    { timeout: 30_000 },
    element,
  );
  const successesBefore = await successCount(page);
  const linkResponse = page.waitForResponse(
    (response) => response.url().endsWith('/api/widget-link') && response.request().method() === 'POST',
  );
  await page.locator(`${element} >>> button.connect`).click();
  const response = await linkResponse;
  assert.equal(response.status(), 200, `/api/widget-link answered ${response.status()}: ${await response.text()}`);
  const sent = JSON.parse(response.request().postData() ?? '{}') as FlowRecord['sent'];
  const link = (await response.json()) as FlowRecord['link'];

  const widget = await waitForFrame(page, (frame) => frame.url().startsWith(`${sandbox.url}/widget`));
  const bank = await widget.waitForSelector('#screen-banks:not([hidden]) button.bank');
  await bank!.click();
  const authorize = await widget.waitForSelector('#screen-authorize:not([hidden]) button[data-outcome="authorize"]');
  await authorize!.click();

  await page.waitForFunction(
    (before) => (window as unknown as { __successDetails: unknown[] }).__successDetails.length > before,
    { timeout: 30_000 },
    successesBefore,
  );
  const details = (await page.evaluate(
    () => (window as unknown as { __successDetails: unknown[] }).__successDetails,
  )) as SuccessDetail[];
  assert.equal(details.length, successesBefore + 1, 'the element dispatched exactly one success');
  const result = await page
    .waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.trim() || false,
      {
        timeout: options.resultTimeout ?? 10_000,
      },
      resultSelector,
    )
    .then(
      (handle) => handle.jsonValue() as Promise<string>,
      () => '',
    );
  return { sent, link, detail: details.at(-1)!, result };
}

function successCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __successDetails: unknown[] }).__successDetails.length);
}

async function waitForFrame(page: Page, match: (frame: Frame) => boolean): Promise<Frame> {
  return page.waitForFrame(match, { timeout: 30_000 }).catch(() => {
    throw new Error(`no widget frame; frames: ${page.frames().map((f) => f.url())}`);
  });
}

/**
 * The checks every example shares: the element sent a state and got the backend's flow id; the success detail is
 * exactly { code, state, flow_id } and matches the wire; the app's own handler received all three (its status
 * line names flow and state and the code's length: the code itself never goes into the page).
 */
export function assertAppReceived(record: FlowRecord, pageOrigin: string): void {
  const { sent, link, detail, result } = record;
  assert.match(sent.state, /^\S{16,}$/);
  assert.equal(new URL(sent.redirect_uri).origin, pageOrigin);
  assert.deepEqual(Object.keys(detail).sort(), ['code', 'flow_id', 'state']);
  assert.match(detail.code, /^\S{8,}$/);
  assert.equal(detail.state, sent.state);
  assert.equal(detail.flow_id, link.id);
  assert.equal(
    result,
    `Connected: flow ${detail.flow_id}, state ${detail.state}, code of ${detail.code.length} characters.`,
  );
}

export { startSandbox, type Sandbox };

/** A sandbox and a Chromium for one test file, started before its tests and stopped after them. */
export function exampleEnvironment(): { sandbox: () => Sandbox; browser: () => Browser } {
  let sandbox: Sandbox | undefined;
  let browser: Browser | undefined;
  before(async () => {
    sandbox = await startSandbox();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
  });
  return { sandbox: () => sandbox!, browser: () => browser! };
}

/**
 * The whole check for one app: start its server, open `page`, click through a flow, assert the app received
 * code, state and flow_id and that the page logged no error; stop everything, pass or fail.
 */
export async function checkExampleFlow(
  env: { sandbox: () => Sandbox; browser: () => Browser },
  app: string,
  command: string[],
  options: { page?: string; env?: Record<string, string>; serverRendered?: boolean } = {},
): Promise<void> {
  const running = await startApp(app, command, { port: await freePort(), sandbox: env.sandbox(), env: options.env });
  const { page, log } = await openPage(env.browser());
  const url = `${running.origin}${options.page ?? '/'}`;
  try {
    if (options.serverRendered) {
      // The server's HTML already holds the element, and React hydrated that node rather than replacing it.
      assert.match(await (await fetch(url)).text(), /<nrich-connect[\s>]/);
    }
    await page.goto(url);
    const record = await completeFlow(page, env.sandbox());
    assertAppReceived(record, running.origin);
    if (options.serverRendered) {
      const hydrated = await page.evaluate(() => {
        const parsed = (window as unknown as { __parsedElement?: Element | null }).__parsedElement;
        return Boolean(parsed) && parsed === document.querySelector('nrich-connect');
      });
      assert.ok(hydrated, 'the server-rendered element was hydrated, not replaced');
    }
    assert.deepEqual(log.errors, []);
    await assertOtherSitesRefused(running.origin, record.sent.redirect_uri);
  } catch (error) {
    throw new Error(`${app}: ${String(error)}\npage log:\n${log.messages.join('\n')}\nserver:\n${running.output()}`, {
      cause: error,
    });
  } finally {
    await page.close();
    await running.stop();
  }
}

/** The app's endpoint refuses a page of another site (allowedOrigins), however valid its body. */
export async function assertOtherSitesRefused(origin: string, redirectUri: string): Promise<void> {
  const response = await fetch(`${origin}/api/widget-link`, {
    method: 'POST',
    headers: { origin: 'https://other-site.example', 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uri: redirectUri, state: 'x'.repeat(22), language: 'en' }),
  });
  assert.equal(response.status, 403, `a POST from another site got ${response.status}`);
}

/** `vite preview` of an app built by Vite, on 127.0.0.1 (the port comes from PORT, see the app's vite.config.ts). */
export const VITE_PREVIEW = ['node', 'node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1'];

/** Vite's dev server (`vite`, `npm run dev`) on 127.0.0.1: the widget-link middleware through configureServer. */
export const VITE_DEV = ['node', 'node_modules/vite/bin/vite.js', '--host', '127.0.0.1'];
