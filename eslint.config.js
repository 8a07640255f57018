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
    // Rules that read types (a floating or misused promise, an await of a non-promise), on every
    // TypeScript file of the tsconfig.json program; the type tests have their own tsconfigs.
    files: ['**/*.ts'],
    ignores: ['test/types/**', 'test/fixtures/**'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Fastify handlers and functions that fill an async slot are async without an await, and
      // rightly: the rule only asked for `async` to go.
      '@typescript-eslint/require-await': 'off',
      // Every reject here passes on the error a catch, callback or rejection was handed; Node's
      // types hide that some are Errors (ExecFileException), so the rule asked only for casts.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // A return of a promise inside try must be awaited, or the catch and finally never see it.
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests and benchmarks read JSON (reports, CLI output, SARIF) as any and assert on it with
      // expect: typing each read would add casts, not safety.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Under Vitest the app matchers are typed void (matchers/vitest.ts says why) although they
    // return a promise at run time, which these tests must and do await.
    files: ['test/matchers/**/*.ts'],
    ignores: ['test/matchers/jest.test.ts'],
    rules: { '@typescript-eslint/await-thenable': 'off' },
  },
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
