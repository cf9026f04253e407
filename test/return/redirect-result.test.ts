import { expect } from '@open-wc/testing';
import { handleRedirectResult } from '../../src/index.js';
import { savePendingRedirect } from '../../src/return/pending-redirect.js';

/** Runs with a callback query in this test page's own address bar, restored afterwards. */
function withAddress(query: string, run: () => void): string {
  const original = window.location.href;
  history.replaceState(history.state, '', `${window.location.pathname}?${query}#keep`);
  try {
    run();
    return window.location.search + window.location.hash;
  } finally {
    history.replaceState(history.state, '', original);
  }
}

describe('handleRedirectResult', () => {
  afterEach(() => sessionStorage.clear());

  it('returns null when the address carries no widget result', () => {
    withAddress('page=2', () => expect(handleRedirectResult()).to.equal(null));
  });

  it('checks the result against the pending flow, clears it, and cleans the address bar', () => {
    savePendingRedirect({ state: 's', flow_id: 'f' });
    let outcome;
    const left = withAddress('page=2&state=s&code=c&success=true&abort=false&flow_id=f', () => {
      outcome = handleRedirectResult();
    });
    expect(outcome).to.deep.equal({ type: 'success', code: 'c', state: 's', flow_id: 'f' });
    expect(left).to.equal('?page=2#keep');
    // Replayed: the pending flow is gone, so the same URL cannot succeed twice.
    withAddress('state=s&code=c&success=true&flow_id=f', () => {
      expect(handleRedirectResult()).to.include({ type: 'error', code: 'state-mismatch' });
    });
  });

  it('takes only the full callback: a query without flow_id or with a stray success is no widget result', () => {
    savePendingRedirect({ state: 's', flow_id: 'f' });
    for (const query of ['state=s&code=c&success=true', 'success=true&order=42', 'state=s&flow_id=f&success=yes']) {
      withAddress(query, () => expect(handleRedirectResult(), query).to.equal(null));
    }
  });

  it('reads cancel and abort as abort, and a wrong state as state-mismatch', () => {
    savePendingRedirect({ state: 's', flow_id: 'f' });
    withAddress('state=s&success=false&cancel=true&flow_id=f', () => {
      expect(handleRedirectResult()).to.include({ type: 'abort', reason: 'widget' });
    });
    savePendingRedirect({ state: 's', flow_id: 'f' });
    withAddress('state=t&code=c&success=true&flow_id=f', () => {
      expect(handleRedirectResult()).to.include({ type: 'error', code: 'state-mismatch' });
    });
  });
});
