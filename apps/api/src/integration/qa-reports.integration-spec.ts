import type { ErrorResponse, QaReportResponse, ScorecardView } from '@switchboard/shared-contracts';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * QA reports (issue 6): per agent, team, queue and client — the headline is the random stream with its
 * 95 % interval, targeted and hand-picked evaluations apart, coverage, critical fails, disputes and their
 * outcome. Leads read their clients'; a client user reads only their client's, as a whole, per queue and
 * per agent (the portal's Quality page), agents as first name and last initial, never per team.
 */
describe('QA reports', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  let lena: string;
  let foreignLead: string;
  let ivy: WorldAgent;
  let omar: WorldAgent;
  let ivyToken: string;
  let clientUser: string;
  let teamId: string;
  let queueName: string;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const call = <T = unknown>(path: string, token: string) => http<T & ErrorResponse>(t.url, 'GET', path, { token });
  const report = (token: string, groupBy: string, clientId = world.clientId, from = yesterday, to = yesterday) =>
    call<QaReportResponse>(`/api/qa/reports?clientId=${clientId}&groupBy=${groupBy}&from=${from}&to=${to}`, token);

  /** A ticket resolved yesterday at noon UTC (the world's time zone), handled by `agent`. */
  async function handled(agent: WorldAgent): Promise<string> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey') RETURNING id`, [world.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, resolved_at) VALUES ($1, $2, $3, 'chat', 'resolved', $4, $5::date + interval '12 hours') RETURNING id`,
      [world.clientId, world.inboxId, contact.id, agent.id, yesterday],
    );
    return ticket.id;
  }
  let versionId: string;
  /** A submitted evaluation of the ticket in `stream` with `score` (0 = a critical fail). */
  async function evaluated(ticketId: string, agent: WorldAgent, stream: string, score: number): Promise<string> {
    const [row] = await ownerQuery<{ id: string }>(
      `INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream, status, answers, score, critical_failed, submitted_answers, submitted_score, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'submitted', '{}', $7, $8, '{}', $7, now()) RETURNING id`,
      [world.clientId, ticketId, agent.id, world.lead.id, versionId, stream, score, score === 0 ? ['verify'] : []],
    );
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('rep');
    elsewhere = await createRoutingWorld('rep-else');
    ivy = await world.agent('Ivy Agent');
    omar = await world.agent('Omar Agent');
    const admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lena = (await login(t.url, world.lead.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    const card = await http<ScorecardView>(t.url, 'POST', `/api/clients/${world.clientId}/scorecards`, {
      token: admin,
      body: { name: 'Report card', sections: [{ key: 'a', title: 'A', weight: 1, questions: [{ key: 'verify', text: 'V', scale: 'binary', allowNa: false, critical: true, guidance: '' }] }] },
    });
    [{ id: versionId }] = await ownerQuery<{ id: string }>('SELECT id FROM scorecard_versions WHERE scorecard_id = $1', [card.body.id]);
    const [team] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Report team ${world.clientId.slice(0, 8)}`]);
    teamId = team.id;
    await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, 'member')`, [teamId, ivy.id]);
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `client.user.${world.clientId.slice(0, 8)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Carla Client', 'client_viewer', $2, $3)`, [email, world.clientId, password_hash]);
    clientUser = (await login(t.url, email)).accessToken;

    // Ivy: 6 handled; random 80, 90, 100; targeted 0 (critical fail); manual 50 (disputed, adjusted). Omar: 2 handled, random 60.
    const ivys = [];
    for (let i = 0; i < 6; i++) ivys.push(await handled(ivy));
    // Ivy's three random reviews are in a named queue; everything else has none.
    queueName = `Billing ${world.clientId.slice(0, 8)}`;
    const billing = await http<{ id: string }>(t.url, 'POST', `/api/clients/${world.clientId}/queues`, { token: admin, body: { name: queueName, channels: ['chat'] } });
    expect(billing.status).toBe(201);
    await ownerQuery('UPDATE tickets SET queue_id = $1 WHERE id = ANY ($2)', [billing.body.id, ivys.slice(0, 3)]);
    const omars = [await handled(omar), await handled(omar)];
    await evaluated(ivys[0], ivy, 'random', 80);
    const disputed = await evaluated(ivys[1], ivy, 'random', 90);
    await evaluated(ivys[2], ivy, 'random', 100);
    await evaluated(ivys[3], ivy, 'targeted', 0);
    await evaluated(ivys[4], ivy, 'manual', 50);
    await evaluated(omars[0], omar, 'random', 60);
    await ownerQuery(
      `INSERT INTO evaluation_disputes (evaluation_id, client_id, question_key, reason, status, adjusted_answer, resolution_note, resolved_at) VALUES ($1, $2, 'verify', 'I did verify', 'adjusted', '1', 'Right', now())`,
      [disputed, world.clientId],
    );
    // A draft of one more of Omar's tickets: it does not count as evaluated.
    const draftTicket = await handled(omar);
    await ownerQuery(`INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream) VALUES ($1, $2, $3, $4, $5, 'random')`, [world.clientId, draftTicket, omar.id, world.lead.id, versionId]);
  });
  afterAll(async () => {
    await ownerQuery('DELETE FROM teams WHERE id = $1', [teamId]);
    await t.close();
    await destroyRoutingWorlds();
  });

  it('per agent: the headline is the random stream with its 95 % interval; targeted and manual apart; coverage, critical fails and disputes', async () => {
    const result = await report(lena, 'agent');
    expect(result.status).toBe(200);
    const ivyRow = result.body.rows.find((r) => r.key === ivy.id);
    expect(ivyRow?.label).toBe('Ivy Agent');
    // 80, 90, 100: mean 90, s = 10, t(0.975, 2) = 4.303 → 90 ± 24.8 (kept within 100).
    expect(ivyRow?.report.headline.score).toEqual({ n: 3, mean: 90, low: 65.2, high: 100, level: 0.95 });
    expect(ivyRow?.report.targeted).toMatchObject({ evaluations: 1, score: { mean: 0 }, criticalFailRate: { successes: 1, n: 1, rate: 1 } });
    expect(ivyRow?.manual).toMatchObject({ evaluations: 1, score: { mean: 50 } });
    expect(ivyRow?.report).toMatchObject({ evaluatedTickets: 5, handledTickets: 6, coverage: 0.8333 });
    expect(ivyRow?.disputes).toMatchObject({ raised: 1, adjusted: 1, upheld: 0, open: 0, adjustedShare: 1, rate: { successes: 1, n: 5, rate: 0.2 } });
    const omarRow = result.body.rows.find((r) => r.key === omar.id);
    // The draft does not count; 3 handled (the draft's ticket too), 1 evaluated.
    expect(omarRow?.report).toMatchObject({ headline: { evaluations: 1, score: { n: 1, mean: 60, low: null, high: null } }, handledTickets: 3, evaluatedTickets: 1, coverage: 0.3333 });
  });

  it('per team, queue and client', async () => {
    const teams = (await report(lena, 'team')).body.rows;
    expect(teams.map((r) => [r.label, r.report.headline.evaluations])).toEqual(
      expect.arrayContaining([
        [`Report team ${world.clientId.slice(0, 8)}`, 3],
        ['No team', 1],
      ]),
    );
    const queues = (await report(lena, 'queue')).body.rows;
    expect(queues.map((r) => [r.label, r.report.handledTickets, r.report.headline.score?.mean ?? null]).sort()).toEqual([
      [queueName, 3, 90],
      ['No queue', 6, 60],
    ]);
    const [client] = (await report(lena, 'client')).body.rows;
    expect(client).toMatchObject({ key: world.clientId, label: expect.any(String), report: { headline: { evaluations: 4, score: { n: 4, mean: 82.5 } }, handledTickets: 9, evaluatedTickets: 6 } });
    expect(client.agreement).toEqual({ alpha: null, units: 0 });
  });

  it('a client user reads their client per queue as their provider’s leads do, and per agent by first name and last initial', async () => {
    const byQueue = await report(clientUser, 'queue');
    expect(byQueue.status).toBe(200);
    expect(byQueue.body.rows.map((r) => [r.label, r.report.headline.evaluations, r.disputes.raised]).sort()).toEqual([
      [queueName, 3, 1],
      ['No queue', 1, 0],
    ]);
    expect(byQueue.body.rows).toEqual((await report(lena, 'queue')).body.rows);

    const byAgent = await report(clientUser, 'agent');
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.rows.map((r) => r.label).sort()).toEqual(['Ivy A.', 'Omar A.']);
    expect(JSON.stringify(byAgent.body)).not.toMatch(/Ivy Agent|Omar Agent/);
    // Only the name is shortened: the figures are the lead's.
    const leads = (await report(lena, 'agent')).body.rows;
    expect(byAgent.body.rows.map((r) => ({ ...r, label: '' }))).toEqual(leads.map((r) => ({ ...r, label: '' })));
    expect(byAgent.body.rows.find((r) => r.key === ivy.id)?.report.headline.score?.mean).toBe(90);
  });

  it('a client user reads their own client’s report only, never per team (disputes counted though they cannot read them); everyone else and bad queries are refused', async () => {
    const portal = await report(clientUser, 'client');
    expect(portal.status).toBe(200);
    expect(portal.body.rows).toHaveLength(1);
    expect(portal.body.rows[0]).toEqual((await report(lena, 'client')).body.rows[0]);
    expect(portal.body.rows[0].disputes.raised).toBe(1);
    const perTeam = await report(clientUser, 'team');
    expect([perTeam.status, perTeam.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const groupBy of ['client', 'queue', 'agent']) expect([groupBy, (await report(clientUser, groupBy, elsewhere.clientId)).status]).toEqual([groupBy, 404]);
    const noGrouping = await report(clientUser, 'year');
    expect([noGrouping.status, noGrouping.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const globexViewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await report(globexViewer, 'client')).status).toBe(404);
    expect((await report(globexViewer, 'agent')).status).toBe(404);
    expect((await report(foreignLead, 'agent')).status).toBe(404);
    expect((await report(ivyToken, 'agent')).status).toBe(403);

    const bad: [string, string][] = [
      ['a grouping that does not exist', `/api/qa/reports?clientId=${world.clientId}&groupBy=year&from=${yesterday}&to=${yesterday}`],
      ['a date that is no date', `/api/qa/reports?clientId=${world.clientId}&groupBy=agent&from=yesterday&to=${yesterday}`],
      ['to before from', `/api/qa/reports?clientId=${world.clientId}&groupBy=agent&from=2026-12-02&to=2026-12-01`],
      ['more than a year', `/api/qa/reports?clientId=${world.clientId}&groupBy=agent&from=2025-01-01&to=2026-12-01`],
      ['no client', `/api/qa/reports?groupBy=agent&from=${yesterday}&to=${yesterday}`],
      ['a client id that is no id', `/api/qa/reports?clientId=x&groupBy=agent&from=${yesterday}&to=${yesterday}`],
      ['a grouping given twice', `/api/qa/reports?clientId=${world.clientId}&groupBy=agent&groupBy=team&from=${yesterday}&to=${yesterday}`],
    ];
    for (const [name, path] of bad) {
      const refused = await call(path, lena);
      expect([name, refused.status, refused.body.error.code]).toEqual([name, 400, 'VALIDATION_FAILED']);
    }
  });
});
