// The demo page: the element as a host uses it (public entry only), its settings, an event log, and the
// backend half of the flow (exchange the code, show accounts and transactions).
import '../src/nrich-connect.js';
import type { IbanField, Mode, NrichConnectEventMap } from '../src/index.js';
import { showBankData, showRotation } from './bank-data.js';

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
}
settings.addEventListener('change', applySettings);
applySettings();

/** Logs every event; a code is shown shortened, as a host should never print one whole. */
function logEvent(event: NrichConnectEventMap[keyof NrichConnectEventMap]): void {
  const detail: Record<string, unknown> = { ...event.detail };
  if (event.type === 'success' && typeof detail.code === 'string') detail.code = `${detail.code.slice(0, 6)}…`;
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${event.type} ${JSON.stringify(detail)}`;
  log.prepend(item);
}
for (const type of ['open', 'success', 'abort', 'error'] as const) connect.addEventListener(type, logEvent);

connect.addEventListener('success', async (event) => {
  const response = await fetch('/api/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: event.detail.code }),
  });
  if (response.ok) await showBankData();
});

document.querySelector('#refresh')!.addEventListener('click', showRotation);
