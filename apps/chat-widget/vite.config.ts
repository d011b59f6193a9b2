import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig, mergeConfig } from 'vitest/config';
import { webAppConfig } from '../../tools/vite/switchboard-vite.config';

const demoPagePath = resolve(__dirname, 'index.html');
/** Mock client sites (`demo/<slug>.html`), served by the API at `/demo/<slug>`. */
const demoSitesDir = resolve(__dirname, 'demo');
const WIDGET_SCRIPT = '<script src="/widget.js"';
/** widget.js loads on every page of a client's site: gzipped, it must stay below this. */
const WIDGET_BUDGET_GZIP_BYTES = 60_000;

/**
 * The demo pages (index.html, and the mock client sites in demo/) embed the widget exactly as a
 * customer's site would: a classic `<script src="/widget.js" data-inbox=…>`. The build copies them
 * beside widget.js as they are; the dev server swaps that tag for the module entry so the widget
 * reloads while it is being worked on.
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
      for (const page of readdirSync(demoSitesDir).filter((name) => name.endsWith('.html'))) {
        this.emitFile({ type: 'asset', fileName: `demo/${page}`, source: readFileSync(resolve(demoSitesDir, page), 'utf8') });
      }
    },
  };
}

/** Fails the build when widget.js outgrows its budget, rather than letting every client page pay for it. */
function sizeBudget(): Plugin {
  return {
    name: 'switchboard-widget-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const widget = bundle['widget.js'];
      if (widget?.type !== 'chunk') return this.error('widget.js is missing from the bundle.');
      const gzipped = gzipSync(widget.code).length;
      if (gzipped > WIDGET_BUDGET_GZIP_BYTES) {
        this.error(`widget.js is ${(gzipped / 1000).toFixed(1)} kB gzipped; the budget is ${WIDGET_BUDGET_GZIP_BYTES / 1000} kB.`);
      }
    },
  };
}

export default defineConfig(({ command }) =>
  mergeConfig(webAppConfig({ root: __dirname, name: 'chat-widget', base: '/widget/', port: 4202 }), {
    plugins: [demoPage(), sizeBudget()],
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
