import type { Browser, Page } from '@playwright/test';

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
