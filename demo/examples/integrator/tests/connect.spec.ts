// The app end to end, offline: the sandbox (API and widget) and the app's own backend start in this file; the
// browser clicks the element, the sandbox completes the flow as the chosen outcome, the backend exchanges the code
// and fetches the data, and the page shows the seeded transactions. README: "Testing your integration".
import { expect, test } from '@playwright/test';
import { startSandbox, type Sandbox } from 'nrich-connect/sandbox';
import { completeFlow, completeInFrame, type SandboxOutcome } from 'nrich-connect/testing';
import { startApp } from '../server.js';

let sandbox: Sandbox;
let app: Awaited<ReturnType<typeof startApp>>;

test.beforeAll(async () => {
  sandbox = await startSandbox(); // a free port on 127.0.0.1, the documented seed data
  app = await startApp({ apiUrl: sandbox.url, ...sandbox.credentials });
});

test.afterAll(async () => {
  await app?.close();
  await sandbox?.close();
});

const outcomes: Record<SandboxOutcome, string> = {
  authorize: 'Connected: 2 accounts, 45 transactions',
  cancel: 'You cancelled. Connect whenever you like.',
  fail: 'The bank connection failed. Please try again.',
};

for (const [outcome, status] of Object.entries(outcomes) as [SandboxOutcome, string][]) {
  test(`connect a bank account: ${outcome}`, async ({ page }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Connect your bank' }).click();
    await completeFlow(sandbox, { outcome });

    await expect(page.getByRole('status')).toHaveText(status);
    const rows = page.getByRole('table', { name: 'Transactions' }).locator('tbody tr');
    if (outcome === 'authorize') {
      // The documented seed: the newest booking is the salary, and the Girokonto's balance is known too.
      await expect(rows).toHaveCount(45);
      await expect(rows.first()).toContainText('Arbeitgeber GmbH');
    } else {
      await expect(rows).toHaveCount(0);
    }
  });
}

test('connect a bank account by clicking inside the widget', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Connect your bank' }).click();
  await completeInFrame(page, { outcome: 'authorize' });

  await expect(page.getByRole('status')).toHaveText(outcomes.authorize);
});
