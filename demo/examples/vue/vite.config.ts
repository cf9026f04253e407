import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  // The one line Vue needs: <nrich-connect> is a custom element, not a Vue component to resolve.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'nrich-connect' } } })],
  build: { outDir: 'dist', emptyOutDir: true },
});
