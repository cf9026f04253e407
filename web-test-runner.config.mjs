// Browser tests: real Chromium, Firefox and WebKit from Debian's packages, against the embedded sandbox on its
// own loopback origin and the demo's host backend mounted at /api/ on the test server.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { tsImport } from 'tsx/esm/api';
import { launchers } from './test/browsers.mjs';
import { forcedColorsPlugin } from './test/forced-colors-plugin.mjs';
import { testEndpoints } from './test/test-endpoints.mjs';

const { startDemoServices } = await tsImport('./demo/backend/config.ts', import.meta.url);

// The test pages are the redirect_uri (the element's default): allow any page of the loopback test server.
const services = await startDemoServices({
  redirectUris: (uri) => ['localhost', '127.0.0.1'].includes(new URL(uri).hostname),
});

/**
 * Private demo backends, for a test that moves the sandbox's clock hours ahead (test/demo.test.ts): a page that
 * sets the cookie `demo-backend=<id>` gets a backend and sandbox of its own, so the hours it adds never expire a
 * flow of a test running meanwhile in another browser. Its sandbox runs the demo's time-lapse too (held while a
 * widget link is open), as under `npm start`. `POST /test/demo-clock?advance=ms` moves that sandbox's clock.
 */
const privateBackends = new Map();
function backendFor(ctx) {
  const id = ctx.cookies.get('demo-backend');
  if (!id || !/^[\w-]{8,64}$/.test(id)) return Promise.resolve(services);
  if (!privateBackends.has(id)) {
    privateBackends.set(
      id,
      startDemoServices({
        redirectUris: (uri) => ['localhost', '127.0.0.1'].includes(new URL(uri).hostname),
        timeLapseEveryMs: 5_000,
      }),
    );
  }
  return privateBackends.get(id);
}

/** Mounts the Connect-style demo backend into the test server (Koa) for /api/ paths. */
async function demoBackend(ctx, next) {
  if (ctx.path === '/test-env.json') {
    ctx.body = { apiUrl: services.apiUrl };
    return undefined;
  }
  if (ctx.path === '/test/demo-clock' && ctx.method === 'POST') {
    const backend = await backendFor(ctx);
    const advance = Number(ctx.URL.searchParams.get('advance'));
    if (backend === services || !Number.isInteger(advance) || advance < 0) {
      ctx.status = 400;
      ctx.body = { error: 'a private backend (cookie demo-backend) and ?advance=<whole ms> are needed' };
      return undefined;
    }
    ctx.body = { now: backend.sandbox.clock.advance(advance) };
    return undefined;
  }
  if (!ctx.path.startsWith('/api/')) return next();
  const backend = await backendFor(ctx);
  ctx.respond = false;
  return new Promise((resolve) => {
    ctx.res.on('close', resolve);
    backend.middleware(ctx.req, ctx.res, () => {
      ctx.res.statusCode = 404;
      ctx.res.end();
    });
  });
}

export default {
  files: [
    'test/**/*.test.ts',
    '!test/server/**',
    '!test/sandbox/**',
    '!test/testing/**',
    '!test/package/**',
    '!test/examples/**',
    '!test/docs/**', // node tests of the docs (npm run test:node)
    '!test/machine/**', // node tests of the test machine's check (npm run test:node)
  ],
  // Lit's development build: its warnings are collected and fail a test (test/element/lit-warnings.test.ts).
  nodeResolve: { exportConditions: ['development'] },
  browsers: await launchers(),
  // One test page at a time per browser, two browsers at a time (the runner's default concurrentBrowsers) on a
  // 2-core machine: the popup, COOP and redirect tests open real windows, and WebKit's WebDriver session drives
  // a single window.
  concurrency: 1,
  // Firefox and MiniBrowser (under Xvfb) start slower than Chromium, more so when all three start together.
  browserStartTimeout: 60000,
  testsFinishTimeout: 120000,
  // Lit announces its development build once per page; every other browser log line is shown.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  middleware: [demoBackend, testEndpoints],
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), forcedColorsPlugin()],
  testFramework: { config: { timeout: 10000 } },
  coverageConfig: {
    include: ['src/**/*.ts'],
    // Node-side entries (backend kit, sandbox, CLI, test helpers) have their own node tests.
    exclude: ['src/server/**', 'src/sandbox/**', 'src/cli/**', 'src/testing/**'],
    threshold: { lines: 90 },
  },
  async serverStop() {
    await services.close();
    for (const backend of privateBackends.values()) await (await backend).close();
  },
};
