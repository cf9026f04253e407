// demo/examples/react19: React 19 rendered in the browser only, `<nrich-connect onsuccess>` natively, built by
// Vite (after tsc), served by `vite preview` with the widget-link endpoint as Vite middleware.
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment, VITE_PREVIEW } from './harness.js';

describe('React 19, client rendering, the element natively', () => {
  const env = exampleEnvironment();
  it('a complete flow reaches the onsuccess prop', () => checkExampleFlow(env, 'react19', VITE_PREVIEW));
});
