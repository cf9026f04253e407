// Which real browsers `npm test` drives. BROWSERS=chromium (or a comma list) runs a subset.
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const all = {
  chromium: () =>
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
};

const installHint = 'Install it with: apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb (or run bash .ci/run).';

export async function launchers() {
  const wanted = (process.env.BROWSERS ?? Object.keys(all).join(',')).split(',').map((name) => name.trim());
  return wanted.map((name) => {
    if (!all[name]) throw new Error(`Unknown browser "${name}" in BROWSERS; known: ${Object.keys(all).join(', ')}.`);
    if (name === 'chromium' && !existsSync(chromiumPath)) {
      throw new Error(`No Chromium at ${chromiumPath}. ${installHint}`);
    }
    return all[name]();
  });
}
