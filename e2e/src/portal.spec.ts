import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { KpiReportResponse, LiveReport, LoginResponse, SlaContract, SlaContractVersionInput } from '@switchboard/shared-contracts';
import { DEMO_PASSWORD, accessibilityViolations, closeSignedIn, ownerSql, signIn } from './support';

// Consoles and portals signed in by a test sign out with it (the browser outlives each test).
test.afterEach(closeSignedIn);

const AGENT = 'agent6@switchboard.demo'; // Diego Ramírez: Globex chat
const VIEWER = 'viewer@globex.demo';
const OTHER_VIEWER = 'viewer@northwind.demo';
const ADMIN = 'admin@switchboard.demo';
const VIEWPORT = { width: 1366, height: 768 };

async function apiToken(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as LoginResponse).accessToken;
}

const auth = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

async function expectAccessible(page: Page, screen: string) {
  expect(await accessibilityViolations(page), `${screen}: accessibility violations`).toEqual([]);
}

/** The client's local date today, as the reports read `from` / `to`. */
function localToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/**
 * The portal as a paying client reads it: a chat comes in through Globex's widget, an agent answers it
 * from the desk and a colleague leaves an internal note; Globex's viewer, whose portal is open the whole
 * time, sees the live tiles move, then the day's numbers include that ticket, drills from a tile to the
 * ticket and reads its transcript with the card number masked and without the note. The same viewer
 * cannot open Northwind's reports (neither the page nor the API), and the provider's admin sees both
 * clients side by side. Screenshots of each screen are kept as artifacts, each screen passes axe at 1366×768.
 */
test('a client reads the numbers its tickets produce, down to the masked transcript; only its own', async ({ browser, request }, testInfo) => {
  test.setTimeout(180_000);
  const [globex] = await ownerSql<{ id: string; time_zone: string }>(`SELECT id, time_zone FROM clients WHERE slug = 'globex'`);
  const [northwind] = await ownerSql<{ id: string }>(`SELECT id FROM clients WHERE slug = 'northwind'`);
  const today = localToday(globex.time_zone);
  const viewerToken = await apiToken(request, VIEWER);
  const kpisToday = async () =>
    (await (await request.get(`/api/reports/clients/${globex.id}/kpis?from=${today}&to=${today}&groupBy=day`, auth(viewerToken))).json()) as KpiReportResponse;
  const before = await kpisToday();

  // Diego works Globex chat all week for this test (the demo world's hours depend on when tests run).
  const [saved] = await ownerSql<{ shift: unknown; calendar: unknown }>(
    `SELECT ap.shift_schedule AS shift, c.business_calendar AS calendar FROM agent_profiles ap JOIN users u ON u.id = ap.user_id, clients c WHERE u.email = $1 AND c.slug = 'globex'`,
    [AGENT],
  );
  const allWeek = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '00:00' }]]));
  await ownerSql(`UPDATE agent_profiles SET shift_schedule = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [AGENT, allWeek]);
  await ownerSql(`UPDATE clients SET business_calendar = jsonb_set(business_calendar, '{weekly}', $1::jsonb) WHERE slug = 'globex'`, [JSON.stringify(allWeek)]);
  try {
    // The client's portal is open before anything happens.
    const portal = await signIn(browser, VIEWER, '/portal/');
    await portal.setViewportSize(VIEWPORT);
    await expect(portal).toHaveURL(new RegExp(`/portal/clients/${globex.id}`));
    const live = portal.getByRole('region', { name: 'Live now' });
    await expect(live.getByRole('heading', { name: 'Waiting now' })).toBeVisible();

    const agent = await signIn(browser, AGENT);
    await agent.getByRole('button', { name: 'Available' }).click();
    await expect(agent.getByRole('button', { name: 'Available' })).toHaveAttribute('aria-pressed', 'true');
    await expect(live.locator('[data-live="staffed"] .live__value')).not.toHaveText('0'); // live: Diego is staffed now

    // A customer writes in Globex's widget, with a card number.
    const customer = await (await browser.newContext()).newPage();
    await customer.goto('/demo/globex');
    await customer.getByRole('button', { name: 'Chat with Globex Retail' }).click();
    const chat = customer.getByRole('dialog', { name: 'Chat with Globex Retail' });
    const words = `Charged twice on card 4111 1111 1111 1111 for order GX-1234567 (${Date.now().toString(36)})`;
    await chat.getByRole('textbox', { name: 'Message' }).fill(words);
    await chat.getByRole('button', { name: 'Send' }).click();

    // The offer, accepted; the agent answers from the desk.
    const offer = agent.getByRole('alertdialog', { name: /Chat offer SB-\d+ from Globex Retail/ });
    await expect(offer).toBeVisible();
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(agent).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
    const ticketId = agent.url().split('/').pop() as string;
    const answer = 'So sorry about the double charge — the second payment is refunded today.';
    const workspace = agent.getByRole('region', { name: /SB-\d+/ });
    await workspace.getByRole('textbox', { name: 'Reply' }).fill(answer);
    await workspace.getByRole('textbox', { name: 'Reply' }).press('Enter');
    await expect(chat.getByRole('listitem').filter({ hasText: answer })).toBeVisible();
    // An internal note, and the ticket resolved, through the same API the desk uses.
    const agentToken = await apiToken(request, AGENT);
    const note = `Internal: customer sounded upset, check refund ${Date.now().toString(36)}`;
    expect((await request.post(`/api/tickets/${ticketId}/messages`, { ...auth(agentToken), data: { clientMsgId: `e2e-note-${Date.now()}`, kind: 'note', body: note } })).status()).toBe(201);
    expect((await request.post(`/api/tickets/${ticketId}/status`, { ...auth(agentToken), data: { status: 'resolved', disposition: 'order_status' } })).ok()).toBe(true);

    // The day's numbers include the ticket: one more offered and handled (the API and the page agree).
    await expect.poll(async () => (await kpisToday()).total.handled).toBe(before.total.handled + 1);
    const after = await kpisToday();
    // The live tile heard it through report.live, without a reload.
    const liveNow = async () => ((await (await request.get(`/api/reports/clients/${globex.id}/live`, auth(viewerToken))).json()) as LiveReport).serviceLevelToday;
    await expect.poll(async () => (await liveNow()).denominator).toBeGreaterThan(0);
    const slToday = await liveNow();
    await expect(live.locator('[data-live="service-level"]')).toContainText(`${slToday.numerator} of ${slToday.denominator} within`);
    expect(after.total.offered).toBe(before.total.offered + 1);
    await portal.getByLabel('Period').selectOption('today');
    const tile = (kpi: string) => portal.locator(`[data-kpi="${kpi}"]`);
    await expect(tile('handled').locator('.kpi__value')).toHaveText(String(after.total.handled));
    await expect(tile('offered').locator('.kpi__value')).toHaveText(String(after.total.offered));
    const sl = after.total.serviceLevel;
    await expect(tile('service_level')).toContainText(`${sl.numerator} of ${sl.denominator} within ${sl.rule.thresholdSeconds} s`);
    // Its definition on demand.
    await tile('service_level').getByRole('button', { name: /^Definition of / }).click();
    await expect(tile('service_level').getByRole('region', { name: /^How .* is computed$/ })).toContainText(`T = ${sl.rule.thresholdSeconds} s`);
    await expect(tile('service_level').getByRole('region', { name: /^How .* is computed$/ })).toContainText(after.contractVersion === null ? 'no SLA contract' : `version ${after.contractVersion}`);
    // The QA score of the same period, a tile of the report (no random-sample review of Globex in this run).
    await expect(tile('qa_score')).toContainText(`${after.total.qa?.headline.evaluations ?? 0} random review`);
    await expectAccessible(portal, 'portal reports');
    await portal.screenshot({ path: testInfo.outputPath('portal-reports.png'), fullPage: true });

    // Today's tickets as CSV, downloaded in the browser: the header row, the ticket, masked, without the note.
    const [download] = await Promise.all([portal.waitForEvent('download'), portal.getByRole('button', { name: 'Tickets (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`globex-retail-tickets-${today}.csv`);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toBe(
      'Ticket,Ticket ID,Subject,Channel,Queue,Language,Created,Queued,Answered,Abandoned,Queue wait (s),Service level,First response (s),First resolved,Resolved,Resolution time (s),Reopened,Handle time (s),First response SLA,Resolution SLA,CSAT,NPS,Topic,Excluded',
    );
    expect(csv).toContain(ticketId);
    expect(csv).not.toContain('4111 1111 1111 1111');
    expect(csv).not.toContain(note);

    // Drill down from the Handled tile to the ticket, then into its transcript.
    await tile('handled').getByRole('link', { name: /^Tickets behind/ }).click();
    await expect(portal.getByRole('heading', { name: /^Tickets behind/ })).toBeVisible();
    const link = portal.locator(`a[href*="/transcripts/${ticketId}"]`);
    await expect(link).toBeVisible();
    await expectAccessible(portal, 'portal drill-down');
    await portal.screenshot({ path: testInfo.outputPath('portal-drill-down.png'), fullPage: true });
    await link.click();
    const conversation = portal.getByRole('list', { name: 'Conversation' });
    await expect(conversation.getByText(answer)).toBeVisible();
    await expect(conversation).toContainText('**** **** **** 1111');
    await expect(portal.getByText('4111 1111 1111 1111')).toHaveCount(0);
    await expect(portal.getByText(note)).toHaveCount(0);
    await expectAccessible(portal, 'portal transcript');
    await portal.screenshot({ path: testInfo.outputPath('portal-transcript.png'), fullPage: true });

    // Quality: the client as a whole, per queue and per agent over the last 30 days; Diego, who handled the
    // ticket, reads to the client as first name and last initial, never by his full name.
    await portal.getByRole('link', { name: 'Quality' }).click();
    await expect(portal.getByRole('heading', { name: 'Quality', level: 1 })).toBeVisible();
    await expect(portal.getByRole('region', { name: 'Quality reviews' })).toBeVisible();
    await expect(portal.getByRole('table', { name: 'Quality by queue' }).getByRole('columnheader', { name: 'QA score (random sample)' })).toBeVisible();
    const byAgent = portal.getByRole('table', { name: 'Quality by agent' });
    await expect(byAgent.getByRole('row', { name: /^Diego R\./ })).toBeVisible();
    await expect(portal.getByText(/Ramírez/)).toHaveCount(0);
    await expectAccessible(portal, 'portal quality');
    await portal.screenshot({ path: testInfo.outputPath('portal-quality.png'), fullPage: true });
    expect((await request.get(`/api/qa/reports?clientId=${northwind.id}&groupBy=agent&from=${today}&to=${today}`, auth(viewerToken))).status()).toBe(404);

    // Another client's reports stay closed: the page says nothing is there, the API answers 404.
    await portal.goto(`/portal/clients/${northwind.id}`);
    await expect(portal.getByRole('heading', { name: 'Nothing to show here' })).toBeVisible();
    await expect(portal.getByText('Northwind')).toHaveCount(0);
    expect((await request.get(`/api/reports/clients/${northwind.id}/kpis?from=${today}&to=${today}`, auth(viewerToken))).status()).toBe(404);
    const otherToken = await apiToken(request, OTHER_VIEWER);
    expect((await request.get(`/api/reports/clients/${globex.id}/tickets/${ticketId}/transcript`, auth(otherToken))).status()).toBe(404);
    expect((await request.get(`/api/reports/clients/${northwind.id}/tickets/${ticketId}/transcript`, auth(otherToken))).status()).toBe(404);

    // The provider's admin: both clients side by side, then one client's reports.
    const admin = await signIn(browser, ADMIN, '/portal/');
    await admin.setViewportSize(VIEWPORT);
    await expect(admin.getByRole('heading', { name: 'Your clients side by side' })).toBeVisible();
    const rows = admin.getByRole('table').getByRole('row');
    await expect(rows.filter({ hasText: 'Globex Retail' })).toBeVisible();
    await expect(rows.filter({ hasText: 'Northwind' })).toBeVisible();
    await expectAccessible(admin, 'portal provider overview');
    await admin.screenshot({ path: testInfo.outputPath('portal-provider-overview.png'), fullPage: true });
    await rows.filter({ hasText: 'Globex Retail' }).getByRole('link', { name: 'Globex Retail' }).click();
    await expect(admin.getByRole('heading', { name: 'Globex Retail', level: 1 })).toBeVisible();
    await expect(admin.locator('[data-kpi="service_level"]')).toBeVisible();
  } finally {
    await ownerSql(`UPDATE agent_profiles SET shift_schedule = $2 WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [AGENT, saved.shift]);
    await ownerSql(`UPDATE clients SET business_calendar = $1 WHERE slug = 'globex'`, [saved.calendar]);
  }
});

test('with a contract, the client sees targets and the monthly statement', async ({ browser, request }, testInfo) => {
  // The demo seeds Globex a contract from last month; one is added here only if it is gone.
  const [globex] = await ownerSql<{ id: string; time_zone: string }>(`SELECT id, time_zone FROM clients WHERE slug = 'globex'`);
  const month = localToday(globex.time_zone).slice(0, 7);
  const adminToken = await apiToken(request, ADMIN);
  const existing = await request.get(`/api/reports/clients/${globex.id}/sla-contract`, auth(adminToken));
  if (existing.status() === 404) {
    const version: SlaContractVersionInput = {
      effectiveFrom: month,
      effectiveTo: null,
      atRiskPercent: 10,
      earnBackPeriods: 2,
      businessHoursOnly: false,
      fcrWindowDays: 7,
      percentileMethod: 'nearest_rank',
      billing: { unit: 'handled_ticket', unitPriceCents: 450, currency: 'USD' },
      criticalServiceLevels: [
        { id: 'sl', name: 'Chat answered within 20 s', kpi: 'service_level', target: 80, minimum: 70, allocationPercent: 60, serviceLevel: { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: null }, exclusions: [] },
        { id: 'asa', name: 'Average speed of answer', kpi: 'asa', target: 30, minimum: 60, allocationPercent: 40, exclusions: [] },
      ],
      keyMeasurements: [{ id: 'csat', name: 'Customer satisfaction', kpi: 'csat', target: 85, minimum: 75, exclusions: [] }],
    };
    const created = await request.post(`/api/reports/clients/${globex.id}/sla-contract/versions`, { ...auth(adminToken), data: version });
    expect(created.ok(), await created.text()).toBe(true);
  }
  const contract = (await (await request.get(`/api/reports/clients/${globex.id}/sla-contract`, auth(adminToken))).json()) as SlaContract;
  const inForce = contract.versions.find((v) => v.effectiveFrom <= month && (v.effectiveTo === null || v.effectiveTo >= month));
  const term = inForce?.criticalServiceLevels.find((t) => t.kpi === 'service_level');
  if (!term) throw new Error(`Globex has no service-level term in force in ${month}`);

  const portal = await signIn(browser, VIEWER, '/portal/');
  await portal.setViewportSize(VIEWPORT);
  const sl = portal.locator('[data-kpi="service_level"]');
  await expect(sl.getByRole('list', { name: 'Against the contract' })).toContainText(`${term.name}: target ${term.target.toFixed(1)} %, minimum ${term.minimum.toFixed(1)} %`);
  await expect(portal.getByText(/^SLA contract v\d+$/)).toBeVisible();
  await portal.getByRole('link', { name: 'Monthly statement' }).click();
  await expect(portal.getByRole('heading', { name: /^Monthly statement · / })).toBeVisible();
  const critical = portal.getByRole('region', { name: 'Critical service levels' });
  await expect(critical.getByRole('row', { name: term.name })).toBeVisible();
  await expect(portal.getByRole('region', { name: 'Summary' })).toContainText('Billable quantity');
  const [pdf] = await Promise.all([portal.waitForEvent('download'), portal.getByRole('button', { name: 'Download PDF' }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/^globex-retail-statement-\d{4}-\d{2}\.pdf$/);
  expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expectAccessible(portal, 'portal statement');
  await portal.screenshot({ path: testInfo.outputPath('portal-statement.png'), fullPage: true });
});

test('a provider admin declares a client-caused outage on the statement; the term that excludes outages leaves its calls out, and the client sees why', async ({ browser }, testInfo) => {
  // Northwind's demo contract: "Calls answered within 20 s" excludes client-caused outages. One call last
  // month, written as intake and routing write it, answered after 60 s: 0 of 1 within 20 s until the outage.
  const [northwind] = await ownerSql<{ id: string; time_zone: string }>(`SELECT id, time_zone FROM clients WHERE slug = 'northwind'`);
  const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15)).toISOString().slice(0, 7);
  const queuedMs = Date.parse(`${month}-05T15:00:00Z`);
  const [inbox] = await ownerSql<{ id: string }>(`SELECT id FROM inboxes WHERE client_id = $1 AND channel = 'voice' LIMIT 1`, [northwind.id]);
  const [contact] = await ownerSql<{ id: string }>(`INSERT INTO contacts (client_id, display_name, phone) VALUES ($1, 'Outage Caller', '+15550100999') RETURNING id`, [northwind.id]);
  const [ticket] = await ownerSql<{ id: string }>(`INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, created_at) VALUES ($1, $2, $3, 'voice', 'resolved', $4) RETURNING id`, [northwind.id, inbox.id, contact.id, new Date(queuedMs).toISOString()]);
  for (const [type, offsetMs] of [['queued', 0], ['accepted', 60_000], ['resolved', 300_000]] as const) {
    await ownerSql('INSERT INTO ticket_events (client_id, ticket_id, type, at, data) VALUES ($1, $2, $3, $4, $5)', [northwind.id, ticket.id, type, new Date(queuedMs + offsetMs).toISOString(), {}]);
  }
  // The outage: the hour around the call, typed on Northwind's clock.
  const local = (ms: number) => new Date(ms).toLocaleString('sv-SE', { timeZone: northwind.time_zone }).slice(0, 16).replace(' ', 'T');
  try {
    const admin = await signIn(browser, ADMIN, `/portal/clients/${northwind.id}/statements/${month}`);
    await admin.setViewportSize(VIEWPORT);
    const evidence = admin.getByRole('region', { name: 'Left out by the contract’s exclusions' });
    await expect(evidence).toContainText('Nothing was left out this month.');
    await evidence.getByLabel(/^Began/).fill(local(queuedMs - 30 * 60_000));
    await evidence.getByLabel('Ended').fill(local(queuedMs + 30 * 60_000));
    await evidence.getByLabel('What happened').fill('Northwind telephony provider down');
    await evidence.getByRole('button', { name: 'Declare outage' }).click();
    await expect(evidence.getByRole('list', { name: 'Declared outages' })).toContainText('Northwind telephony provider down');
    await expect(evidence).toContainText('Calls answered within 20 s: client-caused outage — 1 contact in 1 outage');
    await expectAccessible(admin, 'statement with an outage');
    await admin.screenshot({ path: testInfo.outputPath('statement-outage-admin.png'), fullPage: true });

    // The client's admin reads the same statement and the outage behind it, and cannot change it.
    const clientAdmin = await signIn(browser, 'admin@northwind.demo', `/portal/clients/${northwind.id}/statements/${month}`);
    const seen = clientAdmin.getByRole('region', { name: 'Left out by the contract’s exclusions' });
    await expect(seen).toContainText('Calls answered within 20 s: client-caused outage — 1 contact in 1 outage');
    await expect(seen).toContainText('Northwind telephony provider down');
    await expect(seen.getByRole('button')).toHaveCount(0);

    // Removed (asked twice), the calls count again.
    await evidence.getByRole('button', { name: /^Remove the outage of / }).click();
    await evidence.getByRole('button', { name: /^Really remove the outage of / }).click();
    await expect(evidence).toContainText('Nothing was left out this month.');
    await expect(evidence.getByRole('list', { name: 'Declared outages' })).toHaveCount(0);
  } finally {
    await ownerSql('DELETE FROM sla_outages WHERE client_id = $1', [northwind.id]);
  }
});
