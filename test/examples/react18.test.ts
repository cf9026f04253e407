// demo/examples/react18: React 18 with the wrapper `nrich-connect/react`, server-rendered by react-dom/server and
// hydrated by hydrateRoot in the browser, served by its Express server with the widget-link endpoint.
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment } from './harness.js';

describe('React 18, server rendering + hydrateRoot, the wrapper', () => {
  const env = exampleEnvironment();
  it('a complete flow after hydration reaches onSuccess', () =>
    checkExampleFlow(env, 'react18', ['node', 'server.mjs'], { serverRendered: true }));
});
