import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const workspaceRoot = resolve(__dirname, '../../..');
const { compilerOptions } = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
/** The `@switchboard/*` path aliases of tsconfig.base.json, for Vite. */
const alias = Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, resolve(workspaceRoot, target)]));

export default defineConfig({
  root: __dirname,
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/libs/web/ui'),
  plugins: [vue()],
  resolve: { alias },
  test: {
    name: 'web-ui',
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    reporters: ['default'],
  },
});
