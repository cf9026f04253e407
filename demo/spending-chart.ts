// The dashboard's chart: money spent per week, from the fetched transactions (the booked outgoing ones), drawn as
// SVG bars. Hand-drawn: one series, two axes, a few dozen lines, no library. In right-to-left languages time runs
// right to left, as the page reads.
import { language, shortDate } from './i18n.js';

export interface WeekSpending {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  /** Money out that week, a positive amount. */
  spent: number;
}

export interface ChartTransaction {
  amount: number;
  booking_date?: string;
  status?: string;
}

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monday = (ms: number) => ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY;

/** Spending per week, every week from the oldest to the newest booked transaction (weeks without any are 0). */
export function weeklySpending(transactions: ChartTransaction[]): WeekSpending[] {
  const booked = transactions.filter((t) => t.status !== 'pending' && t.booking_date);
  if (booked.length === 0) return [];
  const byWeek = new Map<string, number>();
  for (const { amount, booking_date } of booked) {
    if (amount >= 0) continue;
    const week = isoDay(monday(Date.parse(booking_date!)));
    byWeek.set(week, (byWeek.get(week) ?? 0) - amount);
  }
  const days = booked.map((t) => Date.parse(t.booking_date!));
  const weeks: WeekSpending[] = [];
  for (let week = monday(Math.min(...days)); week <= Math.max(...days); week += 7 * DAY) {
    const key = isoDay(week);
    weeks.push({ week: key, spent: Math.round((byWeek.get(key) ?? 0) * 100) / 100 });
  }
  return weeks;
}

/** Round tick values from 0 up to at least `max`. */
function ticks(max: number, count: number): number[] {
  const raw = (max || 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  return Array.from({ length: Math.ceil((max || 1) / step) + 1 }, (_, i) => i * step);
}

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

const PAD = { top: 12, bottom: 28, axis: 64, end: 8 };

/**
 * Draws the bars into `host` (replacing what was there), at the host's width so that labels keep their size on a
 * phone. The picture is decoration: the caption says what it shows.
 */
export function drawSpendingChart(host: Element, weeks: WeekSpending[], currency = 'EUR'): void {
  const rtl = language() === 'ar';
  const width = Math.max(280, Math.round(host.getBoundingClientRect().width));
  const height = width < 480 ? 200 : 260;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'chart',
    'aria-hidden': 'true',
    focusable: 'false',
    // Positions below are physical; text anchors must not flip with the page's direction.
    direction: 'ltr',
  });
  host.replaceChildren(chart);
  if (weeks.length === 0) return;

  const yTicks = ticks(Math.max(...weeks.map((w) => w.spent)), 4);
  const top = yTicks.at(-1)!;
  const plotWidth = width - PAD.axis - PAD.end;
  const plotHeight = height - PAD.top - PAD.bottom;
  const y = (value: number) => PAD.top + (1 - value / top) * plotHeight;
  // The value axis sits at the start of the reading direction; time runs away from it.
  const slot = plotWidth / weeks.length;
  const slotStart = (index: number) => (rtl ? width - PAD.axis - (index + 1) * slot : PAD.axis + index * slot);

  const compact = new Intl.NumberFormat(language(), {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const [gridStart, gridEnd] = rtl ? [PAD.end, width - PAD.axis + 4] : [PAD.axis - 4, width - PAD.end];
  for (const value of yTicks) {
    chart.append(svg('line', { class: 'chart-grid', x1: gridStart, x2: gridEnd, y1: y(value), y2: y(value) }));
    chart.append(
      svg(
        'text',
        {
          class: 'chart-label',
          x: rtl ? width - PAD.axis + 8 : PAD.axis - 8,
          y: y(value) + 4,
          'text-anchor': rtl ? 'start' : 'end',
        },
        compact.format(value),
      ),
    );
  }

  const gap = Math.min(8, slot * 0.25);
  weeks.forEach(({ spent }, index) => {
    const barTop = y(spent);
    chart.append(
      svg('rect', {
        class: index === weeks.length - 1 ? 'chart-bar current' : 'chart-bar',
        x: (slotStart(index) + gap / 2).toFixed(1),
        y: barTop.toFixed(1),
        width: Math.max(1, slot - gap).toFixed(1),
        height: Math.max(0, y(0) - barTop).toFixed(1),
        rx: Math.min(4, (slot - gap) / 2).toFixed(1),
      }),
    );
  });

  const labelEvery = Math.ceil(weeks.length / (width < 480 ? 3 : 6));
  weeks.forEach(({ week }, index) => {
    if ((weeks.length - 1 - index) % labelEvery !== 0) return; // always label the newest week
    chart.append(
      svg(
        'text',
        { class: 'chart-label', x: slotStart(index) + slot / 2, y: height - 8, 'text-anchor': 'middle' },
        shortDate(week),
      ),
    );
  });
}

/** What the caption says: the total, the number of weeks, and the week with the most spending. */
export function describeSpending(weeks: WeekSpending[]): { total: number; top: WeekSpending } {
  const total = weeks.reduce((sum, w) => sum + w.spent, 0);
  const top = weeks.reduce((max, w) => (w.spent > max.spent ? w : max), weeks[0]!);
  return { total: Math.round(total * 100) / 100, top };
}
