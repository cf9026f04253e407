// Which real browsers `npm test` drives, all from Debian's packages (.ci/run installs them):
//   chromium  /usr/bin/chromium through @web/test-runner-chrome (CDP)
//   firefox   /usr/bin/firefox-esr through @web/test-runner-puppeteer over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver under Xvfb, both started and stopped here
// BROWSERS=chromium (or a comma list such as BROWSERS=firefox,webkit) runs a subset.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { startWebKitDriver } from './webkit-driver.mjs';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const miniBrowserPath = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The WebDriver launcher, with Xvfb and WebKitWebDriver started on initialize and stopped on stop. */
class WebKitLauncher extends WebdriverLauncher {
  async initialize(config, testFiles) {
    this.services = await startWebKitDriver();
    this.options.port = this.services.port;
    await super.initialize(config, testFiles);
    this.name = 'WebKit (MiniBrowser)';
  }

  async stop() {
    await super.stop();
    await this.services?.stop();
    this.services = undefined;
  }
}

/** The label the runner prints for a launcher's results. */
function named(launcher, name) {
  launcher.name = name;
  return launcher;
}

const all = {
  chromium: {
    binaries: [[chromiumPath, 'chromium']],
    launcher: () =>
      named(
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
        'Chromium',
      ),
  },
  firefox: {
    binaries: [[firefoxPath, 'firefox-esr']],
    launcher: () =>
      named(
        puppeteerLauncher({
          launchOptions: {
            browser: 'firefox',
            executablePath: firefoxPath,
            headless: true,
            // Puppeteer already sets dom.disable_open_during_load=false; the popup tests rely on it.
            extraPrefsFirefox: { 'dom.disable_open_during_load': false },
          },
        }),
        'Firefox ESR',
      ),
  },
  webkit: {
    binaries: [
      [miniBrowserPath, 'libwebkit2gtk-4.1-0 (installed with webkit2gtk-driver)'],
      ['WebKitWebDriver', 'webkit2gtk-driver'],
      ['Xvfb', 'xvfb'],
    ],
    launcher: () =>
      new WebKitLauncher({
        automationProtocol: 'webdriver',
        hostname: '127.0.0.1',
        port: 0, // the free port WebKitWebDriver was started on, set in initialize()
        path: '/',
        logLevel: 'error',
        capabilities: {
          browserName: 'MiniBrowser',
          // Without it webdriverio asks for a BiDi session, which WebKitWebDriver refuses ("Failed to match capabilities").
          'wdio:enforceWebDriverClassic': true,
          'webkitgtk:browserOptions': {
            binary: miniBrowserPath,
            args: ['--automation', '--javascript-can-open-windows-automatically=true'],
          },
        },
      }),
  },
};

const installHint =
  'Install with: apt-get install -y chromium firefox-esr webkit2gtk-driver xvfb (or run bash .ci/run).';

/** An absolute path, or a command name looked up on PATH. */
function found(binary) {
  if (binary.includes('/')) return existsSync(binary);
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, binary)));
}

export async function launchers() {
  const wanted = (process.env.BROWSERS ?? Object.keys(all).join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return wanted.map((name) => {
    if (!all[name]) throw new Error(`Unknown browser "${name}" in BROWSERS; known: ${Object.keys(all).join(', ')}.`);
    for (const [binary, debianPackage] of all[name].binaries) {
      if (!found(binary)) {
        throw new Error(
          `${name}: ${binary} not found; it comes from Debian's ${debianPackage} package. ${installHint}`,
        );
      }
    }
    return all[name].launcher();
  });
}
