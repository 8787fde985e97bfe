// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'crypto',
  'http',
  'https',
  'os',
  'child_process',
  'net',
  'util',
];
const builtinBans = [
  { group: ['node:*'], message: 'no Node built-ins here' },
  ...nodeBuiltins.map((name) => ({ group: [name], message: 'no Node built-ins here' })),
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.banso/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': 'error',
    },
  },
  {
    // The domain is pure: no framework, no I/O, no Temporal.
    files: ['libs/domain/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...builtinBans,
            {
              group: ['@nestjs/*', 'typeorm', 'pg', '@temporalio/*'],
              message: 'libs/domain is pure',
            },
          ],
        },
      ],
    },
  },
  {
    // Workflow code must stay deterministic: I/O belongs in activities.
    files: ['libs/workflows/src/workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...builtinBans,
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'pg',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message:
                'workflow code imports only @temporalio/workflow, the domain and its own files',
            },
            {
              group: ['../activities/*', '../activities'],
              allowTypeImports: true,
              message: 'import activity types only',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec-helper.ts', 'test/**/*.ts', 'libs/*/src/testing/**/*.ts'],
    rules: {
      // Test code reads JSON responses and SDK internals; strict typing there buys little.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
