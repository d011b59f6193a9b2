import type { Browser, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const DEMO_PASSWORD = 'demo-password';

/** A fresh browser context (its own session storage), signed in through the real login form. */
export async function signIn(browser: Browser, email: string, path = '/'): Promise<Page> {
  const context = await browser.newContext();
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
