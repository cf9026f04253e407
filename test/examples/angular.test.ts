// demo/examples/angular: Angular 21 (standalone, zoneless) with CUSTOM_ELEMENTS_SCHEMA and `(success)`, built by
// `ng build` (strict template type-checking) and served with the widget-link endpoint by its Express server; and
// in development, `ng serve` with its proxy (proxy.conf.mjs) forwarding /api to that server.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertAppReceived,
  checkExampleFlow,
  completeFlow,
  exampleEnvironment,
  freePort,
  openPage,
  startApp,
} from './harness.js';

describe('Angular', () => {
  const env = exampleEnvironment();

  it('built, on its Express server: a complete flow reaches the (success) handler', () =>
    checkExampleFlow(env, 'angular', ['node', 'server.mjs']));

  it('on ng serve, /api proxied to the Express server: a complete flow reaches the (success) handler', async () => {
    const [apiPort, devPort] = [await freePort(), await freePort()];
    const devOrigin = `http://127.0.0.1:${devPort}`;
    // The backend allows the dev server's pages as redirect_uri: that is where the element is.
    const api = await startApp('angular', ['node', 'server.mjs'], {
      port: apiPort,
      sandbox: env.sandbox(),
      env: { APP_ORIGIN: devOrigin },
    });
    const dev = await startApp(
      'angular',
      ['node', 'node_modules/@angular/cli/bin/ng.js', 'serve', '--host', '127.0.0.1', '--port', String(devPort)],
      { port: devPort, sandbox: env.sandbox(), env: { API_ORIGIN: api.origin, NODE_ENV: 'development' } },
    );
    const { page, log } = await openPage(env.browser());
    try {
      await page.goto(devOrigin);
      assertAppReceived(await completeFlow(page, env.sandbox()), devOrigin);
      assert.deepEqual(log.errors, []);
    } catch (error) {
      throw new Error(`${String(error)}\npage:\n${log.messages.join('\n')}\nng serve:\n${dev.output()}`, {
        cause: error,
      });
    } finally {
      await page.close();
      await dev.stop();
      await api.stop();
    }
  });
});
