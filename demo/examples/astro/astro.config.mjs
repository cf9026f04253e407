import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

// Pages are static; the API route opts out of prerendering and runs in @astrojs/node's server.
export default defineConfig({
  adapter: node({ mode: 'standalone' }),
});
