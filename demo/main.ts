// The demo page: the element as a host uses it (public entry only), its settings, an event log, and the
// backend half of the flow (exchange the code, show accounts and transactions).
import '../src/nrich-connect.js';
import type { IbanField, Mode, NrichConnectEventMap } from '../src/index.js';
import { showBankData, showRotation, showStoredConnection } from './bank-data.js';

const connect = document.querySelector('nrich-connect')!;
const settings = document.querySelector<HTMLFormElement>('#settings')!;
const log = document.querySelector('#log')!;

function applySettings(): void {
  const form = new FormData(settings);
  connect.language = String(form.get('language') || '') || undefined;
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
  item.textContent = `${new Date().toLocaleTimeString()} ${event.type} ${JSON.stringify(detail)}`;
  log.prepend(item);
}
for (const type of ['open', 'success', 'abort', 'error'] as const) connect.addEventListener(type, logEvent);

// The success detail goes to the backend unchanged: it checks state and flow id against the flow it started.
connect.addEventListener('success', async (event) => {
  const response = await fetch('/api/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(event.detail),
  });
  if (response.ok) await showBankData();
});

document.querySelector('#refresh')!.addEventListener('click', showRotation);
void showStoredConnection();
