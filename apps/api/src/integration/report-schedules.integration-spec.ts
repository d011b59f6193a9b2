import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER } from '@switchboard/api-platform';
import { ReportExportService, ReportScheduleJob, ReportService, SlaContractService } from '@switchboard/api-reporting';
import type { ErrorResponse, ReportSchedule } from '@switchboard/shared-contracts';
import { lastCompletePeriod, localDate } from '@switchboard/shared-domain';
import { simpleParser } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * Scheduled reports (issue 7): a client admin schedules a weekly or monthly email; when it falls due the
 * job mails the last complete period with the PDF and CSVs (here: the local outbox), once — a second
 * run sends nothing more; readers only read schedules; another client's admin cannot touch them.
 */
describe('scheduled reports', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  let clientAdmin: string;
  let viewer: string;
  let foreignAdmin: string;
  let providerAdmin: string;
  let agentToken: string;

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });
  const schedules = (clientId = world.clientId) => `/api/reports/clients/${clientId}/report-schedules`;

  async function clientUser(w: RoutingWorld, role: 'client_viewer' | 'client_admin'): Promise<string> {
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `${role}.${randomUUID().slice(0, 8)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Cleo Client', $2, $3, $4)`, [email, role, w.clientId, password_hash]);
    return (await login(t.url, email)).accessToken;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('sched');
    elsewhere = await createRoutingWorld('sched-else');
    clientAdmin = await clientUser(world, 'client_admin');
    viewer = await clientUser(world, 'client_viewer');
    foreignAdmin = await clientUser(elsewhere, 'client_admin');
    providerAdmin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    agentToken = (await login(t.url, (await world.agent('Sam Agent')).email)).accessToken;
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  it('refuses bad schedules with REPORT_SCHEDULE_INVALID and writes nothing; readers, agents and other clients cannot add', async () => {
    const cases: [unknown, string[]][] = [
      [{ cadence: 'daily', recipients: ['ops@example.com'] }, ['cadence']],
      [{ cadence: 'weekly', recipients: [] }, ['recipients']],
      [{ cadence: 'weekly', recipients: ['ops@example.com', 'nope'] }, ['recipients[1]']],
      [{ cadence: 'weekly', recipients: Array.from({ length: 21 }, (_, i) => `r${i}@example.com`) }, ['recipients']],
      [{ cadence: 'weekly', recipients: ['ops@example.com\r\nBcc: x@evil.example'] }, ['recipients[0]']],
      [{ cadence: 'weekly', recipients: ['ops@example.com'], clientId: elsewhere.clientId }, ['clientId']],
    ];
    for (const [body, fields] of cases) {
      const refused = await call('POST', schedules(), clientAdmin, body);
      expect([refused.status, refused.body.error.code, refused.body.error.fields?.map((f) => f.field)]).toEqual([400, 'REPORT_SCHEDULE_INVALID', fields]);
    }
    const good = { cadence: 'weekly', recipients: ['ops@example.com'] };
    expect((await call('POST', schedules(), viewer, good)).status).toBe(403);
    expect((await call('POST', schedules(), agentToken, good)).status).toBe(403);
    expect((await call('POST', schedules(), foreignAdmin, good)).status).toBe(404);
    expect(await ownerQuery('SELECT 1 FROM report_schedules WHERE client_id = $1', [world.clientId])).toHaveLength(0);
  });

  it('a due weekly schedule mails the last complete week with the PDF and CSVs, once; readers see it, others do not', async () => {
    const created = await call<ReportSchedule>('POST', schedules(), clientAdmin, { cadence: 'weekly', recipients: ['Ops@Example.com', 'cfo@example.com'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ clientId: world.clientId, cadence: 'weekly', recipients: ['ops@example.com', 'cfo@example.com'], lastPeriod: null });
    expect(new Date(created.body.nextRunAt).getUTCDay()).toBe(1); // the next Monday, midnight in the client's zone (UTC)
    expect((await call<ReportSchedule[]>('GET', schedules(), viewer)).body.map((s) => s.id)).toEqual([created.body.id]);
    expect((await call('GET', schedules(), foreignAdmin)).status).toBe(404);
    expect((await call('DELETE', `${schedules()}/${created.body.id}`, viewer)).status).toBe(403);
    expect((await call('DELETE', `${schedules(elsewhere.clientId)}/${created.body.id}`, providerAdmin)).status).toBe(404);

    // A ticket of last week, with a card number in its subject.
    const week = lastCompletePeriod('weekly', localDate(new Date(), 'UTC'));
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Wes') RETURNING id`, [world.clientId]);
    const at = `${week.from}T10:00:00Z`;
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, created_at) VALUES ($1, $2, $3, 'chat', 'resolved', 'Card 4111 1111 1111 1111 refund', $4) RETURNING id`,
      [world.clientId, world.inboxId, contact.id, at],
    );
    await ownerQuery(`INSERT INTO ticket_events (client_id, ticket_id, type, at, data) VALUES ($1, $2, 'queued', $3, '{}'), ($1, $2, 'accepted', $3::timestamptz + interval '12 seconds', '{}')`, [world.clientId, ticket.id, at]);

    const job = t.app.get(ReportScheduleJob);
    // A second node's job: its own instance, the same database.
    const otherNode = new ReportScheduleJob(t.app.get(TenantDatabase), t.app.get(AuditService), t.app.get(ReportService), t.app.get(ReportExportService), t.app.get(SlaContractService), t.app.get(APP_CONFIG), t.app.get(ROOT_LOGGER));
    expect(await job.tick()).toBe(0); // not due yet
    await ownerQuery(`UPDATE report_schedules SET next_run_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]);
    // Both nodes tick at once: the row lock (SKIP LOCKED) lets exactly one send it.
    const [a, b] = await Promise.all([job.tick(), otherNode.tick()]);
    expect(a + b).toBe(1);
    const mails = await ownerQuery<{ recipient: string; subject: string; payload: string }>(`SELECT recipient, subject, payload FROM local_outbox WHERE client_id = $1 AND kind = 'email'`, [world.clientId]);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.recipient).toBe('ops@example.com, cfo@example.com');
    expect(mail.subject).toBe(`Routing sched: weekly report ${week.from} to ${week.to}`);
    const parsed = await simpleParser(mail.payload);
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((v) => v.address) : null).toEqual(['ops@example.com', 'cfo@example.com']);
    expect(parsed.attachments.map((f) => [f.filename, f.contentType])).toEqual([
      [`routing-sched-kpis-${week.from}-to-${week.to}.pdf`, 'application/pdf'],
      [`routing-sched-kpis-by-day-${week.from}-to-${week.to}.csv`, 'text/csv'],
      [`routing-sched-tickets-${week.from}-to-${week.to}.csv`, 'text/csv'],
    ]);
    expect(parsed.attachments[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(parsed.text).toContain('Offered: 1. Handled: 1.');
    expect(parsed.attachments[1].content.toString('utf8')).toContain(`Total ${week.from} to ${week.to},,1,1`);
    const csv = parsed.attachments[2].content.toString('utf8');
    expect(csv).toContain(ticket.id);
    expect(csv).toContain('Card **** **** **** 1111 refund');
    expect(csv).not.toContain('4111 1111 1111 1111');

    // Sent: the schedule moved on to next week; a second run sends nothing more.
    const [after] = (await call<ReportSchedule[]>('GET', schedules(), clientAdmin)).body;
    expect(after).toMatchObject({ lastPeriod: `${week.from}..${week.to}`, lastSentAt: expect.any(String) });
    expect(Date.parse(after.nextRunAt)).toBeGreaterThan(Date.now());
    expect(await job.tick()).toBe(0);
    expect(await ownerQuery(`SELECT 1 FROM local_outbox WHERE client_id = $1 AND kind = 'email'`, [world.clientId])).toHaveLength(1);
    // Moved back by hand: the period already sent is not sent again.
    await ownerQuery(`UPDATE report_schedules SET next_run_at = now() - interval '1 minute' WHERE id = $1`, [created.body.id]);
    await job.tick();
    expect(await ownerQuery(`SELECT 1 FROM local_outbox WHERE client_id = $1 AND kind = 'email'`, [world.clientId])).toHaveLength(1);

    const audit = await ownerQuery<{ action: string; actor_user_id: string | null }>(`SELECT action, actor_user_id FROM audit_log WHERE client_id = $1 AND action LIKE 'report.schedule%' ORDER BY id`, [world.clientId]);
    expect(audit.map((e) => [e.action, e.actor_user_id === null])).toEqual([
      ['report.schedule_created', false],
      ['report.schedule_sent', true],
    ]);

    expect((await call('DELETE', `${schedules()}/${created.body.id}`, clientAdmin)).status).toBe(204);
    expect((await call<ReportSchedule[]>('GET', schedules(), viewer)).body).toEqual([]);
    expect((await call('DELETE', `${schedules()}/${created.body.id}`, clientAdmin)).status).toBe(404);
  });
});
