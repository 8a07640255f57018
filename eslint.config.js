import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The src/headers parsers that load a package (structured-headers): the scanner's alone.
const PARSERS_WITH_PACKAGES = ['cross-origin', 'permissions-policy'];
const parsersWithPackages = `(?:${PARSERS_WITH_PACKAGES.join('|')})\\.js`;

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
            {
              regex: `^\\.\\./src/headers/${parsersWithPackages}$`,
              message: 'this parser loads a package, and middleware needs none: share a module of its own',
            },
          ],
        },
      ],
      // A framework's types are welcome (erased in the build); its code, or any package's, is not.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!node:|\\.)',
              allowTypeImports: true,
              message: 'middleware loads no package at run time (only node: builtins); import types only',
            },
          ],
        },
      ],
      // `import { type X } from 'fastify'` would stay in the build as `import 'fastify'`
      // (verbatimModuleSyntax): only `import type` is erased.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    // What the middleware may import must itself load nothing but Node: a package here, or a
    // module that reaches one, would be installed and loaded by every app that uses secure().
    files: ['src/util/**/*.ts', 'src/headers/**/*.ts'],
    ignores: PARSERS_WITH_PACKAGES.map((name) => `src/headers/${name}.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!node:|\\./|\\.\\./(?:util|headers)/)',
              message: 'imported by middleware: load only node: builtins, src/util and src/headers',
            },
            {
              regex: `/${parsersWithPackages}$`,
              message: 'this parser loads a package, and the middleware imports src/util and src/headers',
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
