// demo/examples/angular: Angular 21 (standalone, zoneless) with CUSTOM_ELEMENTS_SCHEMA and `(success)`, built by
// `ng build` (strict template type-checking), served with the widget-link endpoint by its Express server.
import { describe, it } from 'node:test';
import { checkExampleFlow, exampleEnvironment } from './harness.js';

describe('Angular', () => {
  const env = exampleEnvironment();
  it('a complete flow reaches the (success) handler', () => checkExampleFlow(env, 'angular', ['node', 'server.mjs']));
});
