// The widget page's long-poll (`POST /widget/await`) in a real browser (Debian's Chromium through playwright-core):
// once its flow ends, however it ends, the poll ends with a normal answer, and the widget's frame logs no error.
// The page is framed by a host page on its own loopback origin, which keeps the frame after the flow (the element
// would remove it, and with it the last poll), so the poll's last answer is always seen.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { completeFlow, completeInFrame, type SandboxOutcome } from 'nrich-connect/testing';

let sandbox: Sandbox;
let host: Server;
let hostOrigin: string;
let browser: Browser;

before(async () => {
  sandbox = await startSandbox();
  // The host page frames the widget link given in its query (the widget's CSP allows loopback hosts).
  host = createServer((req, res) => {
    const widget = new URL(req.url ?? '/', 'http://host').searchParams.get('widget') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>host</title><iframe src="${widget.replace(/"/g, '&quot;')}"></iframe>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
  await sandbox?.close();
});

/** A flow whose widget is framed by the host page; every console error, with the URL that logged it. */
async function framedWidget(): Promise<{ page: Page; flowId: string; errors: string[] }> {
  const response = await fetch(`${sandbox.url}/onetime/access`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${btoa(`${sandbox.credentials.clientId}:${sandbox.credentials.clientSecret}`)}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ redirect_uri: `${hostOrigin}/` }),
  });
  const { location, id } = (await response.json()) as { location: string; id: string };
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${String(error)}`));
  const polling = page.waitForRequest((request) => request.url() === `${sandbox.url}/widget/await`);
  await page.goto(`${hostOrigin}/?${new URLSearchParams({ widget: location })}`);
  await polling;
  return { page, flowId: id, errors };
}

/**
 * The poll's answer that is not "ask again" (204): its status, and its body when it is a 200 (the widget reads
 * those; Chromium never finishes loading a body nobody reads, so other bodies are not waited for).
 */
async function lastPollAnswer(page: Page): Promise<{ status: number; body?: unknown }> {
  const response = await page.waitForResponse(
    (candidate) => candidate.url() === `${sandbox.url}/widget/await` && candidate.status() !== 204,
  );
  return response.status() === 200 ? { status: 200, body: await response.json() } : { status: response.status() };
}

/** Once the widget's frame has run everything queued (a round trip into it), what it logged is in. */
async function settled(page: Page): Promise<void> {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(sandbox.url));
  await frame?.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('the widget page’s long-poll once its flow ends', () => {
  for (const outcome of ['authorize', 'cancel', 'fail'] satisfies SandboxOutcome[]) {
    test(`by its own ${outcome} button: answered "ended", no console error`, async () => {
      const { page, errors } = await framedWidget();
      try {
        const answer = lastPollAnswer(page);
        await completeInFrame(page, { outcome, host: 'body' });
        const last = await answer;
        await page.frameLocator('iframe').locator(`#screen-done[data-outcome="${outcome}"]`).waitFor();
        await settled(page);
        assert.deepEqual(errors, []);
        assert.deepEqual(last, { status: 200, body: { ended: true } });
      } finally {
        await page.close();
      }
    });
  }

  for (const outcome of ['authorize', 'cancel'] satisfies SandboxOutcome[]) {
    test(`by completeFlow (${outcome}): the widget presses it, no console error`, async () => {
      const { page, flowId, errors } = await framedWidget();
      try {
        const answer = lastPollAnswer(page);
        assert.deepEqual(await completeFlow(sandbox, { flowId, outcome }), { flowId, outcome });
        const last = await answer;
        await page.frameLocator('iframe').locator(`#screen-done[data-outcome="${outcome}"]`).waitFor();
        await settled(page);
        assert.deepEqual(errors, []);
        assert.deepEqual(last, { status: 200, body: { outcome } });
      } finally {
        await page.close();
      }
    });
  }
});
