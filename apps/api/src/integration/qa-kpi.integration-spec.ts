import type { ErrorResponse, KpiReportResponse, Page, QaReportResponse, ReportTicketRow, ScorecardView } from '@switchboard/shared-contracts';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * The QA score in the client KPI report (issue 7, KPIS.md "QA score", "QA coverage"): the random
 * sample's mean with its 95 % interval, the targeted stream apart, coverage = evaluated / handled, over
 * the tickets resolved in the range — the QA report's population and maths — in total and per day and
 * queue; the QA tile's drill-down lists the evaluated tickets; the aggregates CSV carries it.
 *
 * Hand-built, client time zone UTC; Ivy handles six chats (each queued, accepted, replied, resolved):
 *   t1 Billing 14 Oct 10:00  random 80
 *   t2 Billing 14 Oct 11:00  random 90
 *   t3 —       15 Oct 09:00  random 100
 *   t4 —       15 Oct 10:00  targeted 0 (a critical fail)
 *   t5 —       15 Oct 11:00  not evaluated
 *   t6 Billing 15 Oct 12:00  a draft random review (does not count)
 * Another client has a ticket with a random review of 10: it never shows.
 *
 * By hand (t(0.975, 1) = 12.706, t(0.975, 2) = 4.303):
 *   total   random 80, 90, 100: mean 90, s = 10, ± 4.303 × 10 / √3 = 24.8 → 65.2–100 (kept within 100);
 *           evaluated t1–t4 = 4 of 6 handled → coverage 0.6667; targeted 1, critical-fail rate 1
 *   14 Oct  80, 90: mean 85, s = 7.07, ± 12.706 × 7.07 / √2 = 63.5 → 21.5–100; 2 of 2 → coverage 1
 *   15 Oct  100 (n = 1: no interval); t3, t4 of t3–t6 → coverage 0.5
 *   Billing t1, t2 of t1, t2, t6 → 85, coverage 0.6667; no queue t3, t4 of t3–t5 → 100, coverage 0.6667
 */
describe('QA score in the KPI report', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  let ivy: WorldAgent;
  let viewer: string;
  let lead: string;
  let ivyToken: string;
  let foreignViewer: string;
  let billing: string;
  const ids: Record<string, string> = {};
  const RANGE = 'from=2026-10-14&to=2026-10-15';
  const call = <T = unknown>(path: string, token: string) => http<T & ErrorResponse>(t.url, 'GET', path, { token });
  const kpis = (token: string, query: string, clientId = world.clientId) => call<KpiReportResponse>(`/api/reports/clients/${clientId}/kpis?${query}`, token);

  async function clientUser(w: RoutingWorld, tag: string): Promise<string> {
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `viewer.qakpi.${tag}.${w.clientId.slice(0, 8)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Quinn Viewer', 'client_viewer', $2, $3)`, [email, w.clientId, password_hash]);
    return (await login(t.url, email)).accessToken;
  }

  /** A chat Ivy handled, resolved at `resolved` (queued 10 minutes before, answered after 15 s, replied after 60 s). */
  async function handled(w: RoutingWorld, agent: WorldAgent, name: string, queueId: string | null, resolved: string): Promise<string> {
    const at = (minus: number) => new Date(Date.parse(resolved) - minus * 1000).toISOString();
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, $2) RETURNING id`, [w.clientId, `Contact ${name}`]);
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, queue_id, assignee_id, created_at, resolved_at) VALUES ($1, $2, $3, 'chat', 'resolved', $4, $5, $6, $7, $8) RETURNING id`,
      [w.clientId, w.inboxId, contact.id, `QA ${name}`, queueId, agent.id, at(600), resolved],
    );
    for (const [type, instant, data] of [
      ['message_received', at(600), {}],
      ['queued', at(600), queueId ? { queueId } : {}],
      ['accepted', at(585), { agentId: agent.id }],
      ['reply', at(540), {}],
      ['resolved', resolved, {}],
    ] as const) {
      await ownerQuery('INSERT INTO ticket_events (client_id, ticket_id, type, at, data) VALUES ($1, $2, $3, $4, $5)', [w.clientId, ticket.id, type, instant, data]);
    }
    ids[name] = ticket.id;
    return ticket.id;
  }

  async function evaluated(w: RoutingWorld, versionId: string, ticketId: string, agent: WorldAgent, stream: string, score: number | 'draft'): Promise<void> {
    if (score === 'draft') {
      await ownerQuery(`INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream) VALUES ($1, $2, $3, $4, $5, $6)`, [w.clientId, ticketId, agent.id, w.lead.id, versionId, stream]);
      return;
    }
    await ownerQuery(
      `INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream, status, answers, score, critical_failed, submitted_answers, submitted_score, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'submitted', '{}', $7, $8, '{}', $7, now())`,
      [w.clientId, ticketId, agent.id, w.lead.id, versionId, stream, score, score === 0 ? ['verify'] : []],
    );
  }

  async function scorecardVersion(admin: string, w: RoutingWorld): Promise<string> {
    const card = await http<ScorecardView>(t.url, 'POST', `/api/clients/${w.clientId}/scorecards`, {
      token: admin,
      body: { name: 'KPI card', sections: [{ key: 'a', title: 'A', weight: 1, questions: [{ key: 'verify', text: 'V', scale: 'binary', allowNa: false, critical: true, guidance: '' }] }] },
    });
    const [{ id }] = await ownerQuery<{ id: string }>('SELECT id FROM scorecard_versions WHERE scorecard_id = $1', [card.body.id]);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('qakpi');
    elsewhere = await createRoutingWorld('qakpi-else');
    ivy = await world.agent('Ivy Agent');
    const otto = await elsewhere.agent('Otto Agent');
    const admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lead = (await login(t.url, world.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    viewer = await clientUser(world, 'mine');
    foreignViewer = await clientUser(elsewhere, 'else');
    const version = await scorecardVersion(admin, world);
    const [queue] = await ownerQuery<{ id: string }>(`INSERT INTO queues (client_id, name, channels) VALUES ($1, 'Billing', '{chat}') RETURNING id`, [world.clientId]);
    billing = queue.id;

    await evaluated(world, version, await handled(world, ivy, 't1', billing, '2026-10-14T10:00:00Z'), ivy, 'random', 80);
    await evaluated(world, version, await handled(world, ivy, 't2', billing, '2026-10-14T11:00:00Z'), ivy, 'random', 90);
    await evaluated(world, version, await handled(world, ivy, 't3', null, '2026-10-15T09:00:00Z'), ivy, 'random', 100);
    await evaluated(world, version, await handled(world, ivy, 't4', null, '2026-10-15T10:00:00Z'), ivy, 'targeted', 0);
    await handled(world, ivy, 't5', null, '2026-10-15T11:00:00Z');
    await evaluated(world, version, await handled(world, ivy, 't6', billing, '2026-10-15T12:00:00Z'), ivy, 'random', 'draft');

    const otherVersion = await scorecardVersion(admin, elsewhere);
    await evaluated(elsewhere, otherVersion, await handled(elsewhere, otto, 'x1', null, '2026-10-14T10:00:00Z'), otto, 'random', 10);
  });

  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  it('the total: random-sample score with its 95 % interval, the targeted stream apart, coverage = evaluated / handled', async () => {
    const report = await kpis(viewer, RANGE);
    expect(report.status).toBe(200);
    const qa = report.body.total.qa;
    expect(qa?.headline).toMatchObject({ evaluations: 3, score: { n: 3, mean: 90, low: 65.2, high: 100, level: 0.95 } });
    expect(qa?.targeted).toMatchObject({ evaluations: 1, score: { mean: 0 }, criticalFailRate: { successes: 1, n: 1, rate: 1 } });
    expect(qa).toMatchObject({ evaluatedTickets: 4, handledTickets: 6, coverage: 0.6667 });
    expect(report.body.definitions.qa_score).toMatchObject({ label: 'QA score', unit: 'percent', formula: expect.stringContaining('95 % confidence interval') });
    // The same figures as the client's QA report for the same days (one population, one computation).
    const qaReport = await call<QaReportResponse>(`/api/qa/reports?clientId=${world.clientId}&groupBy=client&from=2026-10-14&to=2026-10-15`, lead);
    expect(qaReport.body.rows[0].report).toEqual(qa);
    // The lead reads what the client reads; the rollup-backed report the same QA.
    expect((await kpis(lead, RANGE)).body.total.qa).toEqual(qa);
    expect((await kpis(viewer, `${RANGE}&source=rollup`)).body.total.qa).toEqual(qa);
  });

  it('per day and per queue, as the report’s groups', async () => {
    const days = await kpis(viewer, `${RANGE}&groupBy=day`);
    expect(days.body.groups.map((g) => [g.key, g.report.qa?.headline.score, g.report.qa?.evaluatedTickets, g.report.qa?.handledTickets, g.report.qa?.coverage])).toEqual([
      ['2026-10-14', { n: 2, mean: 85, low: 21.5, high: 100, level: 0.95 }, 2, 2, 1],
      ['2026-10-15', { n: 1, mean: 100, low: null, high: null, level: 0.95 }, 2, 4, 0.5],
    ]);
    // By 30-minute interval of the resolution (10:00 is index 20): t1, t2 on the 14th; t3–t6 on the 15th, t4–t6 without a random review.
    const intervals = await kpis(viewer, `${RANGE}&groupBy=interval`);
    expect(intervals.body.groups.filter((g) => (g.report.qa?.handledTickets ?? 0) > 0).map((g) => [g.key, g.report.qa?.headline.score?.mean ?? null])).toEqual([
      ['2026-10-14#20', 80],
      ['2026-10-14#22', 90],
      ['2026-10-15#18', 100],
      ['2026-10-15#20', null],
      ['2026-10-15#22', null],
      ['2026-10-15#24', null],
    ]);
    const queues = await kpis(viewer, `${RANGE}&groupBy=queue`);
    expect(queues.body.groups.map((g) => [g.key, g.label, g.report.qa?.headline.score?.mean, g.report.qa?.coverage])).toEqual([
      [billing, 'Billing', 85, 0.6667],
      ['none', 'None', 100, 0.6667],
    ]);
    // A filter narrows the QA population like the facts: the Billing queue only.
    expect((await kpis(viewer, `${RANGE}&queueId=${billing}`)).body.total.qa).toMatchObject({ evaluatedTickets: 2, handledTickets: 3, headline: { score: { mean: 85 } } });
  });

  it('the QA tile drills down to the evaluated tickets, in resolution order, by the stream they were reviewed in', async () => {
    const rows = await call<Page<ReportTicketRow>>(`/api/reports/clients/${world.clientId}/kpis/qa_score/tickets?${RANGE}`, viewer);
    expect(rows.status).toBe(200);
    expect(rows.body.items.map((r) => [r.ticketId, r.outcome, r.queueName, r.waitSeconds, r.firstResponseSeconds])).toEqual([
      [ids['t1'], 'random', 'Billing', 15, 60],
      [ids['t2'], 'random', 'Billing', 15, 60],
      [ids['t3'], 'random', null, 15, 60],
      [ids['t4'], 'targeted', null, 15, 60],
    ]);
    const bucket = await call<Page<ReportTicketRow>>(`/api/reports/clients/${world.clientId}/kpis/qa_score/tickets?${RANGE}&groupBy=queue&groupKey=${billing}`, viewer);
    expect(bucket.body.items.map((r) => r.ticketId)).toEqual([ids['t1'], ids['t2']]);
    const targeted = await call<Page<ReportTicketRow>>(`/api/reports/clients/${world.clientId}/kpis/qa_score/tickets?${RANGE}&outcome=targeted`, viewer);
    expect(targeted.body.items.map((r) => r.ticketId)).toEqual([ids['t4']]);
    const paged = await call<Page<ReportTicketRow>>(`/api/reports/clients/${world.clientId}/kpis/qa_score/tickets?${RANGE}&limit=3`, viewer);
    expect(paged.body.items).toHaveLength(3);
    const next = await call<Page<ReportTicketRow>>(`/api/reports/clients/${world.clientId}/kpis/qa_score/tickets?${RANGE}&limit=3&cursor=${paged.body.nextCursor}`, viewer);
    expect(next.body.items.map((r) => r.ticketId)).toEqual([ids['t4']]);
  });

  it('the aggregates CSV carries the QA score, its interval, the random evaluations and coverage', async () => {
    const response = await fetch(`${t.url}/api/reports/clients/${world.clientId}/exports/kpis.csv?${RANGE}`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(response.status).toBe(200);
    const lines = (await response.text()).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const total = lines[lines.length - 1].split(',');
    const col = (name: string) => total[header.indexOf(name)];
    expect([col('QA score'), col('QA score 95% low'), col('QA score 95% high'), col('QA evaluations (random)'), col('QA coverage (%)')]).toEqual(['90', '65.2', '100', '3', '66.7']);
  });

  it('another client’s evaluations never show; another client’s user is refused; agents read no reports', async () => {
    const theirs = await kpis(foreignViewer, RANGE, elsewhere.clientId);
    expect(theirs.body.total.qa).toMatchObject({ evaluatedTickets: 1, handledTickets: 1, headline: { score: { mean: 10 } } });
    expect((await kpis(foreignViewer, RANGE)).status).toBe(404);
    expect((await call(`/api/reports/clients/${world.clientId}/kpis/qa_score/tickets?${RANGE}`, foreignViewer)).status).toBe(404);
    expect((await kpis(viewer, RANGE, elsewhere.clientId)).status).toBe(404);
    expect((await call(`/api/reports/clients/${elsewhere.clientId}/kpis/qa_score/tickets?${RANGE}`, viewer)).status).toBe(404);
    expect((await kpis(ivyToken, RANGE)).status).toBe(403);
  });
});
