import { expect, test } from '@playwright/test';
import { closeSignedIn, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

test('an agent goes available and the team lead sees it live on the board', async ({ browser }) => {
  const lead = await signIn(browser, 'lead1@switchboard.demo');
  await expect(lead).toHaveURL(/\/board$/);
  const maria = lead.getByRole('row').filter({ hasText: 'Maria Santos' });
  await expect(maria).toContainText('offline');
  await expect(lead.getByRole('row').filter({ hasText: 'Carlos Gómez' })).toHaveCount(0); // another team's agent

  const agent = await signIn(browser, 'agent1@switchboard.demo');
  await expect(agent.getByRole('button', { name: 'Available' })).toBeVisible();
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(maria).toContainText('available'); // no reload on the lead's side

  await agent.getByRole('button', { name: 'Away' }).click();
  await agent.getByRole('button', { name: 'Lunch' }).click();
  await expect(maria).toContainText('away');
  await expect(maria).toContainText(/lunch/i);

  // Closing the agent's browser: after the grace period the board shows the agent offline.
  await agent.context().close();
  await expect(maria).toContainText('offline', { timeout: 20_000 });
});

test('a wrong password gets a clear message and no session', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Email').fill('agent1@switchboard.demo');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect.')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('a client viewer reads only their client, and the portal and widget follow the team live', async ({ browser }) => {
  const viewer = await signIn(browser, 'viewer@globex.demo', '/portal/');
  await expect(viewer.getByRole('heading', { name: 'Globex Retail' })).toBeVisible();
  await expect(viewer.getByText('Northwind')).toHaveCount(0);
  // The portal opens on the client's reports; the staffing tile is on "Service & hours".
  await viewer.getByRole('link', { name: 'Service & hours' }).click();
  const tile = viewer.getByRole('heading', { name: /Agents available now/ });
  await expect(tile).toContainText(/Agents available now: 0 of \d+ rostered/);

  const widget = await (await browser.newContext()).newPage();
  await widget.goto('/widget/');
  await widget.getByRole('button', { name: /chat/i }).first().click();
  await expect(widget.getByRole('dialog', { name: 'Chat with Globex Retail' })).toBeVisible();
  await expect(widget.getByRole('status')).toContainText("We're away");

  const agent = await signIn(browser, 'agent6@switchboard.demo');
  await agent.getByRole('button', { name: 'Available' }).click();
  await expect(tile).toContainText(/Agents available now: 1 of \d+ rostered/);
  await expect(widget.getByRole('status')).toContainText("We're online");

  await agent.getByRole('button', { name: 'Offline' }).click();
  await expect(tile).toContainText(/Agents available now: 0 of \d+ rostered/);
  await expect(widget.getByRole('status')).toContainText("We're away");
});
