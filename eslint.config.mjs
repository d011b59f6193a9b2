import nx from '@nx/eslint-plugin';
import vue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Local rules of this repository (tools/eslint). */
const switchboard = { rules: { 'guarded-socket-handlers': require('./tools/eslint/guarded-socket-handlers.cjs') } };

/**
 * One lint configuration for the whole workspace. `@nx/enforce-module-boundaries` is an error:
 * scope tags decide who may import whom (see ARCHITECTURE.md, "Layout").
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/vite.config.*.timestamp*', '**/test-results', '**/playwright-report', '.data/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.vue'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:agent-console', onlyDependOnLibsWithTags: ['scope:agent-console', 'scope:web', 'scope:shared'] },
            { sourceTag: 'scope:client-portal', onlyDependOnLibsWithTags: ['scope:client-portal', 'scope:web', 'scope:shared'] },
            { sourceTag: 'scope:chat-widget', onlyDependOnLibsWithTags: ['scope:chat-widget', 'scope:web', 'scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Every socket handler sits behind socketGate (or @UseGuards) and validates its payload.
    files: ['**/*.ts'],
    plugins: { switchboard },
    rules: { 'switchboard/guarded-socket-handlers': 'error' },
  },
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    // The rules above name @typescript-eslint rules for .vue files too; register the plugin for them.
    plugins: { '@typescript-eslint': tseslint.plugin },
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module', extraFileExtensions: ['.vue'] } },
    rules: { 'vue/multi-word-component-names': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off' },
  },
  {
    // Each project's lint config extends this file by path, and each web project's Vite config
    // imports the shared setup in tools/vite by path.
    files: ['**/eslint.config.mjs', '**/vite.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Tests, tools, benchmarks and end-to-end suites may print.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', 'tools/**', 'e2e/**', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
];
