// Step three of the flow, as the demo's backend serves it: accounts and transactions, in tables.
interface Account {
  iban: string;
  name: string;
  bank_name: string;
  currency: string;
  balance: { balance: number };
}
interface Transaction {
  booking_date?: string;
  value_date?: string;
  name: string;
  purpose: string;
  amount: number;
  currency: string;
}

const section = document.querySelector<HTMLElement>('#data')!;

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json() as Promise<T>;
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

function fillTable(selector: string, rows: string[][], amountColumn: number): void {
  const body = section.querySelector(`${selector} tbody`)!;
  body.replaceChildren(
    ...rows.map((cells) => {
      const row = document.createElement('tr');
      cells.forEach((text, index) => {
        const cell = document.createElement('td');
        cell.textContent = text;
        if (index === amountColumn) cell.className = 'amount';
        row.append(cell);
      });
      return row;
    }),
  );
}

export async function showBankData(): Promise<void> {
  document.querySelector('#connection-status')!.textContent = '';
  const [{ accounts }, { transactions }] = await Promise.all([
    getJson<{ accounts: Account[] }>('/api/accounts'),
    getJson<{ transactions: Transaction[] }>('/api/transactions?count=20'),
  ]);
  fillTable(
    '#accounts',
    accounts.map((a) => [a.iban, a.name, a.bank_name, money(a.balance.balance, a.currency)]),
    3,
  );
  fillTable(
    '#transactions',
    transactions.map((t) => [t.booking_date ?? t.value_date ?? '', t.name, t.purpose, money(t.amount, t.currency)]),
    3,
  );
  section.hidden = false;
}

/** On load: a connection kept by the backend (it survives restarts) is shown at once; a lapsed one says so. */
export async function showStoredConnection(): Promise<void> {
  const { status } = await getJson<{ status: string }>('/api/connection');
  if (status === 'active') await showBankData();
  if (status === 'needs_reauthorization') {
    document.querySelector('#connection-status')!.textContent = 'Your bank connection has lapsed: connect again.';
  }
}

export async function showRotation(): Promise<void> {
  const status = section.querySelector('#rotation')!;
  const response = await fetch('/api/refresh', { method: 'POST' });
  if (!response.ok) {
    status.textContent = `Refresh failed (${response.status}).`;
    return;
  }
  const { previousFingerprint, refreshTokenFingerprint } = (await response.json()) as Record<string, string>;
  status.textContent = `Refresh token rotated: ${previousFingerprint}… → ${refreshTokenFingerprint}… (the old one no longer works).`;
  await showBankData();
}
