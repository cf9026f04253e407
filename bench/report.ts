/** The benchmarks' tables, in Markdown so they can go into the README as printed. */
import { inputs, variants, type Input, type Sample, type Variant } from './latency.js';
import type { LeakFigures, LeakResult } from './leaks.js';

/** One frame at 60 Hz: the tolerance of "as fast as the limit". */
const frame = 16;

function median(values: readonly number[]): number {
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
  const byId = (id: string) => variants.find((variant) => variant.id === id)!;
  const of = (variant: Variant, input?: Input) =>
    samples.filter((sample) => sample.variant === variant && (input === undefined || sample.input === input));
  const medianOf = (variant: Variant, pick: (sample: Sample) => number | undefined, input?: Input) =>
    median(
      of(variant, input)
        .map(pick)
        .filter((value): value is number => value !== undefined),
    );
  const limit = byId('limit');
  const ready = (variant: Variant) => medianOf(variant, (sample) => sample.ready);
  const requested = (variant: Variant, input: Input) => medianOf(variant, (sample) => sample.widget, input);
  const visible = (variant: Variant, input: Input) => medianOf(variant, (sample) => sample.visible, input);
  const overLimit = (variant: Variant, input: Input) => requested(variant, input) - requested(limit, input);

  console.log('\n| | page → button visible | act → widget page requested, over the physical limit |');
  console.log('|---|---|---|');
  for (const variant of ['limit', 'one-script', 'mastercard', 'nrich'].map(byId)) {
    const over =
      variant === limit
        ? '0'
        : variant.buttonOnly
          ? '—'
          : inputs.map((input) => `${input} ${signed(overLimit(variant, input))}`).join(', ') + ' ms';
    const readyText =
      variant === limit ? ms(ready(variant)) : `${ms(ready(variant))} (${signed(ready(variant) - ready(limit))})`;
    console.log(`| ${variant.name} | ${readyText} | ${over} |`);
  }

  console.log('\nMedians after the act (link request started / widget page requested / widget visible):\n');
  table(
    ['', ...inputs],
    ['limit', 'mastercard', 'nrich']
      .map(byId)
      .map((variant) => [
        variant.name,
        ...inputs.map((input) =>
          [medianOf(variant, (sample) => sample.link, input), requested(variant, input), visible(variant, input)]
            .map(ms)
            .join(' / '),
        ),
      ]),
  );

  const preloads = ['limit-preload', 'limit-preload-modal', 'nrich-preload', 'nrich-preload-inline'].map(byId);
  const fromClick = (variant: Variant, input: Input) => medianOf(variant, (sample) => sample.clickToVisible, input);
  console.log('\nPreloaded, widget visible after the act / after its click (medians):\n');
  table(
    ['', ...inputs],
    preloads.map((variant) => {
      const missed = of(variant).filter((sample) => sample.notPreloaded).length;
      return [
        variant.name + (missed ? ` (${missed} samples not preloaded before the act)` : ''),
        ...inputs.map((input) => `${ms(visible(variant, input))} / ${ms(fromClick(variant, input))}`),
      ];
    }),
  );

  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const roundTrip = ready(byId('one-script')) - ready(limit);
  const nrichReady = ready(byId('nrich')) - ready(limit);
  console.log(
    `\nTargets (issue 12); one script round trip measured: ${signed(roundTrip)} ms (script delay ${options.scriptDelay} ms):`,
  );
  console.log(
    `  page → button ≤ limit + one script round trip + ${frame} ms: ${signed(nrichReady)} ms, ` +
      verdict(nrichReady <= roundTrip + frame),
  );
  for (const input of inputs) {
    const over = overLimit(byId('nrich'), input);
    console.log(
      `  act → widget requested ≤ limit + ${frame} ms, ${input}: ${signed(over)} ms, ${verdict(over <= frame)}`,
    );
  }
  for (const [id, baseline] of [
    ['nrich-preload', 'limit-preload-modal'],
    ['nrich-preload-inline', 'limit-preload'],
  ] as const) {
    for (const input of inputs) {
      const shown = fromClick(byId(id), input);
      console.log(
        `  preload (${byId(id).name.split(', ').at(-1)}): click → widget visible ≤ ${frame} ms, ${input}: ` +
          `${ms(shown)}, ${verdict(shown <= frame)} (physical limit ${ms(fromClick(byId(baseline), input))}; ` +
          `from the act's first input event ${ms(visible(byId(id), input))}, limit ${ms(visible(byId(baseline), input))})`,
      );
    }
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
  console.log('\nWhat grew most between heap snapshots before and after (compiled code aside), count / bytes:\n');
  for (const result of results) {
    const grown = result.growth.map(([key, count, bytes]) => `${key} +${count} / +${(bytes / 1024).toFixed(1)} KB`);
    console.log(`- ${result.mode}: ${grown.join('; ') || 'nothing'}`);
  }
}
