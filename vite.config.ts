import { defineConfig, type Plugin } from 'vite';
import { startDemoServices } from './demo/backend/config.js';

/**
 * `npm start`: the demo page, with the demo's host backend mounted at /api/ and, unless NRICH_API_URL,
 * NRICH_CLIENT_ID and NRICH_CLIENT_SECRET are set, the embedded sandbox on its own loopback origin.
 * Connections are kept in `.demo-data/` (or NRICH_DEMO_DATA_DIR): stop and start the demo, they are still there.
 */
function demoBackend(): Plugin {
  return {
    name: 'nrich-demo-backend',
    async configureServer(server) {
      const services = await startDemoServices({
        dataDirectory: process.env.NRICH_DEMO_DATA_DIR || '.demo-data',
        // Embedded sandbox only: one sandbox hour every 5 s, so new transactions arrive within a minute.
        timeLapseEveryMs: 5_000,
        // The demo pages on this dev server are the only places the widget may return to.
        redirectUris: (uri) => {
          const url = new URL(uri);
          return (
            ['localhost', '127.0.0.1'].includes(url.hostname) &&
            ['/', '/index.html', '/demo/callback.html'].includes(url.pathname)
          );
        },
      });
      server.httpServer?.once('close', () => void services.close());
      server.middlewares.use(services.middleware);
      server.config.logger.info(
        `  nrich API: ${services.mode === 'sandbox' ? `embedded sandbox at ${services.apiUrl}` : services.apiUrl}`,
      );
    },
  };
}

export default defineConfig({
  plugins: [demoBackend()],
  server: {
    host: '127.0.0.1',
    open: false,
    // The demo's data directory changes on every API call, and the example apps are separate projects with their
    // own installs and build output: neither is part of the page.
    watch: { ignored: ['**/.demo-data/**', '**/demo/examples/**'] },
  },
  // Scan only the demo's pages for dependencies to pre-bundle: the example apps' pages import packages that
  // are theirs (installed, if at all, in their own folders), and scanning them printed "Failed to run
  // dependency scan" on a fresh clone.
  optimizeDeps: { entries: ['index.html', 'demo/callback.html'] },
});
