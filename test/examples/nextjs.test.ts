// demo/examples/nextjs: Next.js App Router, `next build` + `next start`: the page server-rendered and hydrated,
// the element through the wrapper `nrich-connect/react`, the widget link from a route handler.
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment } from './harness.js';

describe('Next.js App Router, server rendering + hydration, route handler', () => {
  const env = exampleEnvironment();
  it('a complete flow after hydration reaches onSuccess', () =>
    checkExampleFlow(env, 'nextjs', ['node', 'node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1'], {
      serverRendered: true,
    }));
});
