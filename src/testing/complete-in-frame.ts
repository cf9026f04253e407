/**
 * Completes a flow by clicking inside the widget's frame, as a user would, for runners that can reach into a
 * cross-origin iframe: Playwright (a `Page`) and WebdriverIO (a `browser`). Overlay and inline modes only (the
 * popup and redirect modes show no frame); `completeFlow` from this entry works in every mode and every runner.
 *
 * The driver types are structural, so this entry depends on neither runner.
 */
import type { SandboxOutcome } from './complete-flow.js';

/** The part of Playwright's `Page` used here. */
export interface PlaywrightPageLike {
  frameLocator(selector: string): { locator(selector: string): PlaywrightLocatorLike };
}
interface PlaywrightLocatorLike {
  first(): PlaywrightLocatorLike;
  click(): Promise<void>;
  getAttribute(name: string): Promise<string | null>;
}

/** The part of WebdriverIO's `browser` (v9) used here; `E` is its chainable element, which `switchFrame` takes. */
export interface WebdriverIOBrowserLike<E extends WebdriverIOElementLike<E>> {
  $(selector: string): E;
  switchFrame(frame: NoInfer<E> | null): Promise<unknown>;
}
export interface WebdriverIOElementLike<E> {
  shadow$(selector: string): E;
  waitForClickable(): Promise<unknown>;
  click(): Promise<unknown>;
  getAttribute(name: string): Promise<string | null>;
}

export interface CompleteInFrameOptions {
  outcome?: SandboxOutcome;
  /** The element on the page. Default `nrich-connect` (the first one). */
  host?: string;
}

/**
 * The widget's contract with tests: its screens are `#screen-banks` and `#screen-authorize` (one shown at a time)
 * and its buttons carry `data-bank` or `data-outcome`. The first match is the outcome's button, or a bank to pick
 * first when the widget asks for one.
 */
const SHOWN_SCREEN = ':is(#screen-banks, #screen-authorize):not([hidden])';
const firstStep = (outcome: SandboxOutcome): string =>
  `${SHOWN_SCREEN} :is(button[data-bank], button[data-outcome="${outcome}"])`;
const outcomeButton = (outcome: SandboxOutcome): string =>
  `#screen-authorize:not([hidden]) button[data-outcome="${outcome}"]`;

function isPlaywright<E extends WebdriverIOElementLike<E>>(
  driver: PlaywrightPageLike | WebdriverIOBrowserLike<E>,
): driver is PlaywrightPageLike {
  return typeof (driver as Partial<PlaywrightPageLike>).frameLocator === 'function';
}

export async function completeInFrame<E extends WebdriverIOElementLike<E>>(
  driver: PlaywrightPageLike | WebdriverIOBrowserLike<E>,
  options: CompleteInFrameOptions = {},
): Promise<void> {
  const outcome = options.outcome ?? 'authorize';
  const host = options.host ?? 'nrich-connect';
  if (isPlaywright(driver)) {
    // Playwright's CSS pierces open shadow roots, and its locators wait for the element.
    const frame = driver.frameLocator(`${host} iframe`);
    const first = frame.locator(firstStep(outcome)).first();
    if ((await first.getAttribute('data-bank')) !== null) await first.click();
    await frame.locator(outcomeButton(outcome)).click();
    return;
  }
  if (typeof driver.switchFrame !== 'function') {
    throw new TypeError('completeInFrame needs a Playwright Page or a WebdriverIO (v9) browser.');
  }
  const frame = driver.$(host).shadow$('iframe');
  await frame.waitForClickable();
  await driver.switchFrame(frame);
  try {
    const first = driver.$(firstStep(outcome));
    await first.waitForClickable();
    if ((await first.getAttribute('data-bank')) !== null) await first.click();
    const button = driver.$(outcomeButton(outcome));
    await button.waitForClickable();
    await button.click();
  } finally {
    await driver.switchFrame(null);
  }
}
