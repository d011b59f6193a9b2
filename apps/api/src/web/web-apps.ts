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

export function serveWebApps(app: NestExpressApplication, distDir: string): void {
  const widgetBundle = join(distDir, 'chat-widget', 'widget.js');
  app.use('/widget.js', (_req: Request, res: Response, next: NextFunction) => (existsSync(widgetBundle) ? res.sendFile(widgetBundle, { maxAge: '5m' }) : next()));
  for (const web of WEB_APPS) {
    const root = join(distDir, web.dir);
    app.use(web.mount, express.static(root, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
  }
  // History-mode routes of each single-page app fall back to its index.html.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path === '/api' || req.path.startsWith('/socket.io/') || !req.accepts('html')) return next();
    const web = WEB_APPS.find((w) => w.mount === '/' || req.path === w.mount || req.path.startsWith(`${w.mount}/`));
    const index = web && join(distDir, web.dir, 'index.html');
    if (!index || !existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

function noCacheForHtml(res: Response, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
