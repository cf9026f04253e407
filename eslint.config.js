// ESLint: typescript-eslint (type-aware), Lit and web-component rules; zero warnings allowed (npm run lint).
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      '**/*.d.ts',
      // the example apps' installs and build output
      'demo/examples/.pack/',
      'demo/examples/*/{dist,.next,.angular,.svelte-kit,.astro}/',
      'demo/examples/sveltekit/build/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, ...globals.mocha },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Only the server kit may log, and it never logs secrets (its tests assert that).
      'no-console': 'error',
    },
  },
  {
    // The sandbox reports its own unexpected failures to the developer running it (never a code or token).
    files: ['src/sandbox/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts', 'demo/*.ts', 'demo/examples/**/*.{ts,tsx}', 'bench/*.ts'],
    rules: {
      // Tests and benchmarks use values they just waited for; the demo and the examples query their own static HTML.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Tests read arbitrary JSON fields of API answers.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
