// demo/examples/express: Express 5 with createConnectHandlers and a cookie session (docs/frameworks.md shows its
// server.ts word for word). A complete flow, then the page posts the detail to /api/exchange: the code is
// exchanged once, for the session that started the flow, and the fetched data is that session's alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertAppReceived,
  assertOtherSitesRefused,
  completeFlow,
  exampleEnvironment,
  freePort,
  openPage,
  startApp,
} from './harness.js';

describe('Express 5', () => {
  const env = exampleEnvironment();

  it('a complete flow; the page posts the detail, the session exchanges it once and gets its data', async () => {
    const running = await startApp('express', ['node', 'dist/server.js'], {
      port: await freePort(),
      sandbox: env.sandbox(),
    });
    const { page, log } = await openPage(env.browser());
    try {
      await page.goto(`${running.origin}/`);
      const record = await completeFlow(page, env.sandbox());
      assertAppReceived(record, running.origin);

      const line = await page.waitForFunction(() => document.querySelector('#data')?.textContent?.trim() || false);
      const fetched = /^Fetched (\d+) accounts and (\d+) transactions\.$/.exec(String(await line.jsonValue()));
      assert.ok(fetched, `the exchange answered: ${String(await line.jsonValue())}`);
      // The session's data, read back with the page's cookie: what the exchange fetched, and nothing is lost.
      const data = (await page.evaluate(async () => (await fetch('/api/bank-data')).json())) as {
        accounts: unknown[];
        transactions: unknown[];
      };
      assert.ok(data.accounts.length > 0 && data.transactions.length > 0);
      assert.equal(data.accounts.length, Number(fetched[1]));
      assert.equal(data.transactions.length, Number(fetched[2]));
      assert.deepEqual(log.errors, []);

      // The same detail again, from the same page: the code is not exchanged twice.
      const again = await page.evaluate(async (detail) => {
        const response = await fetch('/api/exchange', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(detail),
        });
        return { status: response.status, body: (await response.json()) as { error?: string } };
      }, record.detail);
      assert.deepEqual([again.status, again.body.error], [409, 'flow_already_used']);

      // Without the session's cookie (another browser), the detail is refused and no data is there.
      const stranger = await fetch(`${running.origin}/api/exchange`, {
        method: 'POST',
        headers: { origin: running.origin, 'content-type': 'application/json' },
        body: JSON.stringify(record.detail),
      });
      assert.equal(stranger.status, 401);
      assert.equal((await fetch(`${running.origin}/api/bank-data`)).status, 404);
      await assertOtherSitesRefused(running.origin, record.sent.redirect_uri);
    } catch (error) {
      throw new Error(`express: ${String(error)}\nserver:\n${running.output()}`, { cause: error });
    } finally {
      await page.close();
      await running.stop();
    }
  });
});
