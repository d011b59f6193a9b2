import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, accessibilityViolations, closeSignedIn, ownerSql, signIn } from './support';

// Consoles signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

const ADMIN = 'admin@switchboard.demo';
const ALL_DAY = '00:00-00:00';

async function expectAccessible(page: Page, what: string): Promise<void> {
  // The screen at rest: a pointer left over a row's Delete button would be judged in its hover colours.
  await page.mouse.move(0, 0);
  expect(await accessibilityViolations(page), `${what}: accessibility violations`).toEqual([]);
}

/**
 * An admin builds a new hire from the Directory, in Chromium at 1366×768: a skill of the catalogue,
 * then an agent serving Globex Retail with that skill, on shift all week. The new agent signs in with
 * the password the admin chose, goes available and is offered a Globex chat whose queue asks for the
 * skill. Screenshots of each tab; axe checks each.
 */
test('an admin creates a skill and an agent who then signs in and is offered a ticket of that client, and loses it live when the admin takes that client away', async ({ browser, request }, testInfo) => {
  const run = Date.now().toString(36);
  const skillKey = `marine_${run}`;
  const skillName = `Marine claims ${run}`;
  const agentEmail = `new.hire.${run}@switchboard.demo`;
  const agentName = `Nia Newhire ${run}`;
  const password = `first-day-${run}-password`;

  const [{ calendar, routing, inbox_id: inboxId, client_id: clientId }] = await ownerSql<{ calendar: unknown; routing: unknown; inbox_id: string; client_id: string }>(
    `SELECT c.business_calendar AS calendar, i.routing, i.id AS inbox_id, c.id AS client_id FROM clients c JOIN inboxes i ON i.client_id = c.id AND i.widget_key = 'wk_globex_demo' WHERE c.slug = 'globex'`,
  );
  const allWeek = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '00:00' }]]));
  await ownerSql(`UPDATE clients SET business_calendar = jsonb_set(business_calendar, '{weekly}', $1::jsonb) WHERE slug = 'globex'`, [JSON.stringify(allWeek)]);
  let queueId: string | null = null;
  try {
    const admin = await signIn(browser, ADMIN);
    await admin.setViewportSize({ width: 1366, height: 768 });
    await admin.getByRole('button', { name: 'Admin' }).click();
    await admin.getByRole('link', { name: 'Directory' }).click();
    await expect(admin.getByRole('heading', { name: 'Directory', level: 1 })).toBeVisible();
    await expect(admin.getByRole('table', { name: 'Clients' }).getByText('Globex Retail')).toBeVisible();
    await admin.screenshot({ path: testInfo.outputPath('directory-clients.png') });
    await expectAccessible(admin, 'the clients tab');

    // A client's inboxes, and the client form with a refused time zone shown beside its field (nothing saved).
    await admin.getByRole('button', { name: 'Inboxes of Globex Retail' }).click();
    const inboxes = admin.getByRole('table', { name: 'Inboxes of Globex Retail' });
    await expect(inboxes.getByRole('row', { name: /Web chat/ })).toContainText('wk_globex_demo');
    await admin.getByRole('button', { name: 'Edit Globex Retail' }).click();
    const clientForm = admin.getByRole('form', { name: 'Edit Globex Retail' });
    await clientForm.getByLabel('Holidays').fill('2026-12-25, boxing day');
    await clientForm.getByRole('button', { name: 'Save client' }).click();
    await expect(clientForm.getByText('must be a date written YYYY-MM-DD')).toBeVisible();
    await expect(clientForm.getByText('Nothing was saved: check the fields marked below.')).toBeVisible();
    await admin.screenshot({ path: testInfo.outputPath('directory-client-form-refused.png'), fullPage: true });
    await expectAccessible(admin, 'the client form and inboxes');
    await clientForm.getByRole('button', { name: 'Cancel' }).click();
    expect((await ownerSql<{ holidays: string[] }>(`SELECT business_calendar->'holidays' AS holidays FROM clients WHERE slug = 'globex'`))[0].holidays).not.toContain('boxing day');

    // A skill of the catalogue; a key that breaks the rules is refused on its own field first.
    await admin.getByRole('tab', { name: 'Skills' }).click();
    await admin.getByRole('button', { name: 'New skill' }).click();
    const skillForm = admin.getByRole('form', { name: 'New skill' });
    await skillForm.getByLabel('Key').fill('Marine Claims');
    await skillForm.getByLabel('Name').fill(skillName);
    await skillForm.getByRole('button', { name: 'Add skill' }).click();
    await expect(skillForm.getByText(/lowercase letters, digits or _/)).toBeVisible();
    await skillForm.getByLabel('Key').fill(skillKey);
    await skillForm.getByRole('button', { name: 'Add skill' }).click();
    await expect(admin.getByText(`Added the skill ${skillName} (${skillKey}).`)).toBeVisible();
    await expect(admin.getByRole('table', { name: 'Skills' }).getByRole('row', { name: new RegExp(skillKey) })).toBeVisible();
    await admin.screenshot({ path: testInfo.outputPath('directory-skills.png') });
    await expectAccessible(admin, 'the skills tab');

    // The agent: Globex, the new skill at 4, all week in their own time zone.
    await admin.getByRole('tab', { name: 'Agents' }).click();
    await admin.getByRole('button', { name: 'New agent' }).click();
    const agentForm = admin.getByRole('form', { name: 'New agent' });
    await agentForm.getByLabel('Name', { exact: true }).fill(agentName);
    await agentForm.getByLabel('Email (sign-in)').fill(agentEmail);
    await agentForm.getByLabel('Password').fill(password);
    // The picker, from the keyboard: focus, open with the down arrow, choose, close.
    await agentForm.getByRole('combobox', { name: 'Clients served' }).focus();
    await admin.keyboard.press('ArrowDown');
    await admin.getByRole('option', { name: 'Globex Retail' }).click();
    await admin.keyboard.press('Escape');
    await expect(agentForm.getByText('Globex Retail')).toBeVisible();
    await agentForm.getByRole('button', { name: 'Add skill' }).click();
    await agentForm.getByRole('combobox', { name: 'Skill 1' }).click();
    await admin.getByRole('option', { name: skillName }).click();
    await agentForm.getByLabel('Proficiency').fill('4');
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) await agentForm.getByLabel(day).fill(ALL_DAY);
    await admin.screenshot({ path: testInfo.outputPath('directory-new-agent-form.png'), fullPage: true });
    await expectAccessible(admin, 'the new agent form');
    await agentForm.getByRole('button', { name: 'Add agent' }).click();
    await expect(admin.getByText(`Added ${agentName}: they can sign in with ${agentEmail}.`)).toBeVisible();
    const row = admin.getByRole('table', { name: 'Agents' }).getByRole('row', { name: new RegExp(agentName) });
    await expect(row).toContainText('Globex Retail');
    await expect(row).toContainText(`${skillName} 4`);
    await admin.screenshot({ path: testInfo.outputPath('directory-agents.png') });
    await expectAccessible(admin, 'the agents tab');

    // A Globex queue that asks for the skill, where the web chat lands (no screen for this in this test: the routing page has its own).
    [{ id: queueId }] = await ownerSql<{ id: string }>(`INSERT INTO queues (client_id, name, channels, required_skills) VALUES ($1, $2, '{chat}', $3) RETURNING id`, [clientId, `Marine ${run}`, JSON.stringify([{ skill: skillKey, minProficiency: 3 }])]);
    await ownerSql(`UPDATE inboxes SET routing = $2 WHERE id = $1`, [inboxId, { defaultQueueId: queueId, rules: [] }]);

    // The new agent signs in with the admin's password and goes available.
    const context = await browser.newContext();
    const agent = await context.newPage();
    await agent.goto('/');
    await agent.getByLabel('Email').fill(agentEmail);
    await agent.getByLabel('Password').fill(password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await expect(agent).toHaveURL(/\/tickets$/);
    await agent.getByRole('button', { name: 'Available' }).click();
    await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');

    const customer = await (await browser.newContext()).newPage();
    await customer.goto('/demo/globex');
    await customer.getByRole('button', { name: 'Chat with Globex Retail' }).click();
    const chat = customer.getByRole('dialog', { name: 'Chat with Globex Retail' });
    const words = `Is my boat covered for storm damage? (${run})`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(words);
    await chat.getByRole('button', { name: 'Send' }).click();
    await expect(chat.getByRole('listitem').filter({ hasText: words })).toBeVisible();
    await expect.poll(async () => (await ownerSql(`SELECT 1 FROM messages WHERE body = $1`, [words])).length).toBe(1);
    const [{ reference }] = await ownerSql<{ reference: string }>(`SELECT 'SB-' || t.number AS reference FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.body = $1`, [words]);

    const offer = agent.getByRole('alertdialog', { name: new RegExp(`Chat offer ${reference} from Globex Retail`) });
    await expect(offer).toBeVisible({ timeout: 20_000 });
    await agent.screenshot({ path: testInfo.outputPath('new-agent-offered.png') });
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(agent).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
    await expect(agent.getByRole('region', { name: new RegExp(reference) }).getByText(words)).toBeVisible();
    const [offered] = await ownerSql<{ name: string }>(`SELECT u.display_name AS name FROM offers o JOIN users u ON u.id = o.agent_id JOIN tickets t ON t.id = o.ticket_id WHERE 'SB-' || t.number = $1 AND o.status = 'accepted'`, [reference]);
    expect(offered.name).toBe(agentName);

    // The admin moves the agent from Globex to Northwind while the chat is open: the server re-scopes
    // the agent's socket and takes the ticket back; the console closes it and says why, without a reload.
    const login = await request.post('/api/auth/login', { data: { email: ADMIN, password: DEMO_PASSWORD } });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const [{ id: agentId }] = await ownerSql<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [agentEmail]);
    const [{ id: northwindId }] = await ownerSql<{ id: string }>(`SELECT id FROM clients WHERE slug = 'northwind'`);
    const moved = await request.patch(`/api/agents/${agentId}`, { headers: { authorization: `Bearer ${accessToken}` }, data: { clientIds: [northwindId] } });
    expect(moved.ok(), await moved.text()).toBe(true);
    const notice = agent.getByTestId('access-notice');
    await expect(notice).toContainText('You no longer serve Globex Retail: its tickets and offers are gone from your screens. You now also serve Northwind Insurance.');
    await expect(agent).toHaveURL(/\/tickets$/);
    await expect(agent.getByRole('region', { name: new RegExp(reference) })).toHaveCount(0);
    await expect(agent.getByText('No tickets yet. Accepted offers appear here.')).toBeVisible();
    await agent.screenshot({ path: testInfo.outputPath('agent-rescoped.png') });
    await context.close();
    await customer.context().close();
  } finally {
    await ownerSql(`UPDATE inboxes SET routing = $2 WHERE id = $1`, [inboxId, routing]);
    await ownerSql(`UPDATE clients SET business_calendar = $1 WHERE slug = 'globex'`, [calendar]);
    await ownerSql(`UPDATE tickets SET status = 'closed', closed_at = now(), transfer = NULL WHERE queue_id = $1 AND status IN ('new', 'queued', 'assigned', 'pending')`, [queueId]);
  }
});

/**
 * An admin opens a team and gives it a new lead, in Chromium at 1366×768: the team is made on the
 * Teams tab (a taken name is refused beside its field), the lead's account on the Leads & admins tab,
 * the lead is added to the team from its member list, and the team then names its lead. The lead signs
 * in; the admin deactivates the account and the lead's console is signed out at once, with the reason.
 */
test('an admin creates a team and a team lead, puts the lead in the team, and deactivating the lead signs them out at once', async ({ browser }, testInfo) => {
  const run = Date.now().toString(36);
  const teamName = `Cebu Nights ${run}`;
  const leadName = `Lina Lead ${run}`;
  const leadEmail = `lina.lead.${run}@switchboard.demo`;
  const password = `lead-first-${run}-password`;

  const admin = await signIn(browser, ADMIN);
  await admin.setViewportSize({ width: 1366, height: 768 });
  await expect(admin.getByRole('button', { name: 'Admin' })).toBeVisible();
  await admin.goto('/admin/directory/teams');
  const teams = admin.getByRole('table', { name: 'Teams' });
  await expect(teams.getByRole('row', { name: /Manila Atlas/ })).toBeVisible();

  // A team; the demo team's name is refused first, beside its field.
  await admin.getByRole('button', { name: 'New team' }).click();
  const teamForm = admin.getByRole('form', { name: 'New team' });
  await teamForm.getByLabel('Team name').fill('Manila Atlas');
  await teamForm.getByRole('button', { name: 'Add team' }).click();
  await expect(teamForm.getByText('is already the name of a team')).toBeVisible();
  await teamForm.getByLabel('Team name').fill(teamName);
  await teamForm.getByRole('button', { name: 'Add team' }).click();
  await expect(teams.getByRole('row', { name: new RegExp(teamName) })).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath('directory-teams.png') });
  await expectAccessible(admin, 'the teams tab');

  // The lead's account.
  await admin.getByRole('tab', { name: 'Leads & admins' }).click();
  const accounts = admin.getByRole('table', { name: 'Lead and admin accounts' });
  await expect(accounts.getByRole('row', { name: /admin@switchboard.demo/ })).toContainText('(you)');
  await admin.getByRole('button', { name: 'New account' }).click();
  const accountForm = admin.getByRole('form', { name: 'New account' });
  await accountForm.getByLabel('Name', { exact: true }).fill(leadName);
  await accountForm.getByLabel('Email (sign-in)').fill(leadEmail);
  await accountForm.getByLabel('Password').fill(password);
  await expectAccessible(admin, 'the new account form');
  await accountForm.getByRole('button', { name: 'Add account' }).click();
  await expect(admin.getByText(`Added ${leadName} (Team lead): they can sign in with ${leadEmail}.`, { exact: false })).toBeVisible();
  await expect(accounts.getByRole('row', { name: new RegExp(leadName) })).toContainText('Active');
  await admin.screenshot({ path: testInfo.outputPath('directory-accounts.png') });
  await expectAccessible(admin, 'the accounts tab');

  // Into the team, from its member list.
  await admin.getByRole('tab', { name: 'Teams' }).click();
  await admin.getByRole('button', { name: `Members of ${teamName}` }).click();
  await expect(admin.getByText('Nobody is in this team yet.')).toBeVisible();
  await admin.getByLabel('Add an agent or lead').fill(leadName);
  await admin.getByRole('button', { name: 'Find' }).click();
  await admin.getByRole('button', { name: `Add ${leadName} to ${teamName}` }).click();
  await expect(admin.getByText(`${leadName} is now in ${teamName}.`)).toBeVisible();
  await expect(admin.getByRole('list', { name: `Members of ${teamName}` })).toContainText(leadName);
  await expect(teams.getByRole('row', { name: new RegExp(teamName) })).toContainText(leadName);
  await admin.screenshot({ path: testInfo.outputPath('directory-team-members.png'), fullPage: true });
  await expectAccessible(admin, 'the team members');

  // The lead signs in; deactivated by the admin, their console signs out at once.
  const context = await browser.newContext();
  const lead = await context.newPage();
  await lead.goto('/');
  await lead.getByLabel('Email').fill(leadEmail);
  await lead.getByLabel('Password').fill(password);
  await lead.getByRole('button', { name: 'Sign in' }).click();
  await expect(lead.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  await expect(lead.getByText(leadName)).toBeVisible();

  await admin.getByRole('tab', { name: 'Leads & admins' }).click();
  await admin.getByRole('button', { name: `Deactivate ${leadName}` }).click();
  await admin.getByRole('button', { name: `Really deactivate ${leadName}?` }).click();
  await expect(admin.getByText(`${leadName} is deactivated: signed out everywhere.`)).toBeVisible();
  await expect(lead.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await lead.screenshot({ path: testInfo.outputPath('lead-deactivated.png') });
  expect(await ownerSql(`SELECT 1 FROM users WHERE email = $1 AND disabled_at IS NOT NULL`, [leadEmail])).toHaveLength(1);
  await context.close();
});
