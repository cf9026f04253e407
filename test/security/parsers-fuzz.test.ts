// Issue 14: fuzzing the widget message channel and the callback parser (10 000 cases each). Invariants: no input
// but one from the right origin, the right window and with the right state ever yields `success`; a flow's result
// is taken once; nothing throws.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { decideOutcome } from '../../src/protocol/outcome.js';
import { nextWidgetResult } from '../../src/flow/widget-messages.js';
import { isWidgetCallback, parseCallbackQuery, parseWidgetMessage } from '../../src/protocol/widget-result.js';

const RUNS = 10_000;
const WIDGET = 'https://widget.example';
const STATE = 'right-state';
const FLOW = { state: STATE, flow_id: 'flow-1' };

const value = fc.oneof(
  fc.constantFrom(STATE, 'other-state', 'true', 'false', 'flow-1', 'flow-2', 'code-1', '', '__proto__'),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.anything({ maxDepth: 1 }),
);
const query = fc.dictionary(
  fc.oneof(fc.constantFrom('state', 'code', 'success', 'abort', 'cancel', 'flow_id', '__proto__'), fc.string()),
  value,
  { maxKeys: 7 },
);
const payload = fc.oneof(
  fc.record({
    link: fc.constantFrom(`https://app.example/cb?state=${STATE}&code=c&success=true`, 'x'),
    query,
  }),
  fc.record({
    location: fc.constantFrom('https://app.example/cb', 'not a url'),
    query,
    url: fc.string(),
  }),
  fc.anything(),
);

function frameWindow(): Window {
  const frame = document.createElement('iframe');
  frame.title = 'fuzz source';
  document.body.append(frame);
  after(() => frame.remove());
  return frame.contentWindow!;
}

describe('security: fuzzing the parsers', () => {
  it(`widget messages: ${RUNS} cases, success only from the right origin, window and state`, async () => {
    const widget = frameWindow();
    const other = frameWindow();
    const thrown: unknown[] = [];
    const onError = (event: ErrorEvent) => thrown.push(event.error);
    window.addEventListener('error', onError);
    const message = fc.record({
      origin: fc.oneof(fc.constantFrom(WIDGET, 'https://evil.example', window.location.origin, 'null'), fc.string()),
      source: fc.constantFrom<'widget' | 'other' | 'self' | 'none'>('widget', 'other', 'self', 'none'),
      data: payload,
    });
    let successes = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 3 }), async (messages) => {
          const controller = new AbortController();
          let taken = 0;
          let result: Awaited<ReturnType<typeof nextWidgetResult>> | undefined;
          void nextWidgetResult('frame', WIDGET, () => widget, STATE, controller.signal).then((r) => {
            taken += 1;
            result = r;
          });
          const sources = { widget, other, self: window, none: null };
          for (const { origin, source, data } of messages) {
            window.dispatchEvent(
              new MessageEvent('message', {
                origin,
                source: sources[source],
                data,
              }),
            );
          }
          await Promise.resolve();
          await Promise.resolve();
          controller.abort();
          expect(taken).to.be.at.most(1);
          if (!result) return;
          const outcome = decideOutcome(result, FLOW);
          if (outcome.type !== 'success') return;
          successes += 1;
          const genuine = messages.some(
            ({ origin, source, data }) =>
              origin === WIDGET && source === 'widget' && parseWidgetMessage(data)?.state === STATE,
          );
          expect(genuine, JSON.stringify(messages)).to.equal(true);
        }),
        { numRuns: RUNS },
      );
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(thrown).to.deep.equal([]);
    expect(successes, 'some cases were genuine successes: the property was not vacuous').to.be.greaterThan(0);
  });

  it(`callback queries: ${RUNS} cases, success only with the right state and a code, never a throw`, () => {
    const pairs = fc.array(
      fc.tuple(
        fc.constantFrom('state', 'code', 'success', 'abort', 'cancel', 'flow_id', 'order'),
        fc.oneof(fc.constantFrom(STATE, 'other', 'true', 'false', 'flow-1', 'c0de', ''), fc.string({ maxLength: 6 })),
      ),
      { maxLength: 8 },
    );
    let successes = 0;
    fc.assert(
      fc.property(pairs, (entries) => {
        const params = new URLSearchParams(entries);
        const result = parseCallbackQuery(params);
        const recognised = isWidgetCallback(params);
        // A page taken for a widget callback always parses as one.
        if (recognised) expect(result).to.not.equal(null);
        if (!result) return;
        const outcome = decideOutcome(result, FLOW);
        if (outcome.type !== 'success') return;
        successes += 1;
        expect(params.get('state')).to.equal(STATE);
        expect(outcome.code).to.equal(params.get('code'));
        expect(['flow-1', '', null]).to.include(params.get('flow_id'));
      }),
      { numRuns: RUNS },
    );
    expect(successes).to.be.greaterThan(0);
  });
});
