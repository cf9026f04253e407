import { defineConfig } from '@playwright/test';

// The system's Chromium (Debian's `chromium` package): nothing is downloaded, so CI needs no `playwright install`.
export default defineConfig({
  testDir: 'tests',
  workers: 1,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
});
