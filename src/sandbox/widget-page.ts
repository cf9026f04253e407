/**
 * The widget's HTML: bank selection, authorization, done and error screens in one document,
 * all rendered up front and toggled with `hidden` by widget-script.ts. The initial screen is
 * chosen here, on the server, so there is no flash of the bank list when an IBAN skips it.
 */
import type { Flow, Language, Outcome } from './store.js';
import type { SandboxBank } from './banks.js';
import { BANKS, bankForIban } from './banks.js';
import { formatIban } from './iban.js';
import { escapeHtml, jsonForScript } from './http.js';
import { WIDGET_STRINGS } from './widget-strings.js';
import { WIDGET_SCRIPT } from './widget-script.js';

/** What the page script needs; embedded as JSON so tests can read it without a browser. */
interface WidgetConfig {
  token: string;
  language: Language;
  messageShape: Flow['messageShape'];
  coop: boolean;
  autopilot: Outcome | null;
  autopilotDelay: number;
  skipBankSelection: boolean;
  iban: string | null;
  ibanFormatted: string | null;
  bank: { id: string; name: string } | null;
  banks: { id: string; name: string }[];
  targetOrigin: string;
  completeUrl: string;
  /** The long-poll through which a test completes this flow (`completeFlow` from nrich-connect/testing). */
  awaitUrl: string;
  strings: { done: Record<string, string>; doneText: string; redirecting: string; working: string };
}

const STYLES = `
*,*::before,*::after{box-sizing:border-box}
:root{--brand:#0b6e6e;--brand-dark:#084f4f;--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--bg:#f3f5f8;
  font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center}
header{width:100%;background:var(--brand);color:#fff;padding:.75rem 1.25rem;font-weight:600;letter-spacing:.02em}
main{width:100%;max-width:28rem;margin:1.5rem 1rem;padding:1.5rem;background:#fff;border-radius:12px;
  box-shadow:0 1px 3px rgb(0 0 0/.12)}
h1{font-size:1.35rem;margin:0 0 .5rem}
h1:focus{outline:none}
p{margin:.25rem 0 1rem;color:var(--muted)}
ul{list-style:none;margin:0 0 1rem;padding:0;display:grid;gap:.5rem}
button{font:inherit;cursor:pointer;border-radius:8px;padding:.7rem 1rem;border:1px solid var(--line);background:#fff;color:var(--ink)}
button:hover{border-color:var(--brand)}
button:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
button[aria-disabled="true"]{opacity:.6;cursor:progress}
.bank{width:100%;display:flex;align-items:center;gap:.75rem;text-align:start}
.bank::before{content:"";content:attr(data-initial) / "";display:inline-grid;place-items:center;width:2.25rem;height:2.25rem;
  border-radius:50%;background:#e3f1f1;color:var(--brand-dark);font-weight:700}
.primary{background:var(--brand);border-color:var(--brand);color:#fff}
.primary:hover{background:var(--brand-dark)}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1rem}
dt{color:var(--muted)}dd{margin:0;font-weight:600}
.iban{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;direction:ltr;unicode-bidi:isolate}
footer{color:var(--muted);font-size:.85rem;padding:0 1rem 1rem}
`;

function widgetConfig(flow: Flow, origin: string): WidgetConfig {
  const strings = WIDGET_STRINGS[flow.language];
  const bank: SandboxBank | undefined = flow.iban ? bankForIban(flow.iban) : undefined;
  return {
    token: flow.token,
    language: flow.language,
    messageShape: flow.messageShape,
    coop: flow.coop,
    autopilot: flow.autopilot ?? null,
    autopilotDelay: flow.autopilotDelay,
    skipBankSelection: flow.iban !== undefined,
    iban: flow.iban ?? null,
    ibanFormatted: flow.iban ? formatIban(flow.iban) : null,
    bank: bank ? { id: bank.id, name: bank.name } : null,
    banks: BANKS.map(({ id, name }) => ({ id, name })),
    targetOrigin: new URL(flow.redirectUri).origin,
    completeUrl: `${origin}/widget/complete`,
    awaitUrl: `${origin}/widget/await`,
    strings: {
      done: strings.done,
      doneText: strings.doneText,
      redirecting: strings.redirecting,
      working: strings.working,
    },
  };
}

/** English-named controls inside a non-English page get lang="en" so screen readers pronounce them right. */
function enAttr(language: Language): string {
  return language === 'en' ? '' : ' lang="en"';
}

export function renderWidgetPage(flow: Flow, origin: string): string {
  const config = widgetConfig(flow, origin);
  const t = WIDGET_STRINGS[flow.language];
  const en = enAttr(flow.language);
  const skip = config.skipBankSelection;
  const bankButtons = BANKS.map(
    (bank) =>
      // The logo letter uses CSS alt text (`/ ""`) so it stays out of the accessible name and textContent.
      `<li><button type="button" class="bank" data-bank="${bank.id}" data-initial="${escapeHtml(bank.name.charAt(0))}">${escapeHtml(bank.name)}</button></li>`,
  ).join('\n      ');
  const ibanRow = config.ibanFormatted
    ? `<dt>${escapeHtml(t.ibanLabel)}</dt><dd class="iban" id="chosen-iban">${escapeHtml(config.ibanFormatted)}</dd>`
    : '';

  return `<!doctype html>
<html lang="${flow.language}"${flow.language === 'ar' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(t.title)} – nrich sandbox</title>
<style>${STYLES}</style>
</head>
<body>
<header>nrich sandbox</header>
<main>
  <section id="screen-banks" aria-labelledby="banks-title"${skip ? ' hidden' : ''}>
    <h1 id="banks-title" tabindex="-1">${escapeHtml(t.banksHeading)}</h1>
    <p>${escapeHtml(t.banksIntro)}</p>
    <ul aria-labelledby="banks-title">
      ${bankButtons}
    </ul>
    <button type="button" data-outcome="cancel"${en}>Cancel</button>
  </section>
  <section id="screen-authorize" aria-labelledby="authorize-title"${skip ? '' : ' hidden'}>
    <h1 id="authorize-title" tabindex="-1">${escapeHtml(t.authorizeHeading)}</h1>
    <dl>
      <dt>${escapeHtml(t.bankLabel)}</dt><dd id="chosen-bank">${escapeHtml(config.bank?.name ?? '')}</dd>
      ${ibanRow}
    </dl>
    <p id="authorize-hint">${escapeHtml(t.authorizeHint)}</p>
    <div class="actions" role="group" aria-describedby="authorize-hint">
      <button type="button" class="primary" data-outcome="authorize"${en}>Authorize</button>
      <button type="button" data-outcome="cancel"${en}>Cancel</button>
      <button type="button" data-outcome="fail"${en}>Simulate failure</button>
    </div>
  </section>
  <section id="screen-done" aria-labelledby="done-title" hidden>
    <h1 id="done-title" tabindex="-1"></h1>
    <p id="done-text"></p>
  </section>
  <section id="screen-error" aria-labelledby="error-title" hidden>
    <h1 id="error-title" tabindex="-1">${escapeHtml(t.errorHeading)}</h1>
    <p id="error-text"></p>
  </section>
  <p id="busy" role="status"></p>
</main>
<footer>${escapeHtml(t.sandboxNotice)}</footer>
<script type="application/json" id="sandbox-config">${jsonForScript(config)}</script>
<script>${WIDGET_SCRIPT}</script>
</body>
</html>`;
}

/** Error pages (unknown, expired or spent token): a heading and a sentence, nothing to click. */
export function renderMessagePage(language: Language, heading: string, text: string): string {
  return `<!doctype html>
<html lang="${language}"${language === 'ar' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(heading)} – nrich sandbox</title>
<style>${STYLES}</style>
</head>
<body>
<header>nrich sandbox</header>
<main>
  <h1>${escapeHtml(heading)}</h1>
  <p>${escapeHtml(text)}</p>
</main>
</body>
</html>`;
}
