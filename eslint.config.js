// Lint configuration: strict TypeScript rules; the layering of src/ (kernel ← capabilities ← assembly, see
// README § Layout) and no import cycles; and import restrictions that keep pure domain code (files named
// *.domain.ts or under a domain/ folder) free of I/O.
import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The kernel: store handles, HTTP route context and errors, CLI command types, configuration, shared helpers.
const KERNEL = ['src/store', 'src/http', 'src/cli/kernel', 'src/config', 'src/shared'];
// The assembly: start-up, the server, the command line's entry; imported by nobody but tests.
const ASSEMBLY = ['platform', 'server', 'cli/main.ts', 'cli/run.ts', 'cli/serve.ts', 'testing'];
// Capability folders (each owns its domain code, SQL, routes, CLI and tests).
const CAPABILITIES = [
  'assess',
  'audit',
  'auth',
  'classify',
  'demo',
  'institutions',
  'loans',
  'official',
  'messages',
  'promote',
  'reference',
  'registry',
  'stats',
];
// Test code may reach the assembly (app factory, store opening) and the test helpers in src/testing.
const TEST_FILES = ['src/**/*.test.ts', 'src/**/*.testkit.ts', 'src/**/testing.ts', 'src/**/*.child.ts'];

const importOf = (names) => `(^|/)(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;
const NO_ASSEMBLY = {
  regex: importOf(ASSEMBLY),
  message:
    'A capability or the kernel does not import the assembly (platform/, server/, cli/main, testing/).',
};
const NO_CAPABILITY = {
  regex: importOf(CAPABILITIES),
  message: 'The kernel imports no capability: move the shared type into the kernel or inject it.',
};

const ioModules = [
  'node:fs',
  'node:fs/promises',
  'node:child_process',
  'node:net',
  'node:http',
  'fs',
  'child_process',
];
const engines = ['@duckdb/node-api', '@electric-sql/pglite', 'pg', 'fastify', 'exceljs'];

// eslint-disable-next-line no-restricted-exports -- ESLint loads its flat configuration from the default export
export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'artifacts', 'bench/out', 'test/fixtures', 'web/dist'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        fetch: 'readonly',
        structuredClone: 'readonly',
        AbortController: 'readonly',
        document: 'readonly',
        window: 'readonly',
        localStorage: 'readonly',
        navigator: 'readonly',
        Blob: 'readonly',
        FormData: 'readonly',
        XMLHttpRequest: 'readonly',
        File: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: CAPABILITIES.map((c) => `src/${c}/**/*.ts`),
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ASSEMBLY] }] },
  },
  {
    files: KERNEL.map((k) => `${k}/**/*.ts`),
    ignores: TEST_FILES,
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_ASSEMBLY, NO_CAPABILITY] }] },
  },
  {
    files: ['src/**/domain/**/*.ts', 'src/**/*.domain.ts', 'src/**/rules.ts'],
    ignores: TEST_FILES,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...ioModules, ...engines].map((name) => ({
            name,
            message: 'Pure domain code does no I/O.',
          })),
          patterns: [NO_ASSEMBLY],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Pure domain code reads no environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Inject the clock.' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Inject the clock.',
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration only in src/config.' },
      ],
    },
  },
);
