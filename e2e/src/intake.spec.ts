import { expect, test, type APIRequestContext } from '@playwright/test';
import type { LoginResponse, Page, TicketSummary } from '@switchboard/shared-contracts';
import { DEMO_PASSWORD, closeSignedIn, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

/** What an agent does from the console, through the same API (the console's ticket workspace comes later). */
async function apiLogin(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as LoginResponse).accessToken;
}

test('a customer leaves a message on the client’s site; the lead sees it live, masked; the agent’s answer and the rating go both ways', async ({ browser, request }) => {
  const lead = await signIn(browser, 'lead1@switchboard.demo');
  await lead.getByRole('link', { name: 'Queue' }).click();
  await expect(lead).toHaveURL(/\/queue$/);

  // Nobody is available in the demo world, so the widget offers to take a message, with an email for the answer.
  const customer = await (await browser.newContext()).newPage();
  const dialogs: string[] = [];
  customer.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await customer.goto('/demo/globex');
  await customer.getByRole('button', { name: 'Chat with Globex Retail' }).click();
  const chat = customer.getByRole('dialog', { name: 'Chat with Globex Retail' });
  const message = `My parcel never came, card 4111 1111 1111 1111 was charged <script>alert(1)</script> (ref ${Date.now().toString(36)})`;
  await chat.getByLabel('Your email').fill('not-an-email');
  await chat.getByRole('textbox', { name: 'Message' }).fill(message);
  await chat.getByRole('button', { name: 'Send message' }).click();
  await expect(chat.getByText('must be an email address')).toBeVisible();
  await chat.getByLabel('Your email').fill('dana@example.com');
  await chat.getByRole('button', { name: 'Send message' }).click();
  const masked = message.replace('4111 1111 1111 1111', '**** **** **** 1111');
  await expect(chat.getByText(masked)).toBeVisible();

  const row = lead.getByRole('row').filter({ hasText: masked });
  await expect(row).toBeVisible(); // no reload on the lead's side
  await expect(row).toContainText('Globex Retail');
  await expect(lead.getByText('4111 1111 1111 1111')).toHaveCount(0);

  // The lead answers; the visitor sees it at once, under the lead's first name.
  const token = await apiLogin(request, 'lead1@switchboard.demo');
  const tickets = ((await (await request.get('/api/tickets?limit=100', { headers: { authorization: `Bearer ${token}` } })).json()) as Page<TicketSummary>).items; // the demo world opens with fewer than 100
  const ticket = tickets.find((t) => t.preview === masked);
  expect(ticket).toBeDefined();
  const reply = await request.post(`/api/tickets/${ticket?.id}/messages`, { headers: { authorization: `Bearer ${token}` }, data: { clientMsgId: `e2e-${Date.now()}`, kind: 'reply', body: 'So sorry, Dana — a refund is on its way.' } });
  expect(reply.status()).toBe(201);
  const answer = chat.getByRole('listitem').filter({ hasText: 'So sorry, Dana — a refund is on its way.' });
  await expect(answer).toBeVisible();
  await expect(answer).toContainText('Lea');
  await expect(answer).not.toContainText('Mercado'); // customers learn an agent's first name only

  // Resolved: the visitor is asked for a rating and can give it once.
  await request.post(`/api/tickets/${ticket?.id}/status`, { headers: { authorization: `Bearer ${token}` }, data: { status: 'resolved', disposition: 'order_status' } });
  await chat.getByRole('button', { name: '5 – Excellent' }).click();
  await chat.getByRole('button', { name: 'Send rating' }).click();
  await expect(chat.getByText('Thanks for your feedback')).toBeVisible();

  // The script tag in the message was shown as text and never ran.
  expect(dialogs).toEqual([]);
});
