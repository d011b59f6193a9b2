import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const workspaceRoot = resolve(__dirname, '../..');
const { compilerOptions } = JSON.parse(readFileSync(resolve(workspaceRoot, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
/** The `@switchboard/*` path aliases of tsconfig.base.json, for Vite. */
const alias = Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, resolve(workspaceRoot, target)]));

const api = 'http://127.0.0.1:3000';
const proxy = { '/api': { target: api }, '/socket.io': { target: api, ws: true } };
const demoPagePath = resolve(__dirname, 'index.html');
const WIDGET_SCRIPT = '<script src="/widget.js"';

/**
 * The demo page (index.html) embeds the widget exactly as a customer's site would: a classic
 * `<script src="/widget.js" data-inbox=…>`. The build copies it beside widget.js as it is; the dev
 * server swaps that tag for the module entry so the widget reloads while it is being worked on.
 */
function demoPage(): Plugin {
  return {
    name: 'switchboard-widget-demo-page',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => html.replace(WIDGET_SCRIPT, '<script type="module" src="/src/main.ts"'),
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'index.html', source: readFileSync(demoPagePath, 'utf8') });
    },
  };
}

export default defineConfig(({ command }) => ({
  root: __dirname,
  base: '/widget/',
  cacheDir: resolve(workspaceRoot, 'node_modules/.vite/apps/chat-widget'),
  plugins: [vue(), demoPage()],
  resolve: { alias },
  // One self-contained browser file: nothing may be left for a bundler that will never run.
  define:
    command === 'build'
      ? {
          'process.env.NODE_ENV': JSON.stringify('production'),
          __VUE_OPTIONS_API__: 'false',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
        }
      : {},
  server: { host: '127.0.0.1', port: 4202, proxy },
  build: {
    outDir: '../../dist/apps/chat-widget',
    emptyOutDir: true,
    copyPublicDir: false,
    reportCompressedSize: true,
    lib: {
      entry: resolve(__dirname, 'src/main.ts'),
      name: 'SwitchboardChatWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
  test: {
    name: 'chat-widget',
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
  },
}));
