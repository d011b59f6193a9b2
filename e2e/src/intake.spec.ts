import { expect, test } from '@playwright/test';
import { signIn } from './support';

test('a customer writes in the widget and the team lead sees the ticket appear live, card number masked', async ({ browser }) => {
  const lead = await signIn(browser, 'lead1@switchboard.demo');
  await lead.getByRole('link', { name: 'Queue' }).click();
  await expect(lead).toHaveURL(/\/queue$/);

  const customer = await (await browser.newContext()).newPage();
  await customer.goto('/widget/');
  await customer.getByRole('button', { name: /chat/i }).first().click();
  const message = `My parcel never came, card 4111 1111 1111 1111 was charged (${Date.now()})`;
  await customer.getByLabel('Message').fill(message);
  await customer.getByRole('button', { name: 'Send' }).click();
  const masked = message.replace('4111 1111 1111 1111', '**** **** **** 1111');
  await expect(customer.getByText(masked)).toBeVisible();

  const row = lead.getByRole('row').filter({ hasText: masked });
  await expect(row).toBeVisible(); // no reload on the lead's side
  await expect(row).toContainText('Globex Retail');
  await expect(lead.getByText('4111 1111 1111 1111')).toHaveCount(0);

  // A returning visitor (same browser) sees the conversation again.
  await customer.reload();
  await customer.getByRole('button', { name: /chat/i }).first().click();
  await expect(customer.getByText(masked)).toBeVisible();
});
