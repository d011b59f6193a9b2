import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig, mergeConfig } from 'vitest/config';
import { webAppConfig } from '../../tools/vite/switchboard-vite.config';

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

export default defineConfig(({ command }) =>
  mergeConfig(webAppConfig({ root: __dirname, name: 'chat-widget', base: '/widget/', port: 4202 }), {
    plugins: [demoPage()],
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
    build: {
      copyPublicDir: false,
      lib: {
        entry: resolve(__dirname, 'src/main.ts'),
        name: 'SwitchboardChatWidget',
        formats: ['iife'],
        fileName: () => 'widget.js',
      },
    },
  }),
);
