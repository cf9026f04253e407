#!/usr/bin/env node
// `npm run build:examples`: builds the React and Vue example apps (demo/examples/<app>/dist/) against the built
// package (run `npm run build` first). The plain HTML example has no build: it loads dist/cdn/nrich-connect.js.
import { existsSync } from 'node:fs';
import { build } from 'vite';

if (!existsSync('dist/index.js')) {
  console.error('build:examples: no dist/, run `npm run build` first.');
  process.exit(1);
}
for (const app of ['react', 'vue']) {
  await build({ configFile: `demo/examples/${app}/vite.config.ts`, logLevel: 'warn' });
  console.log(`build:examples: demo/examples/${app}/dist/`);
}
