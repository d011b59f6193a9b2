import type { Browser, BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const DEMO_PASSWORD = 'demo-password';

/** Contexts signIn opened: the browser outlives each test, so their consoles would stay connected into the next. */
const signedIn = new Set<BrowserContext>();

/** Closes every context signIn opened (an afterEach of each spec that signs in). */
export async function closeSignedIn(): Promise<void> {
  await Promise.all([...signedIn].map((context) => context.close()));
  signedIn.clear();
}

/** A fresh browser context (its own session storage), signed in through the real login form. */
export async function signIn(browser: Browser, email: string, path = '/'): Promise<Page> {
  const context = await browser.newContext();
  signedIn.add(context);
  context.on('close', () => signedIn.delete(context));
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/**
 * SQL as the database owner on the product's embedded PostgreSQL, for what no screen sets yet (an
 * agent's shift, a client's opening hours): the demo world's hours depend on when the tests run.
 */
export async function ownerSql<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const dataDir = process.env['E2E_DATA_DIR'];
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set: run through the Playwright config.');
  const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
  const client = new pg.Client({ host: '127.0.0.1', port: Number(process.env['E2E_PG_PORT'] ?? 54339), user: 'postgres', password, database: 'switchboard' });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * The page as axe-core sees it against WCAG 2.1 A and AA (labels, names, contrast, roles, focusable
 * overlays…): the serious and critical violations, each with the elements it found. Empty means none.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol, so the page's CSP (no inline scripts) does not block it.
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // A dialog fading in or a list fading out is no screen to judge (its colours are half-way): wait for stillness.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'), undefined, { timeout: 5_000 });
  const found: string[] = [];
  for (const frame of page.frames()) {
    await frame.evaluate(source);
    const violations = await frame.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      // Frames are checked one by one (each with its own copy of axe).
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'], iframes: false });
      return result.violations;
    });
    const where = frame === page.mainFrame() ? '' : ` [frame ${new URL(frame.url()).pathname}]`;
    for (const violation of violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      const nodes = violation.nodes.map((node) => `${node.html.slice(0, 120)} (${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)})`);
      found.push(`${violation.id} (${violation.impact})${where}: ${violation.help} — ${nodes.join('; ')}`);
    }
  }
  return found;
}
