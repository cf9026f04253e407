import { expect } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { NrichConnect } from '../src/index.js';
import { waitFor } from './helpers.js';

/**
 * The demo page (index.html, as `npm start` serves it) in every engine: a banking app whose first step is the
 * element. Click → sandbox widget → code → the demo's backend exchanges it and keeps the tokens → the dashboard
 * (total, weekly spending chart, accounts, transactions) → token rotation. Each state in English and Arabic
 * (right to left) is checked with axe and for layout invariants; the keyboard alone gets through the flow.
 * Pixel comparisons of the same states are in test/examples/demo-screenshots.test.ts (Chromium).
 */
const LANGUAGES = ['de', 'en', 'es', 'fr', 'ar'] as const;
const IBAN = 'DE89 3704 0044 0532 0130 00';

interface Demo {
  frame: HTMLIFrameElement;
  page: Document;
  win: Window;
  el: NrichConnect;
}

async function openDemo(lang: string, width = 1280, height = 900): Promise<Demo> {
  const frame = document.createElement('iframe');
  frame.title = 'demo';
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0`;
  frame.src = `/index.html?lang=${lang}`;
  document.body.append(frame);
  // Ready: the element upgraded, and the page knows which step to show (a connection kept for this browser's
  // session by an earlier test shows the dashboard; "Connect another bank" brings the first step back).
  const page = await waitFor(() => {
    const doc = frame.contentDocument;
    const upgraded = doc?.querySelector('nrich-connect')?.shadowRoot?.querySelector('button.connect');
    return upgraded && !doc!.querySelector('main')!.hasAttribute('aria-busy') ? doc : null;
  }, 15000);
  await page.fonts.ready;
  if (!page.querySelector<HTMLElement>('#dashboard')!.hidden)
    page.querySelector<HTMLButtonElement>('#connect-another')!.click();
  return { frame, page, win: frame.contentWindow!, el: page.querySelector('nrich-connect') as NrichConnect };
}

/** Runs a flow that the sandbox's widget authorizes by itself, and waits for the dashboard's transactions. */
async function connect({ page, el }: Demo, start: () => void | Promise<void> = () => clickConnect(el)) {
  el.endpoint = '/api/widget-link?autopilot=authorize';
  el.iban = IBAN;
  await el.updateComplete;
  await start();
  await waitFor(
    () => !page.querySelector<HTMLElement>('#dashboard')!.hidden && page.querySelector('#chart rect'),
    20000,
  );
}

function clickConnect(el: NrichConnect): void {
  el.shadowRoot!.querySelector<HTMLButtonElement>('button.connect')!.click();
}

/** axe-core, run inside the demo's own document (its shadow roots included). */
async function axeViolations({ page, win }: Demo): Promise<string[]> {
  const withAxe = win as Window & { axe?: { run(context: Document): Promise<{ violations: AxeViolation[] }> } };
  if (!withAxe.axe) {
    const script = page.createElement('script');
    script.textContent = await (await fetch('/node_modules/axe-core/axe.min.js')).text();
    page.head.append(script);
  }
  const { violations } = await withAxe.axe!.run(page);
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
interface AxeViolation {
  id: string;
  nodes: { target: string[] }[];
}

/** What must hold on every screen: nothing sticks out sideways, no two cards overlap, the bar reads in order. */
function layoutProblems({ page }: Demo): string[] {
  const problems: string[] = [];
  const root = page.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`page scrolls sideways: ${root.scrollWidth}px`);
  const visible = (el: Element) => el.getBoundingClientRect().width > 0;
  const cards = [...page.querySelectorAll('.card')].filter(visible).map((el) => el.getBoundingClientRect());
  for (const [i, a] of cards.entries()) {
    for (const b of cards.slice(i + 1)) {
      const overlap =
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      if (overlap) problems.push(`cards overlap at ${Math.round(a.top)} and ${Math.round(b.top)}`);
    }
    if (a.left < -1 || a.right > root.clientWidth + 1) problems.push(`card outside the page: ${a.left}..${a.right}`);
  }
  // Nothing sticks out of its card, the element's own parts included (the table scrolls inside its own box).
  for (const card of [...page.querySelectorAll('.card')].filter(visible)) {
    const box = card.getBoundingClientRect();
    const inside = [...card.querySelectorAll('*')].flatMap((el) => [
      el,
      ...(el.shadowRoot?.querySelectorAll('*') ?? []),
    ]);
    for (const el of inside.filter((el) => visible(el) && !el.closest('.table-scroll'))) {
      const r = el.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) {
        problems.push(`sticks out of its card: <${el.localName} class="${el.getAttribute('class') ?? ''}">`);
      }
    }
  }
  // The brand comes first in reading order: at the left in ltr, at the right in rtl.
  const brand = page.querySelector('.brand')!.getBoundingClientRect();
  const language = page.querySelector('#language')!.getBoundingClientRect();
  const rtl = page.documentElement.dir === 'rtl';
  if (rtl ? brand.left < language.left : brand.left > language.left) problems.push('brand not at the start');
  for (const control of page.querySelectorAll<HTMLElement>('button, select, summary')) {
    const { height } = control.getBoundingClientRect();
    if (visible(control) && height < 24) problems.push(`control too small to hit: ${control.outerHTML.slice(0, 60)}`);
  }
  return problems;
}

describe('demo page', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('goes from the click to the dashboard with the fetched data, and rotates the refresh token', async function () {
    this.timeout(30000);
    const demo = await openDemo('en');
    const { page } = demo;
    await connect(demo);

    // The dashboard shows what the backend fetched: the same session asks it here.
    const { accounts } = (await (await fetch('/api/accounts')).json()) as {
      accounts: { iban: string; balance: { balance: number } }[];
    };
    const total = accounts.reduce((sum, account) => sum + account.balance.balance, 0);
    const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });
    expect(page.querySelector('#total-balance')!.textContent).to.equal(money.format(total));
    expect(page.querySelectorAll('#accounts li')).to.have.length(accounts.length);
    expect(page.querySelector('#accounts')!.textContent).to.contain(IBAN);
    expect(page.querySelectorAll('#transactions tbody tr').length).to.be.greaterThan(0);
    // One bar per week of history, and a caption that says what the bars show.
    expect(page.querySelectorAll('#chart rect.chart-bar').length).to.be.within(12, 15);
    expect(page.querySelector('#chart-summary')!.textContent).to.match(/spent over \d+ weeks/);
    expect(page.querySelector('#log')!.textContent).to.contain('success');
    // Step two is current, and focus went to the new content.
    expect(page.querySelector('#step-overview')!.getAttribute('aria-current')).to.equal('step');
    expect(page.activeElement?.id).to.equal('dashboard-title');
    // The page never holds a token or the code.
    expect(page.documentElement.outerHTML).to.not.match(/access_token|refresh_token/);

    page.querySelector<HTMLDetailsElement>('#developer')!.open = true;
    page.querySelector<HTMLButtonElement>('#refresh')!.click();
    const rotation = await waitFor(() => page.querySelector('#rotation')!.textContent?.includes('→') && page);
    const [before, after] = rotation.querySelector('#rotation')!.textContent!.match(/[0-9a-f]{8}/g)!;
    expect(before).to.not.equal(after);

    // Back later (a reload, another tab): the backend still holds the connection, and the page opens on it.
    const again = document.createElement('iframe');
    again.style.cssText = 'width: 1280px; height: 900px; border: 0';
    again.src = '/index.html?lang=de';
    document.body.append(again);
    const resumed = await waitFor(() => {
      const doc = again.contentDocument;
      return doc && !doc.querySelector<HTMLElement>('#dashboard')?.hidden && doc.querySelector('#accounts li') && doc;
    }, 15000);
    expect(resumed.querySelector('#accounts')!.textContent).to.contain(IBAN);
    expect(resumed.querySelector<HTMLElement>('#onboarding')!.hidden).to.equal(true);
  });

  it('is usable with the keyboard alone: Tab reaches the button, Enter connects, focus lands on the dashboard', async function () {
    this.timeout(30000);
    const demo = await openDemo('en');
    const { page, el } = demo;
    await connect(demo, async () => {
      demo.win.focus();
      page.querySelector<HTMLSelectElement>('#language')!.focus();
      for (let presses = 0; presses < 10 && page.activeElement !== el; presses++) await sendKeys({ press: 'Tab' });
      expect(page.activeElement).to.equal(el, 'Tab reaches the connect button');
      // The IBAN field comes first inside the element; one more Tab reaches its button.
      if (el.shadowRoot!.activeElement?.matches('input')) await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement?.matches('button.connect')).to.equal(true);
      await sendKeys({ press: 'Enter' });
    });
    expect(page.activeElement?.id).to.equal('dashboard-title');
  });

  for (const lang of ['en', 'ar'] as const) {
    for (const width of [1280, 360]) {
      it(`${lang}, ${width}px: onboarding, developer options and dashboard are axe-clean and keep their layout`, async function () {
        this.timeout(30000); // axe over the whole page, four times, in the slowest engine
        const demo = await openDemo(lang, width);
        expect(demo.page.documentElement.dir).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
        expect(await axeViolations(demo), 'onboarding').to.deep.equal([]);
        expect(layoutProblems(demo), 'onboarding').to.deep.equal([]);
        demo.page.querySelector<HTMLDetailsElement>('#developer')!.open = true;
        expect(await axeViolations(demo), 'developer options').to.deep.equal([]);
        await connect(demo);
        await new Promise((resolve) => demo.win.requestAnimationFrame(resolve));
        expect(await axeViolations(demo), 'dashboard').to.deep.equal([]);
        expect(layoutProblems(demo), 'dashboard').to.deep.equal([]);
      });
    }
  }

  it('shows the last sync, and transactions that arrive while it is open: marked new, announced once, axe-clean', async function () {
    this.timeout(60000);
    // A backend and sandbox of this test's own (web-test-runner.config.mjs): the hours it adds to the sandbox's
    // clock expire no flow of a test running meanwhile in another browser.
    document.cookie = `demo-backend=keeper-${Math.random().toString(36).slice(2)}; path=/`;
    try {
      const demo = await openDemo('en');
      const { page } = demo;
      await connect(demo);
      const syncedAt = page.querySelector('#synced-at')!;
      await waitFor(() => syncedAt.textContent!.startsWith('Last synced'));
      const firstLine = syncedAt.textContent;
      expect(firstLine).to.match(/next sync due/);
      // Sandbox time runs fast here too, and the page says so plainly.
      expect(page.querySelector<HTMLElement>('#time-lapse')!.hidden).to.equal(false);
      expect(page.querySelector('#time-lapse')!.textContent).to.match(/1 hour passes every 5 s/);

      const listed = async () =>
        (
          (await (await fetch('/api/sync?count=500')).json()) as {
            transactions: { transaction_id: string; purpose: string }[];
          }
        ).transactions;
      const before = new Set((await listed()).map((tx) => tx.transaction_id));
      expect(page.querySelectorAll('#transactions tr.new')).to.have.length(0);

      // Past the keeper's next sync: qwist's autosync brought transactions, the keeper fetched them, and the page
      // shows them without a reload.
      const moved = await fetch(`/test/demo-clock?advance=${6 * 3_600_000 + 60_000}`, { method: 'POST' });
      expect(moved.status).to.equal(200);
      const fresh = await waitFor(() => page.querySelector('#transactions tr.new'), 20000);
      expect(fresh.querySelector('.date')!.textContent).to.contain('New');
      const arrived = (await listed()).filter((tx) => !before.has(tx.transaction_id));
      expect(arrived.map((tx) => tx.purpose)).to.include(fresh.querySelector('.purpose')!.textContent);
      expect(syncedAt.textContent).to.not.equal(firstLine);
      // One polite live region says how many arrived; the rows themselves are not live.
      const news = page.querySelector('#sync-news')!;
      await waitFor(() => news.textContent);
      expect(news.getAttribute('role')).to.equal('status');
      expect(news.textContent).to.match(/new transaction/i);
      expect(page.querySelectorAll('[aria-live], [role="status"]').length).to.equal(
        page.querySelectorAll('#connect-status, #data-status, #sync-news, #rotation, #log').length,
      );
      expect(await axeViolations(demo), 'with new transactions').to.deep.equal([]);
      expect(layoutProblems(demo), 'with new transactions').to.deep.equal([]);

      // The highlight fades; with reduced motion it holds still (the word "New" says it either way).
      const newCell = () => page.querySelector('#transactions tr.new td')!;
      expect(demo.win.getComputedStyle(newCell()).animationName).to.equal('arrived');
      try {
        await emulateMedia({ reducedMotion: 'reduce' });
      } catch {
        // WebKit's WebDriver cannot emulate media features: the check below then does not apply
      }
      if (demo.win.matchMedia('(prefers-reduced-motion: reduce)').matches) {
        expect(demo.win.getComputedStyle(newCell()).animationName).to.equal('none');
        await emulateMedia({ reducedMotion: 'no-preference' });
      }

      // The new words in all five languages, placeholders filled.
      for (const lang of LANGUAGES) {
        const select = page.querySelector<HTMLSelectElement>('#language')!;
        select.value = lang;
        select.dispatchEvent(new Event('change'));
        for (const id of ['#synced-at', '#time-lapse']) {
          const text = page.querySelector(id)!.textContent!;
          expect(text, `${lang} ${id}`).to.not.match(/\{\w+\}/);
          expect(text.length, `${lang} ${id}`).to.be.greaterThan(10);
        }
      }
    } finally {
      document.cookie = 'demo-backend=; path=/; max-age=0';
    }
  });

  it('speaks all five languages: the page, its dates and amounts, and the element follow the language menu', async function () {
    this.timeout(30000);
    const demo = await openDemo('en');
    const { page, el } = demo;
    await connect(demo);
    const seen = new Map<string, string>();
    for (const lang of LANGUAGES) {
      const select = page.querySelector<HTMLSelectElement>('#language')!;
      select.value = lang;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(page.documentElement.lang).to.equal(lang);
      expect(page.documentElement.dir).to.equal(lang === 'ar' ? 'rtl' : 'ltr');
      expect(el.language).to.equal(lang);
      expect(new URL(demo.win.location.href).searchParams.get('lang')).to.equal(lang);
      const text = page.querySelector('main')!.innerText;
      expect(text, `${lang}: a placeholder left unfilled`).to.not.match(/\{\w+\}/);
      seen.set(
        lang,
        `${page.querySelector('#dashboard-title')!.textContent}|${page.querySelector('#synced-at')!.textContent}`,
      );
    }
    // Each language has its own heading and its own date format.
    expect(new Set(seen.values()).size).to.equal(LANGUAGES.length);
  });
});
