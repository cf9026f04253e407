// demo/examples/vue: Vue 3 with `@success`, built by Vite (after vue-tsc) and served by `vite preview`, and on
// Vite's dev server (`npm run dev`); the widget-link endpoint is Vite middleware in both.
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment, VITE_DEV, VITE_PREVIEW } from './harness.js';

describe('Vue 3', () => {
  const env = exampleEnvironment();
  it('built, on vite preview: a complete flow reaches the @success handler', () =>
    checkExampleFlow(env, 'vue', VITE_PREVIEW));
  it('on the Vite dev server: a complete flow reaches the @success handler', () =>
    checkExampleFlow(env, 'vue', VITE_DEV));
});
