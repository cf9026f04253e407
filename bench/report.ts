/** The benchmarks' tables, in Markdown so they can go into the README as printed. */
import { inputs, variants, type Input, type Sample, type Variant } from './latency.js';
import type { LeakFigures, LeakResult } from './leaks.js';

/** One frame at 60 Hz: the tolerance of "as fast as the limit". */
export const frame = 16;

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : `${Math.round(value)} ms`);
const signed = (value: number) =>
  Number.isNaN(value) ? 'n/a' : `${value >= 0 ? '+' : '−'}${Math.abs(Math.round(value))}`;

function table(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

export function printLatency(samples: readonly Sample[], options: { scriptDelay: number }): void {
  const of = (variant: Variant, input?: Input) =>
    samples.filter((sample) => sample.variant === variant && (input === undefined || sample.input === input));
  const medianOf = (variant: Variant, pick: (sample: Sample) => number | undefined, input?: Input) =>
    median(
      of(variant, input)
        .map(pick)
        .filter((value): value is number => value !== undefined),
    );
  const [limit, mastercard, nrich, limitPreload, nrichPreload] = variants as [
    Variant,
    Variant,
    Variant,
    Variant,
    Variant,
  ];
  const limitReady = medianOf(limit, (sample) => sample.ready);
  const overLimit = (variant: Variant, input: Input) =>
    medianOf(variant, (sample) => sample.widget, input) - medianOf(limit, (sample) => sample.widget, input);

  console.log('\n| | page → button visible | act → widget page requested, over the physical limit |');
  console.log('|---|---|---|');
  for (const variant of [limit, mastercard, nrich]) {
    const ready = medianOf(variant, (sample) => sample.ready);
    const over =
      variant === limit
        ? '0'
        : inputs.map((input) => `${input} ${signed(overLimit(variant, input))}`).join(', ') + ' ms';
    const readyText = variant === limit ? ms(ready) : `${ms(ready)} (${signed(ready - limitReady)})`;
    console.log(`| ${variant.name} | ${readyText} | ${over} |`);
  }

  console.log('\nMedians after the act (link request started / widget page requested / widget visible):\n');
  table(
    ['', ...inputs],
    [limit, mastercard, nrich].map((variant) => [
      variant.name,
      ...inputs.map((input) =>
        [
          medianOf(variant, (sample) => sample.link, input),
          medianOf(variant, (sample) => sample.widget, input),
          medianOf(variant, (sample) => sample.visible, input),
        ]
          .map(ms)
          .join(' / '),
      ),
    ]),
  );

  console.log('\nPreloaded, act → widget visible (medians):\n');
  table(
    ['', ...inputs],
    [limitPreload, nrichPreload].map((variant) => {
      const missed = of(variant).filter((sample) => sample.notPreloaded).length;
      return [
        variant.name + (missed ? ` (${missed} samples not preloaded before the act)` : ''),
        ...inputs.map((input) => ms(medianOf(variant, (sample) => sample.visible, input))),
      ];
    }),
  );

  const nrichReady = medianOf(nrich, (sample) => sample.ready) - limitReady;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log('\nTargets (issue 12):');
  console.log(
    `  page → button ≤ limit + one script round trip (${options.scriptDelay} ms + one frame): ` +
      `${signed(nrichReady)} ms, ${verdict(nrichReady <= options.scriptDelay + frame)}`,
  );
  for (const input of inputs) {
    const over = overLimit(nrich, input);
    console.log(
      `  act → widget requested ≤ limit + ${frame} ms, ${input}: ${signed(over)} ms, ${verdict(over <= frame)}`,
    );
  }
  for (const input of inputs) {
    const visible = medianOf(nrichPreload, (sample) => sample.visible, input);
    console.log(
      `  preload: act → widget visible ≤ ${frame} ms, ${input}: ${ms(visible)}, ${verdict(visible <= frame)}`,
    );
  }
}

export function printLeaks(results: readonly LeakResult[]): void {
  const columns: [keyof LeakFigures, string][] = [
    ['listeners', 'DOM listeners (window, document, every node)'],
    ['jsListeners', 'JS listeners (renderer)'],
    ['nodes', 'DOM nodes'],
    ['documents', 'documents'],
    ['frames', 'frames'],
    ['channels', 'BroadcastChannels open'],
    ['heap', 'JS heap after GC'],
  ];
  const show = (key: keyof LeakFigures, value: number) =>
    key === 'heap' ? `${(value / 1024 / 1024).toFixed(2)} MB` : String(value);
  console.log('\nBefore → after the cycles (after 3 warm-up flows; full GC before each reading):\n');
  table(
    ['mode', 'flows', ...columns.map(([, label]) => label)],
    results.map((result) => [
      result.mode === 'control' ? 'control: same flows, no library' : result.mode,
      String(result.cycles),
      ...columns.map(([key]) => {
        const before = result.before[key];
        const after = result.after[key];
        const growth =
          key === 'heap'
            ? ` (${signed((after - before) / 1024)} KB)`
            : after === before
              ? ''
              : ` (${signed(after - before)})`;
        return `${show(key, before)} → ${show(key, after)}${growth}`;
      }),
    ]),
  );
}
