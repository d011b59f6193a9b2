import { SamplingJob } from '@switchboard/api-qa';
import type { AgentServerEvents, ErrorResponse, EvaluationSummary, Page, SamplingDrawView, SamplingPolicyRequest, SamplingPolicyView, ScorecardDefinition } from '@switchboard/shared-contracts';
import { drawSample } from '@switchboard/shared-domain';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { connected, record } from '../testing/socket-events';
import { allPages, http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * QA sampling (issue 6): policies per client or queue, drawn on schedule as durable jobs leased in
 * PostgreSQL — two API nodes on one database draw a period once — and on demand; the random and targeted
 * streams stay apart, drafts are shared evenly among the client's leads, who hear them live.
 */
describe('QA sampling policies and durable draws across two nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  const sockets: Socket[] = [];
  let admin: string;
  let lena: string;
  let rita: WorldAgent;
  let ritaToken: string;
  let foreignLead: string;
  let ivy: WorldAgent;
  let omar: WorldAgent;
  let ivyToken: string;
  let policy: SamplingPolicyView;

  const CARD: ScorecardDefinition = {
    name: 'Sampling card',
    sections: [{ key: 'all', title: 'All', weight: 1, questions: [{ key: 'solve', text: 'Solved it', scale: 'binary', allowNa: false, critical: false, guidance: '' }] }],
  };
  const POLICY: SamplingPolicyRequest = {
    name: 'Daily chats and emails',
    queueId: null,
    period: 'day',
    quota: { kind: 'count', count: 2 },
    stratifyByChannel: true,
    capPerAgent: 3,
    targeted: [{ id: 'low-csat', kind: 'low_csat', maxScore: 2 }],
  };
  const call = <T = unknown>(base: string, method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(base, method, path, { token, body });

  /** A ticket of `agent` resolved `daysAgo` days ago at noon UTC (the world's time zone is UTC). */
  async function handled(agent: WorldAgent, daysAgo: number, channel = 'chat', csat: number | null = null): Promise<string> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey') RETURNING id`, [world.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, csat_score, created_at, resolved_at)
       VALUES ($1, $2, $3, $4, 'resolved', $5, $6, date_trunc('day', now()) - make_interval(days => $7) + interval '11 hours', date_trunc('day', now()) - make_interval(days => $7) + interval '12 hours') RETURNING id`,
      [world.clientId, world.inboxId, contact.id, channel, agent.id, csat, daysAgo],
    );
    return ticket.id;
  }

  async function staffSocket(base: string, token: string): Promise<Socket<AgentServerEvents>> {
    const socket: Socket<AgentServerEvents> = io(`${base}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  const dayKey = (daysAgo: number) => `day:${new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)}`;
  const drawsOf = (policyId: string) =>
    ownerQuery<{ id: string; period_key: string; trigger: string; status: string; lease_owner: string; attempts: number }>('SELECT id, period_key, trigger, status, lease_owner, attempts FROM sampling_draws WHERE policy_id = $1 ORDER BY created_at', [policyId]);
  const evaluationsOf = (drawId: string) =>
    ownerQuery<{ ticket_id: string; agent_id: string; reviewer_id: string | null; stream: string; status: string; targeted_rule_ids: string[] }>(
      'SELECT ticket_id, agent_id, reviewer_id, stream, status, targeted_rule_ids FROM evaluations WHERE sampling_draw_id = $1',
      [drawId],
    );

  beforeAll(async () => {
    // The test drives the schedule's ticks itself (QA_JOBS_ENABLED=false turns the nodes' own timers off).
    const env = { QA_JOBS_ENABLED: 'false', QA_JOB_LEASE_SECONDS: '30' };
    [a, b] = await Promise.all([startTestApp({ ...env, NODE_ID: 'qa-node-a' }), startTestApp({ ...env, NODE_ID: 'qa-node-b' })]);
    world = await createRoutingWorld('qas');
    elsewhere = await createRoutingWorld('qas-else');
    ivy = await world.agent('Ivy Agent');
    omar = await world.agent('Omar Agent');
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const ritaEmail = `rita.sampler.${world.clientId.slice(0, 8)}@switchboard.test`;
    const [row] = await ownerQuery<{ id: string }>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'Rita Sampler', 'team_lead', $2) RETURNING id`, [ritaEmail, password_hash]);
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [row.id, world.clientId]);
    rita = { id: row.id, email: ritaEmail, name: 'Rita Sampler' };
    admin = (await login(a.url, 'admin@switchboard.demo')).accessToken;
    lena = (await login(a.url, world.lead.email)).accessToken;
    ritaToken = (await login(a.url, rita.email)).accessToken;
    foreignLead = (await login(a.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(a.url, ivy.email)).accessToken;
    expect((await call(a.url, 'POST', `/api/clients/${world.clientId}/scorecards`, admin, CARD)).status).toBe(201);
    const created = await call<SamplingPolicyView>(a.url, 'POST', `/api/clients/${world.clientId}/sampling-policies`, admin, POLICY);
    expect(created.status).toBe(201);
    policy = created.body;
    // The policy has existed for a week, so the schedule owes it yesterday's draw.
    await ownerQuery(`UPDATE sampling_policies SET created_at = now() - interval '7 days' WHERE id = $1`, [policy.id]);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await ownerQuery('DELETE FROM users WHERE id = $1', [rita.id]);
    await Promise.all([a.close(), b.close()]);
    await destroyRoutingWorlds();
  });

  it('admins create policies (audited); leads of the client read them; others are refused and bad policies are listed with nothing stored', async () => {
    expect(policy).toMatchObject({ clientId: world.clientId, name: POLICY.name, period: 'day', active: true, quota: POLICY.quota, capPerAgent: 3, queueId: null });
    const [audit] = await ownerQuery(`SELECT 1 FROM audit_log WHERE action = 'sampling_policy.created' AND target_id = $1`, [policy.id]);
    expect(audit).toBeDefined();
    expect((await call<Page<SamplingPolicyView>>(b.url, 'GET', `/api/clients/${world.clientId}/sampling-policies`, lena)).body.items.map((p) => p.id)).toEqual([policy.id]);
    // Another client's lead: not found; an agent: forbidden; a lead may not write.
    expect((await call(a.url, 'GET', `/api/sampling-policies/${policy.id}`, foreignLead)).status).toBe(404);
    expect((await call(a.url, 'GET', `/api/clients/${world.clientId}/sampling-policies`, foreignLead)).status).toBe(404);
    expect((await call(a.url, 'GET', `/api/sampling-policies/${policy.id}`, ivyToken)).status).toBe(403);
    expect((await call(a.url, 'PUT', `/api/sampling-policies/${policy.id}`, lena, POLICY)).status).toBe(403);
    const viewer = (await login(a.url, 'viewer@globex.demo')).accessToken;
    expect((await call(a.url, 'GET', `/api/sampling-policies/${policy.id}`, viewer)).status).toBe(403);

    const foreignQueue = await call<{ id: string }>(a.url, 'POST', `/api/clients/${elsewhere.clientId}/queues`, admin, { name: 'Foreign', channels: ['chat'] });
    expect(foreignQueue.status).toBe(201);
    const before = await ownerQuery('SELECT id, policy, updated_at FROM sampling_policies WHERE client_id = $1', [world.clientId]);
    const bad: [string, unknown, string][] = [
      ['a cap below the count', { ...POLICY, capPerAgent: 1 }, 'capPerAgent'],
      ['a percent over 100', { ...POLICY, quota: { kind: 'percent', percent: 150, minimum: 1 } }, 'quota.percent'],
      ['an unknown rule kind', { ...POLICY, targeted: [{ id: 'x', kind: 'angry' }] }, 'targeted.0.kind'],
      ['an unknown period', { ...POLICY, period: 'year' }, 'period'],
      ['another client’s queue', { ...POLICY, queueId: foreignQueue.body.id }, 'queueId'],
      ['a clientId in the body', { ...POLICY, clientId: elsewhere.clientId }, 'clientId'],
    ];
    for (const [name, body, field] of bad) {
      for (const [method, path] of [
        ['POST', `/api/clients/${world.clientId}/sampling-policies`],
        ['PUT', `/api/sampling-policies/${policy.id}`],
      ]) {
        const refused = await call(a.url, method, path, admin, body);
        expect([name, method, refused.status, refused.body.error.code]).toEqual([name, method, 400, 'VALIDATION_FAILED']);
        expect([name, refused.body.error.fields?.map((f) => f.field)]).toEqual([name, expect.arrayContaining([field])]);
      }
    }
    expect(await ownerQuery('SELECT id, policy, updated_at FROM sampling_policies WHERE client_id = $1', [world.clientId])).toEqual(before);
  });

  it("two nodes ticking at once draw yesterday once: one job, the random stream per agent and channel, the targeted stream apart, drafts shared evenly and heard live", async () => {
    // Yesterday: Ivy 4 chats (two with CSAT 1) and 2 emails; Omar 3 chats. Two days ago: one of Ivy's (not in yesterday's draw).
    const ivyChats = [await handled(ivy, 1, 'chat', 1), await handled(ivy, 1, 'chat', 1), await handled(ivy, 1), await handled(ivy, 1)];
    const ivyEmails = [await handled(ivy, 1, 'email'), await handled(ivy, 1, 'email')];
    const omarChats = [await handled(omar, 1), await handled(omar, 1), await handled(omar, 1)];
    const older = await handled(ivy, 2);
    const lenaOnA = await staffSocket(a.url, lena);
    const lenaOnB = await staffSocket(b.url, lena);
    const ritaOnA = await staffSocket(a.url, ritaToken);
    const ritaOnB = await staffSocket(b.url, ritaToken);
    const ivySocket = await staffSocket(a.url, ivyToken);
    const heard = [lenaOnA, lenaOnB].map((s) => record<EvaluationSummary[]>(s, 'evaluation.assigned'));
    const ritaHeard = [ritaOnA, ritaOnB].map((s) => record<EvaluationSummary[]>(s, 'evaluation.assigned'));
    const ivyHeard = record(ivySocket, 'evaluation.assigned');

    const jobs = [a, b].map((node) => node.app.get(SamplingJob));
    const ran = (await Promise.all([jobs[0].tick(), jobs[1].tick()])).reduce((x, y) => x + y, 0);
    // And again later: the period is drawn.
    const again = (await Promise.all(jobs.map((j) => j.tick()))).reduce((x, y) => x + y, 0);
    expect([ran, again]).toEqual([1, 0]);

    const draws = await drawsOf(policy.id);
    expect(draws).toEqual([expect.objectContaining({ period_key: dayKey(1), trigger: 'schedule', status: 'done', attempts: 1 })]);
    expect(['qa-node-a', 'qa-node-b']).toContain(draws[0].lease_owner);

    const evaluations = await evaluationsOf(draws[0].id);
    const random = evaluations.filter((e) => e.stream === 'random');
    const targeted = evaluations.filter((e) => e.stream === 'targeted');
    // Two per agent (the count), never the older ticket; every low-CSAT ticket is in one stream or the other, once.
    expect(random.filter((e) => e.agent_id === ivy.id)).toHaveLength(2);
    expect(random.filter((e) => e.agent_id === omar.id)).toHaveLength(2);
    expect(evaluations.map((e) => e.ticket_id)).not.toContain(older);
    expect(new Set(evaluations.map((e) => e.ticket_id)).size).toBe(evaluations.length);
    for (const low of ivyChats.slice(0, 2)) expect(evaluations.filter((e) => e.ticket_id === low)).toHaveLength(1);
    expect(targeted.every((e) => ivyChats.slice(0, 2).includes(e.ticket_id) && e.targeted_rule_ids.join() === 'low-csat')).toBe(true);
    // Ivy's two random tickets: one chat and one email is what stratification allows only in proportion (4:2 of 2 seats → 1–2 chats).
    const ivyRandomChats = random.filter((e) => ivyChats.includes(e.ticket_id)).length;
    expect(ivyRandomChats).toBeGreaterThanOrEqual(1);
    expect(random.filter((e) => ivyEmails.includes(e.ticket_id)).length).toBe(2 - ivyRandomChats);
    expect(random.filter((e) => e.agent_id === omar.id).every((e) => omarChats.includes(e.ticket_id))).toBe(true);

    // Drafts shared evenly between Lena and Rita.
    const byLead = [world.lead.id, rita.id].map((id) => evaluations.filter((e) => e.reviewer_id === id).length);
    expect(byLead.reduce((x, y) => x + y, 0)).toBe(evaluations.length);
    expect(Math.abs(byLead[0] - byLead[1])).toBeLessThanOrEqual(1);
    expect(evaluations.every((e) => e.status === 'draft')).toBe(true);

    // The draw as leads read it: the seed, per-agent summary and per-lead assignment.
    const listed = await allPages<SamplingDrawView>(b.url, `/api/sampling-policies/${policy.id}/draws`, lena);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'done', trigger: 'schedule', seed: `${policy.id}/${dayKey(1)}`, randomDrawn: 4, targetedDrawn: targeted.length, unassigned: 0 });
    expect(listed[0].assignments.map((x) => x.assigned).sort()).toEqual([...byLead].sort());
    expect(listed[0].agents.find((x) => x.agentId === ivy.id)).toMatchObject({ handled: 6, quota: 2, drawn: 2, capped: false });

    // The same seed and tickets give the same random stream (the draw is reproducible).
    const replay = drawSample(
      { quota: POLICY.quota, stratifyByChannel: true, capPerAgent: 3 },
      [...ivyChats, ...ivyEmails].map((id) => ({ ticketId: id, agentId: ivy.id, channel: ivyEmails.includes(id) ? ('email' as const) : ('chat' as const) })).concat(omarChats.map((id) => ({ ticketId: id, agentId: omar.id, channel: 'chat' as const }))),
      [],
      listed[0].seed,
    );
    expect(replay.picks.map((p) => p.ticketId).sort()).toEqual(random.map((e) => e.ticket_id).sort());

    // Each lead heard their own drafts once (from the node that drew), the agent nothing.
    await new Promise((r) => setTimeout(r, 200));
    const lenaIds = heard.flat().flat().map((e) => e.id);
    const ritaIds = ritaHeard.flat().flat().map((e) => e.id);
    expect([lenaIds.length, ritaIds.length]).toEqual(byLead);
    expect(heard.flat().flat().every((e) => e.reviewerId === world.lead.id && e.status === 'draft')).toBe(true);
    expect(ivyHeard).toEqual([]);
    // Lena finds them on her desk; the agent does not see drafts.
    const desk = await call<Page<EvaluationSummary>>(a.url, 'GET', `/api/evaluations?clientId=${world.clientId}&status=draft`, lena);
    expect(desk.body.items.filter((e) => e.reviewerId === world.lead.id).map((e) => e.id).sort()).toEqual([...lenaIds].sort());
    expect((await call<Page<EvaluationSummary>>(a.url, 'GET', '/api/evaluations', ivyToken)).body.items).toEqual([]);
  });

  it('a job whose node died is taken over when its lease runs out; a pending one left before a restart runs on the next tick', async () => {
    await handled(ivy, 3);
    await handled(omar, 3);
    await handled(ivy, 4);
    // A dead node claimed the draw of three days ago and never finished; the draw of four days ago was queued but never claimed.
    await ownerQuery(
      `INSERT INTO sampling_draws (policy_id, client_id, period_key, period_start, period_end, trigger, seed, status, attempts, lease_owner, lease_until, started_at)
       VALUES ($1, $2, $3, date_trunc('day', now()) - interval '3 days', date_trunc('day', now()) - interval '2 days', 'schedule', $4, 'running', 1, 'dead-node', now() - interval '1 second', now() - interval '1 minute'),
              ($1, $2, $5, date_trunc('day', now()) - interval '4 days', date_trunc('day', now()) - interval '3 days', 'schedule', $6, 'pending', 0, NULL, NULL, NULL)`,
      [policy.id, world.clientId, dayKey(3), `${policy.id}/${dayKey(3)}`, dayKey(4), `${policy.id}/${dayKey(4)}`],
    );
    // A lease still running is left alone.
    await ownerQuery(
      `INSERT INTO sampling_draws (policy_id, client_id, period_key, period_start, period_end, trigger, seed, status, attempts, lease_owner, lease_until, started_at)
       VALUES ($1, $2, $3, date_trunc('day', now()) - interval '5 days', date_trunc('day', now()) - interval '4 days', 'schedule', $4, 'running', 1, 'busy-node', now() + interval '1 hour', now())`,
      [policy.id, world.clientId, dayKey(5), `${policy.id}/${dayKey(5)}`],
    );
    await Promise.all([a, b].map((node) => node.app.get(SamplingJob).tick()));
    const draws = await drawsOf(policy.id);
    const takenOver = draws.find((d) => d.period_key === dayKey(3));
    expect(takenOver).toMatchObject({ status: 'done', attempts: 2 });
    expect(['qa-node-a', 'qa-node-b']).toContain(takenOver?.lease_owner);
    expect(draws.find((d) => d.period_key === dayKey(4))).toMatchObject({ status: 'done', attempts: 1 });
    expect(draws.find((d) => d.period_key === dayKey(5))).toMatchObject({ status: 'running', lease_owner: 'busy-node' });
    const taken = await evaluationsOf(takenOver?.id ?? '');
    expect(taken.map((e) => e.agent_id).sort()).toEqual([ivy.id, omar.id].sort());
    await ownerQuery(`DELETE FROM sampling_draws WHERE lease_owner = 'busy-node'`);
  });

  it('on demand: a lead draws a period now; drawing it again tops up nothing; cross-client, agents and bad dates are refused with nothing written', async () => {
    const before = (await drawsOf(policy.id)).length;
    const again = await call<SamplingDrawView>(a.url, 'POST', `/api/sampling-policies/${policy.id}/draws`, ritaToken, {});
    expect(again.status).toBe(201);
    // The last ended period is yesterday: its quota is met, so nothing more is drawn.
    expect(again.body).toMatchObject({ trigger: 'demand', status: 'done', period: { key: dayKey(1) }, randomDrawn: 0, node: 'qa-node-a' });

    // Today's period is still running: it may be drawn (two new tickets of Omar today).
    await handled(omar, 0);
    await ownerQuery(`UPDATE tickets SET resolved_at = now() - interval '1 second' WHERE client_id = $1 AND resolved_at > now()`, [world.clientId]);
    const today = new Date().toISOString().slice(0, 10);
    const now = await call<SamplingDrawView>(b.url, 'POST', `/api/sampling-policies/${policy.id}/draws`, lena, { date: today });
    expect(now.status).toBe(201);
    expect(now.body).toMatchObject({ period: { key: `day:${today}` }, node: 'qa-node-b' });
    const [{ n: audited }] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sampling.drawn' AND target_id = $1 AND actor_user_id = $2`, [now.body.id, world.lead.id]);
    expect(audited).toBe(1);

    const refusals: [string, string, unknown, number, string][] = [
      ['a foreign lead', foreignLead, {}, 404, 'NOT_FOUND'],
      ['an agent', ivyToken, {}, 403, 'FORBIDDEN'],
      ['a date that is no date', lena, { date: 'yesterday' }, 400, 'VALIDATION_FAILED'],
      ['a date in the future', lena, { date: '2999-01-01' }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', lena, { seed: 'mine' }, 400, 'VALIDATION_FAILED'],
    ];
    const count = (await drawsOf(policy.id)).length;
    expect(count).toBe(before + 2);
    for (const [name, token, body, status, code] of refusals) {
      const refused = await call(a.url, 'POST', `/api/sampling-policies/${policy.id}/draws`, token, body);
      expect([name, refused.status, refused.body.error.code]).toEqual([name, status, code]);
    }
    expect((await call(a.url, 'POST', `/api/sampling-policies/not-a-uuid/draws`, lena, {})).status).toBe(400);
    expect((await drawsOf(policy.id)).length).toBe(count);

    // A client without an active scorecard: nothing can be drawn (409), and no job is left behind.
    const foreignPolicy = await call<SamplingPolicyView>(a.url, 'POST', `/api/clients/${elsewhere.clientId}/sampling-policies`, admin, POLICY);
    expect(foreignPolicy.status).toBe(201);
    const noCard = await call(a.url, 'POST', `/api/sampling-policies/${foreignPolicy.body.id}/draws`, foreignLead, {});
    expect([noCard.status, noCard.body.error.code]).toEqual([409, 'QA_NO_SCORECARD']);
    expect(await drawsOf(foreignPolicy.body.id)).toEqual([]);
    // The foreign lead cannot read this client's draws either.
    expect((await call(a.url, 'GET', `/api/sampling-policies/${policy.id}/draws`, foreignLead)).status).toBe(404);
  });
});
