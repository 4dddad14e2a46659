// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules on the code we
// write. Run with `npm run lint` (also part of `npm test`). Formatting is Prettier's job
// (.prettierrc.json), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'static/vendor/', 'coverage/', 'src/db/migrations/', 'src/db/migrations-pg/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
    rules: {
      // Unused names are errors, except the ones a signature needs and says so with a leading _.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // TypeScript itself checks undefined names (and knows the DOM and Node globals).
      'no-undef': 'off',
      // Browser storage can be full or disabled; those catches are deliberately empty.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // `let app; serve(() => app.fetch); app = createApp()`: declared before the closure that reads it.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
