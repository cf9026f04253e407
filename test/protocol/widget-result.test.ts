import { expect } from '@open-wc/testing';
import { parseCallbackQuery, parseWidgetMessage } from '../../src/protocol/widget-result.js';
import { decideOutcome } from '../../src/protocol/outcome.js';

const callback = 'https://app.example/callback';

describe('parseWidgetMessage', () => {
  it('reads the current shape { link, query } with string booleans', () => {
    const query = { state: 's1', code: 'c1', success: 'true', abort: 'false', flow_id: 'f1' };
    const link = `${callback}?${new URLSearchParams(query)}`;
    expect(parseWidgetMessage({ link, query })).to.deep.equal({
      state: 's1',
      code: 'c1',
      success: true,
      abort: false,
      flow_id: 'f1',
    });
  });

  it('reads real booleans too', () => {
    const result = parseWidgetMessage({ link: callback, query: { state: 's', success: false, abort: true } });
    expect(result).to.include({ success: false, abort: true });
  });

  it('reads the older shape { location, query: { state, code }, url } and takes the rest from the link', () => {
    const location = `${callback}?state=s2&code=c2&success=true&flow_id=f2`;
    expect(parseWidgetMessage({ location, query: { state: 's2', code: 'c2' }, url: callback })).to.deep.equal({
      state: 's2',
      code: 'c2',
      success: true,
      abort: false,
      flow_id: 'f2',
    });
  });

  it('treats cancel=true (older docs) as abort', () => {
    const location = `${callback}?state=s3&success=false&cancel=true`;
    expect(parseWidgetMessage({ location, query: { state: 's3' }, url: callback })).to.include({ abort: true });
  });

  it('ignores anything that is not a widget result', () => {
    for (const data of [null, 'hello', 42, {}, { query: {} }, { link: callback }, { link: 5, query: { state: 's' } }]) {
      expect(parseWidgetMessage(data), JSON.stringify(data)).to.equal(null);
    }
    expect(parseWidgetMessage({ link: callback, query: {} })).to.equal(null);
  });
});

describe('decideOutcome', () => {
  const flow = { state: 's', flow_id: 'f' };

  it('gives success only for the right state with a code', () => {
    const result = parseCallbackQuery(new URLSearchParams('state=s&code=c&success=true&abort=false&flow_id=f'))!;
    expect(decideOutcome(result, flow)).to.deep.equal({ type: 'success', code: 'c', state: 's', flow_id: 'f' });
  });

  it('turns a wrong or missing state, or a foreign flow id, into state-mismatch', () => {
    for (const query of [
      'state=x&code=c&success=true',
      'code=c&success=true',
      'state=s&code=c&success=true&flow_id=g',
    ]) {
      const outcome = decideOutcome(parseCallbackQuery(new URLSearchParams(query))!, flow);
      expect(outcome, query).to.include({ type: 'error', code: 'state-mismatch' });
    }
  });

  it('maps abort to reason widget and success=false without abort to flow-failed', () => {
    const abort = parseCallbackQuery(new URLSearchParams('state=s&success=false&abort=true'))!;
    expect(decideOutcome(abort, flow)).to.include({ type: 'abort', reason: 'widget' });
    const failed = parseCallbackQuery(new URLSearchParams('state=s&success=false&abort=false'))!;
    expect(decideOutcome(failed, flow)).to.include({ type: 'error', code: 'flow-failed' });
  });

  it('never calls success=true without a code a success', () => {
    const result = parseCallbackQuery(new URLSearchParams('state=s&success=true'))!;
    expect(decideOutcome(result, flow)).to.include({ type: 'error', code: 'flow-failed' });
  });
});
