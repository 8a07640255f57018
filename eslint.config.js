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
    // The middleware ships to production without the scanner: it may use the shared parsers and
    // utilities only (both free of runtime dependencies), never the engine, probe or reports.
    files: ['middleware/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./src/(?!util/|headers/)',
              message: 'middleware may import only src/util and src/headers (it ships without the scanner)',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
