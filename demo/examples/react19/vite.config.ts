import { createNrichClient, createWidgetLinkHandler, toNodeHandler } from 'nrich-connect/server';
import { defineConfig, type Plugin, type PreviewServer, type ViteDevServer } from 'vite';

// JSX needs no plugin to build (tsconfig "jsx": "react-jsx"); add @vitejs/plugin-react for fast refresh.
export default defineConfig({
  plugins: [nrichBackend()],
  server: { port: Number(process.env.PORT ?? 5173), strictPort: true },
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true },
});

/**
 * The backend half, POST /api/widget-link, as middleware of Vite's dev server (`vite`) and preview server
 * (`vite preview`). In production the same handler runs on your server. Needs NRICH_API_URL, NRICH_CLIENT_ID,
 * NRICH_CLIENT_SECRET (or the sandbox's), and APP_ORIGIN, the origin the app is served from.
 */
function nrichBackend(): Plugin {
  const mount = (server: ViteDevServer | PreviewServer) => {
    const appOrigin = process.env.APP_ORIGIN ?? 'http://localhost:5173';
    const client = createNrichClient({
      baseUrl: env('NRICH_API_URL'),
      clientId: env('NRICH_CLIENT_ID'),
      clientSecret: env('NRICH_CLIENT_SECRET'),
    });
    // The element sends its page's URL as redirect_uri: this app has one page.
    const redirectUris = (uri: string) => new URL(uri).origin === appOrigin && new URL(uri).pathname === '/';
    // Only this app's pages may ask for links (allowedOrigins); a POST from any other origin gets 403.
    const handler = createWidgetLinkHandler({ client, redirectUris, allowedOrigins: [appOrigin] });
    server.middlewares.use('/api/widget-link', toNodeHandler(handler));
  };
  return { name: 'nrich-backend', configureServer: mount, configurePreviewServer: mount };
}

/** A setting from the environment; missing, the server says which instead of failing on the first request. */
function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: see demo/examples/README.md`);
  return value;
}
