import { SYSTEM_SCOPE, type Principal } from '@switchboard/api-platform';
import { TenantDatabase } from '@switchboard/api-database';
import { factsFromLog, ReportExportService, type ExportSink } from '@switchboard/api-reporting';
import type {
  AuditEntryView,
  ErrorResponse,
  KpiReportResponse,
  LiveReport,
  MonthlyStatement,
  Page,
  PortalServerEvents,
  ReportsOverview,
  ReportTicketRow,
  ReportTranscript,
  SlaContract,
  TicketFact,
} from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { contractVersion } from '../testing/contract-version';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { connected, nextEvent, record } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * Client reporting (issue 7): ticket facts projected from the ticket event log, KPI reports with the
 * client's contract rule, drill-down rows that add up to the tiles, redacted transcripts, live tiles,
 * SLA contract versions and the monthly statement; every client reads only its own numbers.
 *
 * The hand-built day (2026-11-10, client time zone UTC) — events written with fixed instants:
 *   A chat  queued 09:00:00 answered +10 s, reply 09:00:30, resolved 09:10:00 (contact X)
 *   B chat  queued 09:05:00 answered +45 s, reply 09:06:00, resolved 09:20:00, CSAT 5 (contact Y)
 *   C voice queued 09:10:00 abandoned after 3 s
 *   D voice queued 09:40:00 abandoned after 60 s
 *   E chat  never queued (bot-resolved at 10:01) — not offered
 *   F chat  queued 10:30:00 answered +5 s, still open (backlog)
 *   G chat  2026-11-12 09:00:00 answered +20 s, resolved 09:30 — contact X again: A is a repeat contact;
 *           its queue stamped SLA targets: first response due 09:00:30 (replied 09:01: missed),
 *           resolution due 10:00 (resolved 09:30: met)
 */
describe('client reporting', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  let client: ReturnType<typeof nodeClient>;
  const sockets: Socket[] = [];
  let admin: string;
  let lead: string;
  let foreignLead: string;
  let agent: WorldAgent;
  let agentToken: string;
  let viewer: string;
  let foreignViewer: string;
  let queueId: string;
  const ids: Record<string, string> = {};

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });
  const kpis = (token: string, query: string, clientId = world.clientId) => call<KpiReportResponse>('GET', `/api/reports/clients/${clientId}/kpis?${query}`, token);
  const at = (day: string, time: string) => `2026-11-${day}T${time}Z`;

  async function clientUser(w: RoutingWorld, tag: string): Promise<string> {
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `viewer.${tag}.${randomUUID().slice(0, 6)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Vera Viewer', 'client_viewer', $2, $3)`, [email, w.clientId, password_hash]);
    return (await login(t.url, email)).accessToken;
  }

  /** A ticket with its events at fixed instants, appended to the log as the services append them (the trigger marks it for projection). */
  async function handBuilt(name: string, channel: 'chat' | 'voice', contact: string, created: string, events: [string, string, Record<string, unknown>?][]): Promise<string> {
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, queue_id, created_at) VALUES ($1, $2, $3, $4, 'assigned', $5, $6, $7) RETURNING id`,
      [world.clientId, world.inboxId, contact, channel, `Spec ${name}`, queueId, created],
    );
    for (const [type, instant, data] of events) {
      await ownerQuery('INSERT INTO ticket_events (client_id, ticket_id, type, at, data) VALUES ($1, $2, $3, $4, $5)', [world.clientId, ticket.id, type, instant, data ?? {}]);
    }
    ids[name] = ticket.id;
    return ticket.id;
  }

  const VERSION = contractVersion('2026-11', {
    earnBackPeriods: 2,
    billing: { unit: 'handled_ticket', unitPriceCents: 250, currency: 'EUR' },
    criticalServiceLevels: [
      { id: 'sl', name: 'Service level 80 % in 30 s', kpi: 'service_level', target: 80, minimum: 70, allocationPercent: 60, serviceLevel: { variant: 'answered_within_of_answered', thresholdSeconds: 30, shortAbandonSeconds: 5 }, exclusions: [] },
      { id: 'csat', name: 'CSAT', kpi: 'csat', target: 85, minimum: 75, allocationPercent: 40, exclusions: [] },
    ],
    keyMeasurements: [{ id: 'aht', name: 'AHT', kpi: 'aht', target: 600, minimum: 900, exclusions: [] }],
  });

  beforeAll(async () => {
    t = await startTestApp();
    client = nodeClient(t.url, sockets);
    world = await createRoutingWorld('rep');
    elsewhere = await createRoutingWorld('rep-else');
    agent = await world.agent('Rhea Agent');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lead = (await login(t.url, world.lead.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    agentToken = (await login(t.url, agent.email)).accessToken;
    viewer = await clientUser(world, 'rep');
    foreignViewer = await clientUser(elsewhere, 'else');
    const [queue] = await ownerQuery<{ id: string }>(`INSERT INTO queues (client_id, name, channels) VALUES ($1, 'Spec support', '{chat,voice}') RETURNING id`, [world.clientId]);
    queueId = queue.id;
    const contact = async (name: string) => (await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, $2) RETURNING id`, [world.clientId, name]))[0].id;
    const x = await contact('Xena');
    const y = await contact('Yuri');
    const a1 = agent.id;
    const q = { queueId };
    await handBuilt('A', 'chat', x, at('10', '09:00:00'), [
      ['created', at('10', '09:00:00')],
      ['message_received', at('10', '09:00:00')],
      ['queued', at('10', '09:00:00'), q],
      ['accepted', at('10', '09:00:10'), { agentId: a1 }],
      ['note', at('10', '09:00:20')],
      ['reply', at('10', '09:00:30')],
      ['resolved', at('10', '09:10:00')],
    ]);
    await handBuilt('B', 'chat', y, at('10', '09:05:00'), [
      ['message_received', at('10', '09:05:00')],
      ['queued', at('10', '09:05:00'), q],
      ['accepted', at('10', '09:05:45'), { agentId: a1 }],
      ['reply', at('10', '09:06:00')],
      ['resolved', at('10', '09:20:00')],
      ['csat_requested', at('10', '09:20:00')],
      ['csat', at('10', '09:21:00'), { score: 5 }],
    ]);
    await handBuilt('C', 'voice', await contact('Cal'), at('10', '09:10:00'), [
      ['queued', at('10', '09:10:00'), q],
      ['abandoned', at('10', '09:10:03'), { waitSeconds: 3 }],
    ]);
    await handBuilt('D', 'voice', await contact('Dee'), at('10', '09:40:00'), [
      ['queued', at('10', '09:40:00'), q],
      ['abandoned', at('10', '09:41:00'), { waitSeconds: 60 }],
    ]);
    await handBuilt('E', 'chat', await contact('Eve'), at('10', '10:00:00'), [
      ['message_received', at('10', '10:00:00')],
      ['resolved', at('10', '10:01:00')],
    ]);
    await handBuilt('F', 'chat', await contact('Fay'), at('10', '10:30:00'), [
      ['message_received', at('10', '10:30:00')],
      ['queued', at('10', '10:30:00'), q],
      ['accepted', at('10', '10:30:05'), { agentId: a1 }],
    ]);
    await handBuilt('G', 'chat', x, at('12', '09:00:00'), [
      ['message_received', at('12', '09:00:00')],
      ['queued', at('12', '09:00:00'), { ...q, firstResponseDueAt: at('12', '09:00:30'), resolutionDueAt: at('12', '10:00:00') }],
      ['accepted', at('12', '09:00:20'), { agentId: a1 }],
      ['reply', at('12', '09:01:00')],
      ['resolved', at('12', '09:30:00')],
    ]);
  });

  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
    await destroyRoutingWorlds();
  });

  it('the KPIs of the hand-built day are the hand-computed ones (default rule: no contract yet)', async () => {
    const report = await kpis(viewer, 'from=2026-11-10&to=2026-11-10');
    expect(report.status).toBe(200);
    const { total } = report.body;
    expect(report.body).toMatchObject({ clientId: world.clientId, timeZone: 'UTC', contractVersion: null, serviceLevelRule: { variant: 'answered_abandoned_within', thresholdSeconds: 20, shortAbandonSeconds: null } });
    expect(total.offered).toBe(5);
    expect(total.handled).toBe(3);
    // (A, F answered within 20 s + C abandoned within 20 s) / (3 answered + 2 abandoned)
    expect(total.serviceLevel).toMatchObject({ value: 60, numerator: 3, denominator: 5, answered: 3, answeredWithin: 2, abandoned: 2, abandonedWithin: 1 });
    expect(total.asa).toEqual({ value: 20, numerator: 60, denominator: 3 });
    expect(total.abandonment).toEqual({ value: 40, numerator: 2, denominator: 5 });
    expect(total.firstResponse).toMatchObject({ n: 2, median: 30, p90: 60 });
    expect(total.firstResolution).toMatchObject({ n: 2, median: 600, p90: 900 });
    expect(total.aht).toMatchObject({ handled: 3, handleSeconds: 590 + 855, talkSeconds: 1445 });
    // A had a repeat contact (G, same contact, two days later); B did not.
    expect(total.fcr).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(total.csat).toMatchObject({ value: 100, satisfied: 1, responses: 1, surveysSent: 1, responseRate: 100 });
    expect(total.backlog).toBe(1);
    expect(report.body.definitions.service_level.formula).toBe('(answered within 20 s + abandoned within 20 s) / (answered + abandoned) × 100; no short-abandon rule');
    expect(Object.keys(report.body.definitions)).toHaveLength(14);
  });

  it('the stored facts equal a recomputation from the raw event log', async () => {
    const tickets = Object.values(ids);
    const raw = await t.app.get(TenantDatabase).run(SYSTEM_SCOPE, (m) => factsFromLog(m, tickets));
    const stored = await ownerQuery<{ ticket_id: string; fact: TicketFact }>('SELECT ticket_id, fact FROM ticket_facts WHERE ticket_id = ANY ($1)', [tickets]);
    expect(stored).toHaveLength(tickets.length);
    for (const row of stored) expect(row.fact).toEqual(raw.get(row.ticket_id)?.fact);
    expect((await ownerQuery('SELECT 1 FROM ticket_fact_pending WHERE client_id = $1', [world.clientId])).length).toBe(0);
  });

  it('groups by day, 30-minute interval and channel add up to the total', async () => {
    const days = await kpis(viewer, 'from=2026-11-10&to=2026-11-12&groupBy=day');
    expect(days.body.groups.map((g) => [g.key, g.report.offered])).toEqual([
      ['2026-11-10', 5],
      ['2026-11-11', 0],
      ['2026-11-12', 1],
    ]);
    const intervals = await kpis(viewer, 'from=2026-11-10&to=2026-11-10&groupBy=interval');
    expect(intervals.body.groups).toHaveLength(48);
    const busy = intervals.body.groups.filter((g) => g.report.offered > 0).map((g) => [g.key, g.label, g.report.offered]);
    expect(busy).toEqual([
      ['2026-11-10#18', '09:00+00:00', 3],
      ['2026-11-10#19', '09:30+00:00', 1],
      ['2026-11-10#21', '10:30+00:00', 1],
    ]);
    const channels = await kpis(viewer, 'from=2026-11-10&to=2026-11-10&groupBy=channel');
    expect(channels.body.groups.map((g) => [g.key, g.report.offered, g.report.abandonment.numerator])).toEqual([
      ['chat', 3, 0],
      ['voice', 2, 2],
    ]);
    const queues = await kpis(viewer, 'from=2026-11-10&to=2026-11-10&groupBy=queue');
    // E never reached a queue: its bucket ("none") offers nothing.
    expect(queues.body.groups.map((g) => [g.key, g.label, g.report.offered])).toEqual([
      [queueId, 'Spec support', 5],
      ['none', 'None', 0],
    ]);
    const voiceOnly = await kpis(viewer, 'from=2026-11-10&to=2026-11-10&channel=voice');
    expect(voiceOnly.body.total).toMatchObject({ offered: 2, handled: 0 });
  });

  it('the rollups (maintained as events arrive) agree with the raw computation', async () => {
    const strip = (r: KpiReportResponse['total']) => ({ ...r, aht: { ...r.aht, attributedSeconds: null, attributedAht: null } });
    for (const groupBy of ['total', 'day', 'interval', 'channel', 'queue', 'language']) {
      const query = `from=2026-11-09&to=2026-11-12&groupBy=${groupBy}`;
      const exact = await kpis(viewer, `${query}&source=exact`);
      const rolled = await kpis(viewer, `${query}&source=rollup`);
      expect([groupBy, exact.body.source, rolled.body.source]).toEqual([groupBy, 'exact', 'rollup']);
      expect(strip(rolled.body.total)).toEqual(strip(exact.body.total));
      // SLA attainment is in the cells too (G's targets): first response missed, resolution met.
      expect(rolled.body.total.slaAttainment).toEqual({
        first_response: { value: 0, numerator: 0, denominator: 1 },
        next_response: { value: null, numerator: 0, denominator: 0 },
        resolution: { value: 100, numerator: 1, denominator: 1 },
      });
      // Groups hold every bucket in the exact path; the rollups only those with rows (a channel with nothing is absent).
      const exactGroups = new Map(exact.body.groups.map((g) => [g.key, g.report]));
      for (const group of rolled.body.groups) {
        const e = exactGroups.get(group.key);
        expect([groupBy, group.key, e && strip({ ...group.report, backlog: e.backlog })]).toEqual([groupBy, group.key, e && strip(e)]);
      }
      expect(rolled.body.groups.filter((g) => g.report.offered > 0).map((g) => g.key)).toEqual(exact.body.groups.filter((g) => g.report.offered > 0).map((g) => g.key));
    }
    const sums = await ownerQuery<{ offered: string }>('SELECT sum(offered) AS offered FROM kpi_rollups WHERE client_id = $1 AND interval_index >= 0', [world.clientId]);
    const days = await ownerQuery<{ offered: string }>('SELECT sum(offered) AS offered FROM kpi_rollups WHERE client_id = $1 AND interval_index = -1', [world.clientId]);
    expect(sums[0].offered).toBe(days[0].offered);
  });

  it('drill-down rows add up to the tile, page by page, and per bucket', async () => {
    const base = `/api/reports/clients/${world.clientId}/kpis`;
    const rows: ReportTicketRow[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page<ReportTicketRow> } = await call<Page<ReportTicketRow>>('GET', `${base}/service_level/tickets?from=2026-11-10&to=2026-11-10&limit=2${cursor ? `&cursor=${cursor}` : ''}`, viewer);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      rows.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(rows.map((r) => [r.subject, r.outcome, r.waitSeconds])).toEqual([
      ['Spec A', 'within', 10],
      ['Spec B', 'outside', 45],
      ['Spec C', 'abandoned_within', 3],
      ['Spec D', 'abandoned', 60],
      ['Spec F', 'within', 5],
    ]);
    expect(rows.filter((r) => r.outcome === 'within' || r.outcome === 'abandoned_within')).toHaveLength(3); // the numerator
    expect(rows[0]).toMatchObject({ queueName: 'Spec support', channel: 'chat', firstResponseSeconds: 30, resolvedAt: '2026-11-10T09:10:00.000Z' });

    const bucket = await call<Page<ReportTicketRow>>('GET', `${base}/offered/tickets?from=2026-11-10&to=2026-11-10&groupKey=2026-11-10%2318`, viewer);
    expect(bucket.body.items.map((r) => r.subject)).toEqual(['Spec A', 'Spec B', 'Spec C']);
    const voice = await call<Page<ReportTicketRow>>('GET', `${base}/abandonment/tickets?from=2026-11-10&to=2026-11-10&groupBy=channel&groupKey=voice&outcome=abandoned`, viewer);
    expect(voice.body.items.map((r) => r.subject)).toEqual(['Spec C', 'Spec D']);
    const fcr = await call<Page<ReportTicketRow>>('GET', `${base}/fcr/tickets?from=2026-11-10&to=2026-11-10`, viewer);
    expect(fcr.body.items.map((r) => [r.subject, r.outcome])).toEqual([
      ['Spec A', 'repeat'],
      ['Spec B', 'first_contact'],
    ]);
    const backlog = await call<Page<ReportTicketRow>>('GET', `${base}/backlog/tickets?from=2026-11-10&to=2026-11-10`, viewer);
    expect(backlog.body.items.map((r) => [r.subject, r.outcome])).toEqual([['Spec F', 'open']]);
  });

  it('SLA contract versions: admins add them (checked, audited); the report then uses the contract’s rule; the statement bills and credits', async () => {
    expect((await call<ErrorResponse>('GET', `/api/reports/clients/${world.clientId}/sla-contract`, viewer)).body.error.code).toBe('SLA_CONTRACT_NOT_FOUND');
    // Refusals: nonsense allocations; a client user or a lead may not add versions. Nothing is written.
    const bad = await call('POST', `/api/reports/clients/${world.clientId}/sla-contract/versions`, admin, { ...VERSION, criticalServiceLevels: VERSION.criticalServiceLevels.map((term) => ({ ...term, allocationPercent: 70 })) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('SLA_CONTRACT_INVALID');
    expect(bad.body.error.message).toContain('allocations add up to 140 %');
    expect((await call('POST', `/api/reports/clients/${world.clientId}/sla-contract/versions`, viewer, VERSION)).status).toBe(403);
    expect((await call('POST', `/api/reports/clients/${world.clientId}/sla-contract/versions`, lead, VERSION)).status).toBe(403);
    expect((await call('POST', `/api/reports/clients/${world.clientId}/sla-contract/versions`, admin, { ...VERSION, surprise: 1 })).body.error.code).toBe('SLA_CONTRACT_INVALID');
    expect(await ownerQuery('SELECT 1 FROM sla_contract_versions WHERE client_id = $1', [world.clientId])).toHaveLength(0);

    const added = await call<SlaContract>('POST', `/api/reports/clients/${world.clientId}/sla-contract/versions`, admin, VERSION);
    expect(added.status).toBe(201);
    expect(added.body.versions.map((v) => [v.version, v.effectiveFrom, v.effectiveTo])).toEqual([[1, '2026-11', null]]);
    const audit = await ownerQuery<{ action: string; details: { version: number } }>(`SELECT action, details FROM audit_log WHERE client_id = $1 AND target_type = 'sla_contract'`, [world.clientId]);
    expect(audit.map((a) => [a.action, a.details.version])).toEqual([['sla_contract.version_added', 1]]);
    expect((await call<SlaContract>('GET', `/api/reports/clients/${world.clientId}/sla-contract`, viewer)).body.versions).toHaveLength(1);

    // answered within 30 s / answered: A (10), F (5) of A, B, F; the 3-second abandon is a short abandon.
    const report = await kpis(viewer, 'from=2026-11-10&to=2026-11-10');
    expect(report.body.contractVersion).toBe(1);
    expect(report.body.total.serviceLevel).toMatchObject({ numerator: 2, denominator: 3, shortAbandons: 1 });
    expect(report.body.total.abandonment).toEqual({ value: 25, numerator: 1, denominator: 4 });
    expect(report.body.definitions.service_level.formula).toBe('answered within 30 s / answered × 100; abandons within 5 s removed from numerator and denominator');

    // November: handled A, B, F, G = 4 tickets × 2.50 € = 10 €; 10 % at risk = 1 €. Service level 3 of 4
    // within 30 s (G answered after 20 s) = 75 %: missed (target 80) → 60 % of the pool = 0.60 €. CSAT 100: met.
    const statement = await call<MonthlyStatement>('GET', `/api/reports/clients/${world.clientId}/statements/2026-11`, viewer);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({ month: '2026-11', contractVersion: 1, billingUnit: 'handled_ticket', billableQuantity: 4, invoiceCents: 1000, atRiskCents: 100, creditsOwedCents: 60, earnedBackCents: 0, netCreditCents: 60 });
    expect(statement.body.lines.map((l) => [l.termId, l.value, l.attainment, l.creditCents])).toEqual([
      ['sl', 75, 'missed', 60],
      ['csat', 100, 'met', 0],
      ['aht', expect.any(Number), 'missed', 0],
    ]);
    expect((await call<ErrorResponse>('GET', `/api/reports/clients/${world.clientId}/statements/2026-10`, viewer)).body.error.code).toBe('SLA_CONTRACT_NOT_FOUND');
  });

  it('a chat through the widget and the desk reaches the report; its transcript is masked and has no notes', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const chat = await client.chat(world.widgetKey, 'Hi, my card is 4111 1111 1111 1111, mail me at ann.lee@example.com');
    expect((await call('POST', `/api/tickets/${chat.ticketId}/assign`, agentToken, {})).status).toBe(200);
    expect((await call('POST', `/api/tickets/${chat.ticketId}/messages`, agentToken, { clientMsgId: randomUUID(), kind: 'note', body: 'Internal: VIP, handle gently' })).status).toBe(201);
    expect((await call('POST', `/api/tickets/${chat.ticketId}/messages`, agentToken, { clientMsgId: randomUUID(), kind: 'reply', body: 'Sure! Or call us on +44 20 7946 0958.' })).status).toBe(201);
    expect((await call('POST', `/api/tickets/${chat.ticketId}/status`, agentToken, { status: 'resolved' })).status).toBe(200);

    const report = await kpis(viewer, `from=${today}&to=${today}`);
    // The backlog at the end of today still holds F, open since November 10.
    expect(report.body.total).toMatchObject({ offered: 1, handled: 1, backlog: 1 });
    expect(report.body.total.firstResponse.n).toBe(1);
    expect(report.body.total.firstResolution.n).toBe(1);

    const transcript = await call<ReportTranscript>('GET', `/api/reports/clients/${world.clientId}/tickets/${chat.ticketId}/transcript`, viewer);
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.map((m) => [m.author, m.text])).toEqual([
      ['customer', 'Hi, my card is **** **** **** 1111, mail me at a***@e***.com'],
      ['agent', 'Sure! Or call us on •••• 0958.'],
    ]);
    expect(JSON.stringify(transcript.body)).not.toContain('VIP');
  });

  it('a client user reads only their own client (404), agents get 403, leads only the clients they cover', async () => {
    const paths = [
      `/api/reports/clients/${world.clientId}/kpis?from=2026-11-10&to=2026-11-10`,
      `/api/reports/clients/${world.clientId}/kpis/offered/tickets?from=2026-11-10&to=2026-11-10`,
      `/api/reports/clients/${world.clientId}/tickets/${ids['A']}/transcript`,
      `/api/reports/clients/${world.clientId}/live`,
      `/api/reports/clients/${world.clientId}/sla-contract`,
      `/api/reports/clients/${world.clientId}/statements/2026-11`,
    ];
    for (const path of paths) {
      const foreign = await call('GET', path, foreignViewer);
      expect([path, foreign.status]).toEqual([path, 404]);
      expect(JSON.stringify(foreign.body)).not.toContain('Spec');
      expect([path, (await call('GET', path, foreignLead)).status]).toEqual([path, 404]);
      expect([path, (await call('GET', path, agentToken)).status]).toEqual([path, 403]);
      expect([path, (await call('GET', path, lead)).status]).toEqual([path, 200]);
    }
    // Another client's ticket through one's own client id: not found either.
    const otherTicket = await client.chat(elsewhere.widgetKey, 'hello from elsewhere');
    expect((await call('GET', `/api/reports/clients/${world.clientId}/tickets/${otherTicket.ticketId}/transcript`, viewer)).status).toBe(404);
    expect((await call('GET', `/api/reports/clients/${elsewhere.clientId}/tickets/${ids['A']}/transcript`, foreignViewer)).status).toBe(404);
    expect((await call('POST', `/api/reports/clients/${elsewhere.clientId}/sla-contract/versions`, foreignViewer, VERSION)).status).toBe(403);
    expect((await call('GET', '/api/reports/overview?from=2026-11-10&to=2026-11-10', viewer)).status).toBe(403);
    expect((await call('GET', '/api/reports/overview?from=2026-11-10&to=2026-11-10', agentToken)).status).toBe(403);
  });

  it('the overview puts the clients a lead covers side by side, and only those', async () => {
    const mine = await call<ReportsOverview>('GET', '/api/reports/overview?from=2026-11-10&to=2026-11-10', lead);
    expect(mine.status).toBe(200);
    expect(mine.body.clients.map((c) => [c.clientId, c.total.offered])).toEqual([[world.clientId, 5]]);
    const all = await call<ReportsOverview>('GET', '/api/reports/overview?from=2026-11-10&to=2026-11-10', admin);
    expect(all.body.clients.map((c) => c.clientId)).toEqual(expect.arrayContaining([world.clientId, elsewhere.clientId]));
    expect(all.body.clients.find((c) => c.clientId === world.clientId)).toMatchObject({ clientName: 'Routing rep', colour: expect.stringMatching(/^#/), contractVersion: 1 });
  });

  it('malformed dates, groupBy, months and filters → 400 with stable codes', async () => {
    const cases: [string, string][] = [
      [`/kpis?from=2026-13-01&to=2026-13-02`, 'REPORT_RANGE_INVALID'],
      [`/kpis?from=2026-02-30&to=2026-03-01`, 'REPORT_RANGE_INVALID'],
      [`/kpis?from=2026-11-10&to=2026-11-01`, 'REPORT_RANGE_INVALID'],
      [`/kpis?to=2026-11-01`, 'REPORT_RANGE_INVALID'],
      [`/kpis?from=2025-01-01&to=2026-11-01`, 'REPORT_RANGE_INVALID'],
      [`/kpis?from=2026-01-01&to=2026-03-01&groupBy=interval`, 'REPORT_RANGE_INVALID'],
      [`/kpis?from=2026-11-10&to=2026-11-10&groupBy=week`, 'REPORT_GROUP_BY_INVALID'],
      [`/kpis?from=2026-11-10&to=2026-11-10&channel=fax`, 'REPORT_FILTER_INVALID'],
      [`/kpis?from=2026-11-10&to=2026-11-10&queueId=1`, 'REPORT_FILTER_INVALID'],
      [`/kpis?from=2026-11-10&to=2026-11-10&clientId=${elsewhere.clientId}`, 'REPORT_FILTER_INVALID'],
      [`/kpis/speed/tickets?from=2026-11-10&to=2026-11-10`, 'REPORT_FILTER_INVALID'],
      [`/kpis/offered/tickets?from=2026-11-10&to=2026-11-10&limit=500`, 'REPORT_FILTER_INVALID'],
      [`/kpis/offered/tickets?from=2026-11-10&to=2026-11-10&cursor=nonsense`, 'REPORT_FILTER_INVALID'],
      [`/kpis/offered/tickets?from=2026-11-10&to=2026-11-10&groupKey=2026-12-01`, 'REPORT_FILTER_INVALID'],
      [`/kpis/offered/tickets?from=2026-11-10&to=2026-11-10&groupKey=voice`, 'REPORT_FILTER_INVALID'],
      [`/statements/2026-1`, 'REPORT_MONTH_INVALID'],
      [`/statements/2026-13`, 'REPORT_MONTH_INVALID'],
    ];
    for (const [path, code] of cases) {
      const result = await call('GET', `/api/reports/clients/${world.clientId}${path}`, viewer);
      expect([path, result.status, result.body.error?.code]).toEqual([path, 400, code]);
    }
    expect((await call('GET', '/api/reports/overview?from=nope&to=2026-11-10', lead)).body.error.code).toBe('REPORT_RANGE_INVALID');
  });

  it('live tiles: the report on request, and report.live pushed to that client’s portal room only', async () => {
    const live = await call<LiveReport>('GET', `/api/reports/clients/${world.clientId}/live`, viewer);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ clientId: world.clientId, waitingNow: 0, longestWaitSeconds: null, agentsStaffed: 0, agentsAvailable: 0 });

    const portal = (token: string) => {
      const socket: Socket<PortalServerEvents> = io(`${t.url}/portal`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      return socket;
    };
    const mine = portal(viewer);
    const theirs = portal(foreignViewer);
    await Promise.all([connected(mine), connected(theirs)]);
    const seenElsewhere = record<LiveReport>(theirs, 'report.live');
    const pushed = nextEvent<LiveReport>(mine, 'report.live', (r) => r.waitingNow === 1);
    await client.chat(world.widgetKey, 'Is anyone there?');
    const report = await pushed;
    expect(report).toMatchObject({ clientId: world.clientId, waitingNow: 1 });
    expect(report.serviceLevelToday.rule).toMatchObject({ variant: 'answered_within_of_answered', thresholdSeconds: 30 });
    expect(seenElsewhere.filter((r) => r.clientId === world.clientId)).toEqual([]);
  });
  // ─── Exports ────────────────────────────────────────────────────────────────────────────────────

  /** A CSV file's rows (RFC 4180: quoted cells, doubled quotes), the byte-order mark dropped. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let cell = '';
    let quoted = false;
    const body = text.replace(/^\uFEFF/, '');
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (quoted && ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (quoted && ch === '"') quoted = false;
      else if (quoted || (ch !== '"' && ch !== ',' && !(ch === '\r' && body[i + 1] === '\n'))) cell += ch;
      else if (ch === '"') quoted = true;
      else {
        row.push(cell);
        cell = '';
        if (ch === '\r') {
          rows.push(row);
          row = [];
          i++;
        }
      }
    }
    return rows;
  }
  const download = async (token: string, path: string) => {
    const response = await fetch(`${t.url}/api/reports/clients/${world.clientId}/exports/${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const csvOf = async (token: string, path: string) => {
    const result = await download(token, path);
    expect([path, result.status]).toEqual([path, 200]);
    const [header, ...rows] = parseCsv(result.bytes.toString('utf8'));
    return { ...result, header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
  };

  it('the tickets CSV has one row per ticket created in the range, the drill-down’s figures for the offered ones, with a file name of the client and range', async () => {
    const csv = await csvOf(viewer, 'tickets.csv?from=2026-11-10&to=2026-11-10');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('filename="routing-rep-tickets-2026-11-10.csv"');
    expect(csv.header.slice(0, 6)).toEqual(['Ticket', 'Ticket ID', 'Subject', 'Channel', 'Queue', 'Language']);
    expect(csv.rows.map((r) => r['Subject'])).toEqual(['Spec A', 'Spec B', 'Spec C', 'Spec D', 'Spec E', 'Spec F']);
    const drill = await call<Page<ReportTicketRow>>('GET', `/api/reports/clients/${world.clientId}/kpis/offered/tickets?from=2026-11-10&to=2026-11-10`, viewer);
    const offered = csv.rows.filter((r) => r['Service level'] !== 'not_offered');
    expect(offered.map((r) => [r['Ticket ID'], r['Subject'], r['Channel'], r['Queue'], r['Service level'], Number(r['Queue wait (s)']), r['First response (s)'] === '' ? null : Number(r['First response (s)']), r['Resolved'] || null])).toEqual(
      drill.body.items.map((d) => [d.ticketId, d.subject, d.channel, d.queueName, d.outcome, d.waitSeconds, d.firstResponseSeconds, d.resolvedAt]),
    );
    expect(csv.rows.find((r) => r['Subject'] === 'Spec E')).toMatchObject({ 'Service level': 'not_offered', Resolved: '2026-11-10T10:01:00.000Z' });
    expect(csv.rows.find((r) => r['Subject'] === 'Spec B')).toMatchObject({ CSAT: '5', 'Handle time (s)': expect.stringMatching(/^\d/) });
    const voice = await csvOf(viewer, 'tickets.csv?from=2026-11-10&to=2026-11-12&channel=voice');
    expect(voice.rows.map((r) => r['Subject'])).toEqual(['Spec C', 'Spec D']);
  });

  it('exports show no more than the portal: PII masked per policy, card numbers never, no notes or message text; formula-like text escaped', async () => {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Mallory') RETURNING id`, [world.clientId]);
    const id = await handBuilt('P', 'chat', contact.id, at('11', '12:00:00'), [
      ['created', at('11', '12:00:00')],
      ['queued', at('11', '12:00:00'), { queueId }],
    ]);
    await ownerQuery(`UPDATE tickets SET subject = $2 WHERE id = $1`, [id, '=HYPERLINK("http://evil.example","Card 4111 1111 1111 1111 of ann.lee@example.com, +44 20 7946 0958")']);
    const csv = await csvOf(viewer, 'tickets.csv?from=2026-11-11&to=2026-11-11');
    expect(csv.rows.map((r) => r['Subject'])).toEqual([`'=HYPERLINK("http://evil.example","Card **** **** **** 1111 of a***@e***.com, •••• 0958")`]);
    // The drill-down shows the subject masked the same way (the export never shows more than the portal).
    const drill = await call<Page<ReportTicketRow>>('GET', `/api/reports/clients/${world.clientId}/kpis/offered/tickets?from=2026-11-11&to=2026-11-11`, viewer);
    expect(drill.body.items.map((r) => r.subject)).toEqual([csv.rows[0]['Subject'].slice(1)]);
    const raw = csv.bytes.toString('utf8');
    expect(raw).not.toContain('4111 1111 1111 1111');
    expect(raw).not.toContain('ann.lee');
    expect(raw).not.toMatch(/[\r\n,]"?=/);
    // Today's widget chat: a card number in its first message and an internal note — neither is in the export.
    const today = new Date().toISOString().slice(0, 10);
    const todays = await csvOf(viewer, `tickets.csv?from=${today}&to=${today}`);
    expect(todays.rows.length).toBeGreaterThan(0);
    expect(todays.bytes.toString('utf8')).not.toMatch(/VIP|4111|ann\.lee|Internal/);
  });

  it('the KPI CSV by day and by 30-minute interval holds the numbers of the report, with a total line', async () => {
    const days = await csvOf(viewer, 'kpis.csv?from=2026-11-10&to=2026-11-12');
    expect(days.headers.get('content-disposition')).toContain('filename="routing-rep-kpis-by-day-2026-11-10-to-2026-11-12.csv"');
    const report = await kpis(viewer, 'from=2026-11-10&to=2026-11-12&groupBy=day');
    expect(days.rows.map((r) => [r['Date'], Number(r['Offered']), Number(r['Handled']), r['Service level (%)'], r['Backlog']])).toEqual([
      ...report.body.groups.map((g) => [g.key, g.report.offered, g.report.handled, g.report.serviceLevel.value === null ? '' : String(Math.round(g.report.serviceLevel.value * 10) / 10), g.report.backlog === null ? '' : String(g.report.backlog)]),
      ['Total 2026-11-10 to 2026-11-12', report.body.total.offered, report.body.total.handled, String(Math.round((report.body.total.serviceLevel.value ?? 0) * 10) / 10), String(report.body.total.backlog)],
    ]);
    const intervals = await csvOf(viewer, 'kpis.csv?from=2026-11-10&to=2026-11-10&groupBy=interval');
    expect(intervals.rows).toHaveLength(48 + 1);
    expect(intervals.rows.filter((r) => r['Offered'] !== '0' && !r['Date'].startsWith('Total')).map((r) => [r['Date'], r['Interval'], r['Offered']])).toEqual([
      ['2026-11-10', '09:00+00:00', '3'],
      ['2026-11-10', '09:30+00:00', '1'],
      ['2026-11-10', '10:30+00:00', '1'],
    ]);
  });

  it('the statement PDF carries the statement’s figures and contract version', async () => {
    const pdf = await download(viewer, 'statements/2026-11.pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('filename="routing-rep-statement-2026-11.pdf"');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The text of the page: the content streams inflated, the strings of each text operator joined.
    const streams = [...pdf.bytes.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
      try {
        return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
      } catch {
        return '';
      }
    });
    const text = streams
      .flatMap((s) => [...s.matchAll(/\[(.*?)\] TJ/g)].map((m) => [...m[1].matchAll(/<([0-9a-f]+)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join('')))
      .join('\n');
    expect(text).toContain('Monthly statement · November 2026');
    expect(text).toContain('Routing rep · SLA contract version 1');
    expect(text).toMatch(/Billable quantity: 4 handled tickets × .2\.50 = .10\.00/);
    expect(text).toMatch(/Credits owed: .0\.60/);
    expect(text).toMatch(/Net credit: .0\.60/);
    expect(text).toContain('75.0 %');
    expect(text).toContain('Missed');
    expect(text).toContain('Met');
    expect((await download(viewer, 'statements/2026-11')).status).toBe(400);
    const none = await download(viewer, 'statements/2026-10.pdf');
    expect([none.status, (JSON.parse(none.bytes.toString('utf8')) as ErrorResponse).error.code]).toEqual([404, 'SLA_CONTRACT_NOT_FOUND']);
  });

  it('exports: another client’s id → 404, agents 403, bad input → 400 with the report codes and nothing audited; every export audited', async () => {
    const before = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE client_id = $1 AND action LIKE 'report.%'`, [world.clientId]);
    for (const path of ['tickets.csv?from=2026-11-10&to=2026-11-10', 'kpis.csv?from=2026-11-10&to=2026-11-10', 'statements/2026-11.pdf']) {
      const foreign = await download(foreignViewer, path);
      expect([path, foreign.status]).toEqual([path, 404]);
      expect(foreign.bytes.toString('utf8')).not.toContain('Spec');
      expect([path, (await download(foreignLead, path)).status]).toEqual([path, 404]);
      expect([path, (await download(agentToken, path)).status]).toEqual([path, 403]);
      expect([path, (await download(lead, path)).status]).toEqual([path, 200]);
    }
    const cases: [string, string][] = [
      ['tickets.csv?from=2026-11-10&to=2026-11-01', 'REPORT_RANGE_INVALID'],
      ['tickets.csv?from=2026-02-30&to=2026-03-01', 'REPORT_RANGE_INVALID'],
      ['tickets.csv?from=2025-01-01&to=2026-11-01', 'REPORT_RANGE_INVALID'],
      ['tickets.csv?from=2026-11-10&to=2026-11-10&channel=fax', 'REPORT_FILTER_INVALID'],
      [`tickets.csv?from=2026-11-10&to=2026-11-10&clientId=${elsewhere.clientId}`, 'REPORT_FILTER_INVALID'],
      ['kpis.csv?to=2026-11-10', 'REPORT_RANGE_INVALID'],
      ['kpis.csv?from=2026-11-10&to=2026-11-10&groupBy=channel', 'REPORT_GROUP_BY_INVALID'],
      ['kpis.csv?from=2026-01-01&to=2026-03-01&groupBy=interval', 'REPORT_RANGE_INVALID'],
      ['statements/2026-13.pdf', 'REPORT_MONTH_INVALID'],
      ['statements/2026-11.csv', 'REPORT_MONTH_INVALID'],
    ];
    for (const [path, code] of cases) {
      const result = await download(viewer, path);
      expect([path, result.status, (JSON.parse(result.bytes.toString('utf8')) as ErrorResponse).error.code]).toEqual([path, 400, code]);
    }
    const after = await ownerQuery<{ n: string }>(`SELECT count(*) AS n FROM audit_log WHERE client_id = $1 AND action LIKE 'report.%'`, [world.clientId]);
    expect(Number(after[0].n) - Number(before[0].n)).toBe(3); // the lead's three downloads; refusals write nothing

    await download(viewer, 'tickets.csv?from=2026-11-10&to=2026-11-12&channel=voice');
    const log = await call<Page<AuditEntryView>>('GET', `/api/audit?clientId=${world.clientId}&action=report.*&limit=1`, admin);
    expect(log.status).toBe(200);
    expect(log.body.items[0]).toMatchObject({ action: 'report.tickets_exported', clientId: world.clientId, details: { from: '2026-11-10', to: '2026-11-12', channel: 'voice' } });
    const [{ actor_user_id }] = await ownerQuery<{ actor_user_id: string }>(`SELECT actor_user_id FROM audit_log WHERE client_id = $1 AND action = 'report.tickets_exported' ORDER BY id DESC LIMIT 1`, [world.clientId]);
    const [{ email }] = await ownerQuery<{ email: string }>('SELECT email FROM users WHERE id = $1', [actor_user_id]);
    expect(email).toMatch(/^viewer\.rep\./);
  });

  it('the tickets export is read and written in pages of 500: 1,200 tickets arrive as the header and three chunks, never as one', async () => {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Bulk') RETURNING id`, [world.clientId]);
    const made = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, queue_id, created_at)
       SELECT $1, $2, $3, 'chat', 'queued', 'Bulk ' || n, $4, '2026-10-05T08:00:00Z'::timestamptz + n * interval '20 seconds' FROM generate_series(1, 1200) n RETURNING id`,
      [world.clientId, world.inboxId, contact.id, queueId],
    );
    await ownerQuery(`INSERT INTO ticket_events (client_id, ticket_id, type, at, data) SELECT $1, t.id, 'queued', t.created_at, jsonb_build_object('queueId', $2::text) FROM tickets t WHERE t.id = ANY ($3)`, [world.clientId, queueId, made.map((m) => m.id)]);
    const chunks: string[] = [];
    let began = 0;
    const sink: ExportSink = {
      begin: () => void began++,
      write: async (chunk) => void chunks.push(chunk.toString()),
      end: () => undefined,
    };
    const principal: Principal = { userId: world.lead.id, role: 'team_lead', clientIds: [world.clientId], sessionId: randomUUID(), email: world.lead.email, displayName: world.lead.name, clientId: null, teamIds: [], leadTeamIds: [] };
    await t.app.get(ReportExportService).tickets(principal, world.clientId, { from: '2026-10-05', to: '2026-10-05' }, { requestId: null, address: null }, sink);
    expect(began).toBe(1);
    expect(chunks.map((c) => c.split('\r\n').length - 1)).toEqual([1, 500, 500, 200]);
    const numbers = chunks.slice(1).flatMap((c) => parseCsv(c).map((r) => r[2]));
    expect(numbers).toEqual(Array.from({ length: 1200 }, (_, i) => `Bulk ${i + 1}`));
    // Over HTTP: chunked, no length announced, and every row there.
    const csv = await csvOf(viewer, 'tickets.csv?from=2026-10-05&to=2026-10-05');
    expect(csv.headers.get('transfer-encoding')).toBe('chunked');
    expect(csv.headers.get('content-length')).toBeNull();
    expect(csv.rows).toHaveLength(1200);
  });
});
