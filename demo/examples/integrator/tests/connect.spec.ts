// The app end to end, offline: the sandbox (API and widget) and the app's own backend start in this file; the
// browser clicks the element, the sandbox completes the flow as the chosen outcome, the backend exchanges the code
// and fetches the data, and the page shows the seeded transactions. docs/testing.md: "Testing your integration".
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

const statusAfter: Record<SandboxOutcome, string> = {
  authorize: 'Connected: 2 accounts, 45 transactions',
  cancel: 'You cancelled. Connect whenever you like.',
  fail: 'The bank connection failed. Please try again.',
};

for (const [outcome, status] of Object.entries(statusAfter) as [SandboxOutcome, string][]) {
  test(`connect a bank account: ${outcome}`, async ({ page }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Connect your bank' }).click();
    await completeFlow(sandbox, { outcome }); // the widget presses that button itself

    await expect(page.getByRole('status')).toHaveText(status);
    const rows = page.getByRole('table', { name: 'Transactions' }).locator('tbody tr');
    if (outcome === 'authorize') {
      // The documented seed (docs/testing.md): the newest booking, then the salary.
      await expect(rows).toHaveCount(45);
      await expect(rows.nth(0)).toContainText('Stadtwerke MusterstadtAbschlag Strom und Gas 402746-€64.89');
      await expect(rows.nth(1)).toContainText('Arbeitgeber GmbHGehalt 662714€2,447.08');
    } else {
      await expect(rows).toHaveCount(0);
    }
  });
}

test('an expired code: the backend answers 400 and the page says so', async ({ page }) => {
  sandbox.scriptNextFlow({ expiredCode: true });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Connect your bank' }).click();
  await completeFlow(sandbox);

  await expect(page.getByRole('status')).toHaveText(
    'The bank connection was refused (used, expired or revoked): connect the account again.',
  );
});

test('clicking inside the widget frame works too', async ({ page }) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Connect your bank' }).click();
  await completeInFrame(page, { outcome: 'authorize' });

  await expect(page.getByRole('status')).toHaveText(statusAfter.authorize);
});
