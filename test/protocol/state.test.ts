import { expect } from '@open-wc/testing';
import { randomState } from '../../src/protocol/state.js';

describe('randomState', () => {
  it('is 128 bits of base64url, new each time', () => {
    const states = new Set(Array.from({ length: 50 }, randomState));
    expect(states.size).to.equal(50);
    for (const state of states) expect(state).to.match(/^[A-Za-z0-9_-]{22}$/);
  });
});
