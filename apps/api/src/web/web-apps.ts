import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The three web apps, built by Vite, served from the API's port. */
export const WEB_APPS = [
  { mount: '/portal', dir: 'client-portal' },
  { mount: '/widget', dir: 'chat-widget' },
  { mount: '/', dir: 'agent-console' },
] as const;

/** Mock client sites embedding the chat widget, built into `chat-widget/demo/<slug>.html`, served at `/demo/<slug>`. */
export const DEMO_SITES = ['northwind', 'globex'] as const;

export function serveWebApps(app: NestExpressApplication, distDir: string): void {
  const widgetBundle = join(distDir, 'chat-widget', 'widget.js');
  app.use('/widget.js', (_req: Request, res: Response, next: NextFunction) => (existsSync(widgetBundle) ? res.sendFile(widgetBundle, { maxAge: '5m' }) : next()));
  // Exact slugs only: anything else under /demo is a 404, never a file looked up by name.
  app.use('/demo', (req: Request, res: Response, next: NextFunction) => {
    const slug = DEMO_SITES.find((site) => req.path === `/${site}`);
    const page = slug && join(distDir, 'chat-widget', 'demo', `${slug}.html`);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !page || !existsSync(page)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(page);
  });
  for (const web of WEB_APPS) {
    const root = join(distDir, web.dir);
    app.use(web.mount, express.static(root, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  }
  // History-mode routes of each single-page app fall back to its index.html.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || isNotAnAppRoute(req.path) || !req.accepts('html')) return next();
    const web = WEB_APPS.find((w) => w.mount === '/' || req.path === w.mount || req.path.startsWith(`${w.mount}/`));
    const index = web && join(distDir, web.dir, 'index.html');
    if (!index || !existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/** Paths no single-page app owns: the API, the socket, the metrics and the demo sites (unknown ones are a 404). */
function isNotAnAppRoute(path: string): boolean {
  return ['/api', '/socket.io', '/metrics', '/demo'].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
