// demo/examples/vue: Vue 3 with `@success`, built by Vite (after vue-tsc), served by `vite preview` with the
// widget-link endpoint as Vite middleware.
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment, VITE_PREVIEW } from './harness.js';

describe('Vue 3', () => {
  const env = exampleEnvironment();
  it('a complete flow reaches the @success handler', () => checkExampleFlow(env, 'vue', VITE_PREVIEW));
});
