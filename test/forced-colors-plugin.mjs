// Browser commands for test/element/forced-colors.test.ts, Chromium only (CDP; the other engines answer false):
//   executeServerCommand('forced-colors', { active })  emulates `forced-colors: active` (Windows High Contrast)
//   executeServerCommand('screenshot', { name })       saves the page to test/screenshots/forced-colors/<name>.png
import { mkdirSync } from 'node:fs';

const folder = 'test/screenshots/forced-colors';
const sessions = new WeakMap();

export function forcedColorsPlugin() {
  return {
    name: 'forced-colors-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors' && command !== 'screenshot') return undefined;
      const page = session.browser.getPage?.(session.id);
      // Chromium's DevTools protocol only (Firefox's puppeteer page speaks WebDriver BiDi, WebKit's is WebDriver).
      if (page?.browser?.().protocol !== 'cdp') return false;
      if (command === 'forced-colors') {
        // Puppeteer's emulateMediaFeatures refuses this feature; Chromium's own protocol takes it.
        // The emulation lasts as long as the session that set it: one per page, kept.
        if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
        await sessions.get(page).send('Emulation.setEmulatedMedia', {
          features: [{ name: 'forced-colors', value: payload.active ? 'active' : 'none' }],
        });
        return true;
      }
      if (!/^[\w-]+$/.test(payload.name)) throw new Error(`screenshot: bad name ${payload.name}`);
      mkdirSync(folder, { recursive: true });
      await page.screenshot({ path: `${folder}/${payload.name}.png` });
      return true;
    },
  };
}
