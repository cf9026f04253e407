// demo/examples/astro: Astro 5, a static page with the element and a bundled client script, the widget-link
// endpoint as an on-demand API route, served by @astrojs/node's standalone server (`node dist/server/entry.mjs`).
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment } from './harness.js';

describe('Astro', () => {
  const env = exampleEnvironment();
  it('built, on the node adapter: a complete flow reaches the success listener', () =>
    checkExampleFlow(env, 'astro', ['node', 'dist/server/entry.mjs'], { env: { HOST: '127.0.0.1' } }));
});
