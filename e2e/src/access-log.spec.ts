import { expect, test } from '@playwright/test';
import { accessibilityViolations, closeSignedIn, ownerSql, signIn } from './support';

/**
 * Just-in-time PII reveal, end to end: Northwind masks contact details from offshore agents. Carlos,
 * who handles a Northwind email, reveals the customer's address with a reason; Northwind's own admin
 * reads who did it and why in the portal's Access log, and the provider's admin finds it in the
 * console's audit log. A Northwind viewer has no Access log.
 */
const AGENT = 'agent4@switchboard.demo';
const CLIENT_ADMIN = 'admin@northwind.demo';
const VIEWER = 'viewer@northwind.demo';
const ADMIN = 'admin@switchboard.demo';
const VIEWPORT = { width: 1366, height: 768 };

test.afterEach(closeSignedIn);

test('an agent reveals a masked email with a reason; the client admin and the provider admin read who, what and why', async ({ browser }, testInfo) => {
  const run = Date.now().toString(36);
  const email = `pat.reader.${run}@example.com`;
  const reason = `Customer wants the claim form sent to their email (${run})`;
  const [{ id: clientId }] = await ownerSql<{ id: string }>(`SELECT id FROM clients WHERE slug = 'northwind'`);
  const [{ id: agentId }] = await ownerSql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [AGENT]);
  const [{ id: inboxId }] = await ownerSql<{ id: string }>(`SELECT id FROM inboxes WHERE client_id = $1 AND channel = 'email' ORDER BY name LIMIT 1`, [clientId]);
  const [{ id: contactId }] = await ownerSql<{ id: string }>(`INSERT INTO contacts (client_id, display_name, email) VALUES ($1, $2, $3) RETURNING id`, [clientId, `Pat Reader ${run}`, email]);
  const [{ id: ticketId }] = await ownerSql<{ id: string }>(
    `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, assigned_at, subject, next_seq) VALUES ($1, $2, $3, 'email', 'assigned', $4, now(), $5, 2) RETURNING id`,
    [clientId, inboxId, contactId, agentId, `Claim form ${run}`],
  );
  await ownerSql(`INSERT INTO messages (client_id, ticket_id, seq, direction, body) VALUES ($1, $2, 1, 'inbound', 'Please send me the claim form.')`, [clientId, ticketId]);

  try {
    // The agent sees the address masked and reveals it, saying why.
    const agent = await signIn(browser, AGENT, `/tickets/${ticketId}`);
    await agent.setViewportSize(VIEWPORT);
    await agent.getByRole('tab', { name: 'Customer' }).click();
    const panel = agent.getByRole('complementary', { name: 'Customer' });
    await expect(panel).toBeVisible();
    await expect(panel).not.toContainText(email);
    await panel.getByRole('button', { name: 'Reveal the full email' }).click();
    const why = panel.getByRole('form', { name: 'Reveal the full email' });
    await expect(why).toContainText('Northwind Insurance sees your name and this reason.');
    await why.getByLabel('Why do you need the full email?').fill(reason);
    await why.getByRole('button', { name: 'Reveal email' }).click();
    await expect(panel).toContainText(email);
    await expect(panel).toContainText('(revealed, logged for the client)');
    await agent.screenshot({ path: testInfo.outputPath('agent-revealed.png') });

    // Northwind's admin reads it in the portal.
    const clientAdmin = await signIn(browser, CLIENT_ADMIN, '/portal/');
    await clientAdmin.setViewportSize(VIEWPORT);
    await clientAdmin.getByRole('link', { name: 'Access log' }).click();
    await expect(clientAdmin.getByRole('heading', { name: 'Access log' })).toBeVisible();
    const entry = clientAdmin.getByRole('table', { name: 'Audit log entries' }).getByRole('row').filter({ hasText: reason });
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText('Revealed personal data');
    await expect(entry).toContainText('Carlos Gómez');
    await expect(entry).toContainText(`The customer's email address, because: “${reason}”`);
    expect(await accessibilityViolations(clientAdmin), 'portal access log').toEqual([]);
    await clientAdmin.screenshot({ path: testInfo.outputPath('portal-access-log.png'), fullPage: true });

    // The provider's admin finds it in the console's audit log, filtered to reveals.
    const admin = await signIn(browser, ADMIN, '/');
    await admin.setViewportSize(VIEWPORT);
    await admin.getByRole('button', { name: 'Admin' }).click();
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByLabel('What').selectOption({ label: 'Personal data revealed' });
    await admin.getByRole('button', { name: 'Show', exact: true }).click();
    const row = admin.getByRole('table', { name: 'Audit log entries' }).getByRole('row').filter({ hasText: reason });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Northwind Insurance');
    await admin.screenshot({ path: testInfo.outputPath('console-audit-log.png'), fullPage: true });

    // A viewer of the same client has no access log.
    const viewer = await signIn(browser, VIEWER, '/portal/');
    await expect(viewer.getByRole('link', { name: 'Reports' })).toBeVisible();
    await expect(viewer.getByRole('link', { name: 'Access log' })).toHaveCount(0);
  } finally {
    await ownerSql(`UPDATE tickets SET status = 'closed', closed_at = now() WHERE id = $1`, [ticketId]);
  }
});
