// The demo: a small banking app ("Moneta") with the element as its onboarding step, then a dashboard of what the
// demo's backend fetched. It uses the element as a host does (public entry only), in the five languages of the
// widget (`?lang=ar` etc.), and keeps the developer's switches (mode, IBAN field, history, event log) folded away.
import '../src/nrich-connect.js';
import type { IbanField, Mode, NrichConnectEventMap } from '../src/index.js';
import { DataError, loadBankData, loadSync, renderDashboard, renderSync, type BankData } from './bank-data.js';
import { isLanguage, language, LANGUAGE_NAMES, LANGUAGES, setLanguage, t, type Language } from './i18n.js';

const SAMPLE_IBAN = 'DE89 3704 0044 0532 0130 00';

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;
const connect = document.querySelector('nrich-connect')!;
const onboarding = $<HTMLElement>('#onboarding');
const dashboard = $<HTMLElement>('#dashboard');
const connectStatus = $('#connect-status');
const dataStatus = $('#data-status');
const languageSelect = $<HTMLSelectElement>('#language');
const settings = $<HTMLFormElement>('#settings');
const log = $('#log');

let data: BankData | undefined;
/** What the status lines say, as keys, so a language switch can say it again. */
let connectMessage: (() => string) | undefined;

// --- language ---------------------------------------------------------------------------------------------

function applyLanguage(next: Language): void {
  setLanguage(next);
  languageSelect.value = next;
  connect.language = next;
  const hint = $('#iban-hint');
  const [before, after] = t('ibanHint').split('{iban}');
  const iban = document.createElement('code');
  iban.dir = 'ltr';
  iban.textContent = SAMPLE_IBAN;
  hint.replaceChildren(before ?? '', iban, after ?? '');
  connectStatus.textContent = connectMessage?.() ?? '';
  // The last arrival's news was said in the old language; the next one is said in the new.
  $('#sync-news').textContent = '';
  if (data) renderDashboard(data);
}

languageSelect.append(...LANGUAGES.map((code) => new Option(LANGUAGE_NAMES[code], code)));
languageSelect.addEventListener('change', () => {
  const next = languageSelect.value;
  if (!isLanguage(next)) return;
  const url = new URL(window.location.href);
  url.searchParams.set('lang', next);
  history.replaceState(history.state, '', url);
  applyLanguage(next);
});

function initialLanguage(): Language {
  const fromUrl = new URL(window.location.href).searchParams.get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  const fromBrowser = navigator.language.slice(0, 2);
  return isLanguage(fromBrowser) ? fromBrowser : 'en';
}
applyLanguage(initialLanguage());

// --- steps ------------------------------------------------------------------------------------------------

function showStep(step: 'connect' | 'overview', { focus = true } = {}): void {
  onboarding.hidden = step !== 'connect';
  dashboard.hidden = step !== 'overview';
  for (const [id, current] of [
    ['#step-connect', step === 'connect'],
    ['#step-overview', step === 'overview'],
  ] as const) {
    if (current) $(id).setAttribute('aria-current', 'step');
    else $(id).removeAttribute('aria-current');
  }
  // Keyboard and screen-reader users land on the new content, not on a button that has gone.
  if (focus) $<HTMLElement>(step === 'connect' ? '#onboarding-title' : '#dashboard-title').focus();
}

function say(message: (() => string) | undefined): void {
  connectMessage = message;
  connectStatus.textContent = message?.() ?? '';
}

async function showDashboard(options: { focus?: boolean } = {}): Promise<void> {
  dataStatus.textContent = t('loading');
  try {
    data = await loadBankData();
  } catch (error) {
    if (error instanceof DataError && error.status === 401) {
      // The backend no longer holds a working connection: back to the first step.
      data = undefined;
      say(() => t('lapsed'));
      showStep('connect', options);
      return;
    }
    dataStatus.textContent = t('loadFailed', { status: error instanceof DataError ? error.status : 'network' });
    showStep('overview', options);
    return;
  }
  dataStatus.textContent = '';
  say(undefined);
  renderDashboard(data);
  showStep('overview', options);
  watchSync();
}

// --- new transactions while the page is open ---------------------------------------------------------------

/** How often the page asks the backend what the keeper synced (the keeper, not the page, calls the API). */
const POLL_MS = 3_000;
/** How long a transaction that just arrived stays marked new. */
const FRESH_MS = 8_000;
const syncNews = $('#sync-news');
let pollTimer: ReturnType<typeof setTimeout> | undefined;

function watchSync(): void {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(() => void pollSync().finally(() => !dashboard.hidden && data && watchSync()), POLL_MS);
}

async function pollSync(): Promise<void> {
  if (dashboard.hidden || !data) return;
  let next: Pick<BankData, 'transactions' | 'sync'>;
  try {
    next = await loadSync();
  } catch (error) {
    if (error instanceof DataError && error.status === 401) {
      data = undefined;
      say(() => t('lapsed'));
      showStep('connect', { focus: false });
    }
    return; // anything else: the next poll tries again, and the page keeps what it shows
  }
  if (!data) return;
  const known = new Set(data.transactions.map((tx) => tx.transaction_id));
  const arrived = next.transactions.filter((tx) => !known.has(tx.transaction_id)).map((tx) => tx.transaction_id!);
  // Any change: an arrival, a pending one gone, a pending amount changed in place.
  const changed = JSON.stringify(next.transactions) !== JSON.stringify(data.transactions);
  const fresh = new Set([...(data.fresh ?? []), ...arrived]);
  data = { ...data, ...next, fresh };
  // The sync line and the sandbox's clock move even when no transaction does.
  if (changed) renderDashboard(data);
  else renderSync(data);
  if (arrived.length === 0) return;
  const count = arrived.length;
  // Emptied first, so that the same words twice in a row are announced twice.
  syncNews.textContent = '';
  requestAnimationFrame(() => {
    syncNews.textContent = count === 1 ? t('newTransaction') : t('newTransactions', { count });
  });
  setTimeout(() => {
    if (!data?.fresh) return;
    const still = new Set([...data.fresh].filter((id) => !arrived.includes(id)));
    data = { ...data, fresh: still };
    renderDashboard(data);
  }, FRESH_MS);
}

$('#connect-another').addEventListener('click', () => showStep('connect'));

// --- the element ------------------------------------------------------------------------------------------

connect.addEventListener('open', () => say(undefined));
connect.addEventListener('abort', () => say(() => t('cancelled')));
connect.addEventListener('error', (event) => say(() => t('failed', { message: event.detail.message })));
// The success detail goes to the backend unchanged: it checks state and flow id against the flow it started,
// exchanges the code and keeps the tokens. The page never sees a token.
connect.addEventListener('success', async (event) => {
  say(() => t('connecting'));
  const response = await fetch('/api/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event.detail),
  }).catch(() => undefined);
  if (!response?.ok) {
    say(() => t('exchangeFailed', { status: response?.status ?? 'network' }));
    return;
  }
  await showDashboard();
});

// --- developer options ------------------------------------------------------------------------------------

function applySettings(): void {
  const form = new FormData(settings);
  connect.ibanField = String(form.get('ibanField')) as IbanField;
  const syncPeriod = Number(form.get('syncPeriod'));
  connect.syncPeriod = Number.isInteger(syncPeriod) && syncPeriod >= 1 ? syncPeriod : undefined;
  connect.mode = String(form.get('mode')) as Mode;
  // A popup returns to the callback page, which relays the result here; every other mode returns to this page.
  connect.redirectUri =
    connect.mode === 'popup' ? new URL('/demo/callback.html', window.location.href).href : undefined;
}
settings.addEventListener('change', applySettings);
applySettings();

/** Logs every event; the code itself never goes into the page (it is a credential until exchanged). */
function logEvent(event: NrichConnectEventMap[keyof NrichConnectEventMap]): void {
  const detail: Record<string, unknown> = { ...event.detail };
  if (event.type === 'success' && typeof detail.code === 'string') detail.code = '(sent to the backend)';
  const item = document.createElement('li');
  item.dir = 'ltr';
  item.textContent = `${new Date().toLocaleTimeString(language())} ${event.type} ${JSON.stringify(detail)}`;
  log.prepend(item);
}
for (const type of ['open', 'success', 'abort', 'error'] as const) connect.addEventListener(type, logEvent);

$('#refresh').addEventListener('click', async () => {
  const status = $('#rotation');
  const response = await fetch('/api/refresh', { method: 'POST' });
  if (!response.ok) {
    status.textContent = t('rotateFailed', { status: response.status });
    return;
  }
  const { previousFingerprint, refreshTokenFingerprint } = (await response.json()) as Record<string, string>;
  status.textContent = t('rotated', { before: previousFingerprint ?? '', after: refreshTokenFingerprint ?? '' });
  if (!dashboard.hidden) await showDashboard({ focus: false });
});

// --- on load: a connection the backend still holds goes straight to the dashboard --------------------------

async function resume(): Promise<void> {
  // No such route (a backend without stored connections answers the dev server's HTML), or not reachable: the
  // first step.
  const response = await fetch('/api/connection').catch(() => undefined);
  if (!response?.ok || !response.headers.get('content-type')?.includes('json')) return;
  const { status } = (await response.json().catch(() => ({}))) as { status?: string };
  if (status === 'active') await showDashboard({ focus: false });
  if (status === 'needs_reauthorization') say(() => t('lapsed'));
}
// The page is busy until it knows which step to show (assistive technology waits; so do the tests).
const page = $('main');
page.setAttribute('aria-busy', 'true');
void resume().finally(() => page.removeAttribute('aria-busy'));
