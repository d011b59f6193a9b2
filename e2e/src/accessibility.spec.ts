import { expect, test, type Page } from '@playwright/test';
import { accessibilityViolations, closeSignedIn, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

/**
 * Each screen, as its users reach it, checked by axe-core against WCAG 2.1 A/AA: no serious or
 * critical violation (missing labels and names, contrast, roles, keyboard traps). The open-ticket desk
 * is checked in the agent desk test, where a live ticket is on screen.
 */
async function expectAccessible(page: Page, screen: string) {
  expect(await accessibilityViolations(page), `${screen}: accessibility violations`).toEqual([]);
}

test('sign-in, the desk, the board, the queue, desk content and routing pass axe at 1366×768', async ({ browser }) => {
  const login = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await login.goto('/');
  await expect(login.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(login, 'sign-in');

  const agent = await signIn(browser, 'agent1@switchboard.demo');
  await agent.setViewportSize({ width: 1366, height: 768 });
  await expect(agent.getByRole('button', { name: 'Available' })).toBeVisible();
  await expectAccessible(agent, 'agent desk');
  await agent.keyboard.press('?');
  await expect(agent.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expectAccessible(agent, 'shortcuts dialog');

  const lead = await signIn(browser, 'lead1@switchboard.demo');
  await lead.setViewportSize({ width: 1366, height: 768 });
  await expect(lead.getByRole('row').filter({ hasText: 'Maria Santos' })).toBeVisible();
  await expectAccessible(lead, 'team board');
  await lead.getByRole('button', { name: 'Whisper to Maria Santos' }).click();
  await expect(lead.getByRole('dialog', { name: 'Whisper to Maria Santos' })).toBeVisible();
  await expectAccessible(lead, 'whisper dialog');
  await lead.keyboard.press('Escape');
  await lead.getByRole('link', { name: 'Queue' }).click();
  await expect(lead.getByRole('heading', { name: 'Queue' })).toBeVisible();
  await expectAccessible(lead, 'queue');

  const admin = await signIn(browser, 'admin@switchboard.demo', '/admin/desk');
  await admin.setViewportSize({ width: 1366, height: 768 });
  await expect(admin.getByRole('heading', { name: 'Desk content' })).toBeVisible();
  await expectAccessible(admin, 'desk content');
  await admin.getByRole('button', { name: 'Admin' }).click();
  await admin.getByRole('link', { name: 'Queues & routing' }).click();
  await expect(admin.getByRole('heading', { name: 'Queues & routing' })).toBeVisible();
  await admin.getByRole('combobox').first().click();
  await admin.getByRole('option', { name: /Globex/ }).click();
  await expect(admin.getByRole('form', { name: /Routing of/ }).first()).toBeVisible();
  // The client list fades out after the choice: checked once it is gone (a fading overlay is no screen).
  await expect(admin.getByRole('listbox')).toHaveCount(0);
  await expectAccessible(admin, 'queues & routing');
});

test('the client portal passes axe', async ({ browser }) => {
  const viewer = await signIn(browser, 'viewer@globex.demo', '/portal/');
  await expect(viewer.getByText('Globex Retail').first()).toBeVisible();
  await expectAccessible(viewer, 'client portal');
});

test('the chat widget on a client site passes axe', async ({ page }) => {
  await page.goto('/demo/globex');
  await page.getByRole('button', { name: 'Chat with Globex Retail' }).click();
  await expect(page.getByRole('dialog', { name: 'Chat with Globex Retail' })).toBeVisible();
  await expectAccessible(page, 'chat widget');
});
