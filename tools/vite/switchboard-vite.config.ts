import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import type { ViteUserConfig } from 'vitest/config';

/**
 * The Vite and Vitest setup every web project shares. Each project's `vite.config.ts` calls one of
 * the functions below with what is its own; Nx infers build, serve, preview and test from the result.
 */
const workspaceRoot = resolve(__dirname, '../..');

const { compilerOptions } = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
/** The `@switchboard/*` path aliases of tsconfig.base.json, for Vite. */
const alias = Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, resolve(workspaceRoot, target)]));

/** In development the API runs beside Vite; the built apps are served by the API itself. */
const api = 'http://127.0.0.1:3000';
const proxy = { '/api': { target: api }, '/socket.io': { target: api, ws: true } };

export interface WebProjectOptions {
  /** The project's folder: `__dirname` of its vite.config.ts. */
  root: string;
  /** The Nx project name, which names the test suite. */
  name: string;
}

export interface WebAppOptions extends WebProjectOptions {
  /** The path the API serves the built app under: `/`, `/portal/`, `/widget/`. */
  base: string;
  /** The dev server's port; `vite preview` listens 100 above it. */
  port: number;
}

/** A web library: component and unit tests only (libraries are built as part of the apps). */
export function webLibTestConfig({ root, name }: WebProjectOptions): ViteUserConfig {
  return {
    root,
    cacheDir: resolve(workspaceRoot, 'node_modules/.vite', relative(workspaceRoot, root)),
    plugins: [vue()],
    resolve: { alias },
    test: {
      name,
      environment: 'happy-dom',
      include: ['src/**/*.spec.ts'],
      setupFiles: [fileURLToPath(new URL('./vitest-setup.ts', import.meta.url))],
    },
  };
}

/** A web app: the library setup, plus a dev server proxying the API and a build into `dist/<project folder>`. */
export function webAppConfig({ root, name, base, port }: WebAppOptions): ViteUserConfig {
  return {
    ...webLibTestConfig({ root, name }),
    base,
    server: { host: '127.0.0.1', port, proxy },
    preview: { host: '127.0.0.1', port: port + 100, proxy },
    build: {
      outDir: resolve(workspaceRoot, 'dist', relative(workspaceRoot, root)),
      emptyOutDir: true,
      reportCompressedSize: true,
    },
  };
}
