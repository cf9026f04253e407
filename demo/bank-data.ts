// The dashboard: what the demo's backend fetched with the tokens it keeps (never sent to this page), shown as a
// banking app shows it: the total, spending per week, the accounts, the latest transactions.
import { describeSpending, drawSpendingChart, weeklySpending } from './spending-chart.js';
import { dateTime, formatIban, longDate, money, shortDate, t } from './i18n.js';

interface Account {
  account_id: string;
  iban: string;
  name: string;
  type?: string;
  bank_name: string;
  currency: string;
  balance: { balance: number; balance_date: string };
}
interface Transaction {
  transaction_id?: string;
  booking_date?: string;
  value_date?: string;
  name: string;
  purpose: string;
  amount: number;
  currency: string;
  status?: string;
}
/** The keeper's view of the connection, as `/api/sync` gives it (times on the API's clock, ISO). */
interface SyncInfo {
  lastSyncedAt: string | null;
  nextSyncAt: string | null;
  now: string;
  /** The embedded sandbox's fast clock, when it runs one. */
  timeLapse: { stepMs: number; everyMs: number; running: boolean } | null;
}
export interface BankData {
  accounts: Account[];
  /** The host's copy the keeper keeps, newest first. */
  transactions: Transaction[];
  sync: SyncInfo;
  /** Ids that arrived since the page last looked: marked new for a moment. */
  fresh?: ReadonlySet<string>;
}

/** A failed data request: its HTTP status and the backend's error code. */
export class DataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string | { code?: string } };
    const code = typeof body.error === 'string' ? body.error : (body.error?.code ?? 'http_error');
    throw new DataError(response.status, code);
  }
  return response.json() as Promise<T>;
}

/** The keeper's last and next sync, and the newest 100 transactions of the host's copy. */
export async function loadSync(): Promise<Pick<BankData, 'transactions' | 'sync'>> {
  const { transactions, ...sync } = await getJson<SyncInfo & { transactions: Transaction[] }>('/api/sync?count=100');
  return { transactions, sync };
}

/** Accounts (from the API, through the backend) and what the keeper synced. */
export async function loadBankData(): Promise<BankData> {
  const [{ accounts }, synced] = await Promise.all([getJson<{ accounts: Account[] }>('/api/accounts'), loadSync()]);
  return { accounts, ...synced };
}

/** The sync line and the time-lapse note: what `renderDashboard` writes, and the poll again every few seconds. */
export function renderSync({ sync }: Pick<BankData, 'sync'>): void {
  const { lastSyncedAt, nextSyncAt, timeLapse } = sync;
  $('#synced-at').textContent =
    lastSyncedAt && nextSyncAt
      ? t('lastSynced', { last: dateTime(lastSyncedAt), next: dateTime(nextSyncAt) })
      : t('firstSync');
  const note = $<HTMLElement>('#time-lapse');
  note.hidden = timeLapse === null;
  note.textContent = timeLapse
    ? t(timeLapse.running ? 'timeLapse' : 'timeLapsePaused', {
        seconds: timeLapse.everyMs / 1000,
        now: dateTime(sync.now),
      })
    : '';
}

const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector)!;

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

let chartWidth = 0;
let redrawChart: (() => void) | undefined;
const resizeObserver = new ResizeObserver(([entry]) => {
  const width = Math.round(entry?.contentRect.width ?? 0);
  if (width === chartWidth || width === 0) return;
  chartWidth = width;
  redrawChart?.();
});
function redrawOnResize(host: Element, redraw: () => void): void {
  redrawChart = redraw;
  chartWidth = Math.round(host.getBoundingClientRect().width);
  resizeObserver.observe(host);
}

/** Fills the dashboard in the current language; called again when the language changes. */
export function renderDashboard(data: BankData): void {
  const { accounts, transactions, fresh } = data;
  const currency = accounts[0]?.currency ?? 'EUR';
  const total = accounts.reduce((sum, account) => sum + account.balance.balance, 0);
  $('#total-balance').textContent = money(total, currency);
  $('#account-count').textContent = t('accountCount', { count: accounts.length });
  renderSync(data);

  const weeks = weeklySpending(transactions);
  const chart = $('#chart');
  drawSpendingChart(chart, weeks, currency);
  redrawOnResize(chart, () => drawSpendingChart(chart, weeks, currency));
  if (weeks.length > 0) {
    const { total, top } = describeSpending(weeks);
    $('#chart-summary').textContent = t('chartSummary', {
      total: money(total, currency),
      weeks: weeks.length,
      top: money(top.spent, currency),
      week: longDate(top.week),
    });
  } else {
    $('#chart-summary').textContent = '';
  }

  $('#accounts').replaceChildren(
    ...accounts.map((account) => {
      const item = document.createElement('li');
      item.className = 'account card';
      const name = document.createElement('h3');
      name.textContent = account.name;
      const bank = document.createElement('p');
      bank.className = 'muted';
      bank.textContent = account.bank_name;
      const iban = document.createElement('p');
      iban.className = 'iban';
      iban.dir = 'ltr'; // an IBAN reads left to right in every language
      iban.textContent = formatIban(account.iban);
      const balance = document.createElement('p');
      balance.className = `balance ${account.balance.balance < 0 ? 'negative' : ''}`;
      balance.textContent = money(account.balance.balance, account.currency);
      item.append(name, bank, iban, balance);
      return item;
    }),
  );

  $('#transactions tbody').replaceChildren(
    ...transactions.slice(0, 15).map((transaction) => {
      const row = document.createElement('tr');
      const date = transaction.booking_date ?? transaction.value_date ?? '';
      const dateCell = cell(date ? shortDate(date) : '', 'date');
      const badge = (text: string, className: string) => {
        const span = document.createElement('span');
        span.className = className;
        span.textContent = text;
        dateCell.append(' ', span);
      };
      if (transaction.status === 'pending') badge(t('pending'), 'badge');
      // New is said in words, not only by the highlight (which fades, or does not move with reduced motion).
      if (transaction.transaction_id !== undefined && fresh?.has(transaction.transaction_id)) {
        row.className = 'new';
        badge(t('newBadge'), 'badge new-badge');
      }
      row.append(
        dateCell,
        cell(transaction.name, 'counterparty'),
        cell(transaction.purpose, 'purpose'),
        cell(money(transaction.amount, transaction.currency), transaction.amount < 0 ? 'amount' : 'amount positive'),
      );
      return row;
    }),
  );
}
