import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const apps = ['api-gateway', 'auth', 'payments', 'refunds', 'ledger', 'gateway-connectors', 'webhook-dispatch'];

/** No app imports another app's code: what they share is in libs/, what they exchange is a contract. */
const appBoundaries = apps.map((app) => ({
  files: [`apps/${app}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: apps.filter((other) => other !== app).map((other) => ({
        group: [`**/apps/${other}/**`, `../../${other}/**`, `../../../${other}/**`],
        message: `apps/${app} must not import apps/${other}: put shared code in libs/ or exchange a message contract.`,
      })),
    }],
  },
}));

export default tseslint.config(
  { ignores: ['apps/api-gateway/src/docs/metadata.ts', 'dist/**', 'node_modules/**', 'coverage/**', '.payrail/**', '.ci/**', '.payrail-test-logs/**', 'sdks/*/src/generated/**', 'sdks/**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  importX.flatConfigs.typescript,
  {
    languageOptions: { globals: { ...globals.node } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  ...appBoundaries,
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs/ must not depend on apps/.' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**', 'scripts/**', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
