import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '**/node_modules/**', 'coverage/**', 'test/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The CommonJS Jest fixture: Node's CommonJS globals and Jest's test globals.
    files: ['test/fixtures/jest-cjs/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', describe: 'readonly', test: 'readonly', expect: 'readonly', beforeAll: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Module augmentations must repeat the runner's own type parameters (T = any, T = {}) and
    // add members by extending, which these rules would forbid.
    files: ['matchers/vitest.ts', 'matchers/jest.ts', 'test/types/**/*.ts'],
    rules: {
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
