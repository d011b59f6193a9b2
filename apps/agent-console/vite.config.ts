import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const workspaceRoot = resolve(__dirname, '../..');
const { compilerOptions } = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
/** The `@switchboard/*` path aliases of tsconfig.base.json, for Vite. */
const alias = Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, resolve(workspaceRoot, target)]));

/** In development the API runs beside Vite; the built app is served by the API itself. */
const api = 'http://127.0.0.1:3000';
const proxy = { '/api': { target: api }, '/socket.io': { target: api, ws: true } };

export default defineConfig({
  root: __dirname,
  base: '/',
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/agent-console'),
  plugins: [vue()],
  resolve: { alias },
  server: { host: '127.0.0.1', port: 4200, proxy },
  preview: { host: '127.0.0.1', port: 4300, proxy },
  build: {
    outDir: '../../dist/apps/agent-console',
    emptyOutDir: true,
    reportCompressedSize: true,
  },
  test: {
    name: 'agent-console',
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
  },
});
