// ESLint over every page's JavaScript (the kit, candidate, admin, proctor console) and the node tests.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // Build output holds copies of the same sources (the console's kit is copied there at build time).
    ignores: ['**/target/**', 'node_modules/**', 'load-tests/**'],
  },
  js.configs.recommended,
  {
    files: ['exam-server/src/main/resources/webroot/**/*.js', 'proctor-console/src/main/resources/webroot/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser },
    },
    rules: {
      // `catch { /* why */ }` is the pages' way of saying a failure is harmless; an empty block says nothing.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['web-tests/**/*.js', 'eslint.config.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
  },
];
