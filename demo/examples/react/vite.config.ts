import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// No React plugin needed to build: Vite compiles JSX with the automatic runtime (tsconfig "jsx": "react-jsx").
// @vitejs/plugin-react adds fast refresh for development, which this example does not need.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        wrapper: resolve(import.meta.dirname, 'wrapper.html'),
      },
    },
  },
});
