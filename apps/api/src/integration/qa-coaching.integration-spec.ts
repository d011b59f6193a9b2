import type { AgentServerEvents, CoachingNoteView, CoachingUpdated, ErrorResponse, EvaluationSummary, EvaluationView, Page, ScorecardDefinition } from '@switchboard/shared-contracts';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { connected, nextEvent, record } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/** Coaching (issue 6): a lead coaches an agent on evaluations; the agent hears it live and acknowledges. */
describe('QA coaching notes', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  const sockets: Socket[] = [];
  let admin: string;
  let lena: string;
  let foreignLead: string;
  let ivy: WorldAgent;
  let ivyToken: string;
  let omar: WorldAgent;
  let omarToken: string;
  let submitted: EvaluationView;
  let draft: EvaluationView;
  let omarsEvaluation: EvaluationView;
  let note: CoachingNoteView;

  const CARD: ScorecardDefinition = {
    name: 'Coaching card',
    sections: [{ key: 'all', title: 'All', weight: 1, questions: [{ key: 'solve', text: 'Solved', scale: '5', allowNa: false, critical: false, guidance: '' }] }],
  };
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });

  async function evaluation(agent: WorldAgent, submit: boolean): Promise<EvaluationView> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey') RETURNING id`, [world.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(`INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, resolved_at) VALUES ($1, $2, $3, 'chat', 'resolved', $4, now()) RETURNING id`, [
      world.clientId,
      world.inboxId,
      contact.id,
      agent.id,
    ]);
    const created = await call<EvaluationView>('POST', `/api/tickets/${ticket.id}/evaluations`, lena, {});
    if (!submit) return created.body;
    await call('PUT', `/api/evaluations/${created.body.id}`, lena, { answers: { solve: 2 } });
    return (await call<EvaluationView>('POST', `/api/evaluations/${created.body.id}/submit`, lena)).body;
  }
  async function staffSocket(token: string): Promise<Socket<AgentServerEvents>> {
    const socket: Socket<AgentServerEvents> = io(`${t.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await connected(socket);
    return socket;
  }
  const noteCount = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM coaching_notes WHERE client_id = $1', [world.clientId]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('coach');
    elsewhere = await createRoutingWorld('coach-else');
    ivy = await world.agent('Ivy Agent');
    omar = await world.agent('Omar Agent');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lena = (await login(t.url, world.lead.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    omarToken = (await login(t.url, omar.email)).accessToken;
    expect((await call('POST', `/api/clients/${world.clientId}/scorecards`, admin, CARD)).status).toBe(201);
    submitted = await evaluation(ivy, true);
    draft = await evaluation(ivy, false);
    omarsEvaluation = await evaluation(omar, true);
    expect(submitted.status).toBe('submitted');
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
    await destroyRoutingWorlds();
  });

  it('a lead coaches an agent on her evaluation; she, the lead and the client’s leads hear it live, nobody else; bad notes are refused and nothing is stored', async () => {
    const body = { clientId: world.clientId, agentId: ivy.id, body: 'Check the order before promising a refund.', evaluationIds: [submitted.id] };
    const bad: [string, string, unknown, number, string[]][] = [
      ['another agent’s evaluation', lena, { ...body, evaluationIds: [omarsEvaluation.id] }, 400, ['evaluationIds.0']],
      ['a draft', lena, { ...body, evaluationIds: [draft.id] }, 400, ['evaluationIds.0']],
      ['an unknown evaluation', lena, { ...body, evaluationIds: ['00000000-0000-4000-8000-000000000000'] }, 400, ['evaluationIds.0']],
      ['a foreign lead as agent', lena, { ...body, agentId: elsewhere.lead.id, evaluationIds: [] }, 400, ['agentId']],
      ['an empty body', lena, { ...body, body: '   ' }, 400, ['body']],
      ['an unknown field', lena, { ...body, score: 10 }, 400, ['score']],
      ['ids that are no ids', lena, { ...body, evaluationIds: ['x'] }, 400, ['evaluationIds']],
    ];
    for (const [name, token, payload, status, fields] of bad) {
      const refused = await call('POST', '/api/coaching-notes', token, payload);
      expect([name, refused.status, [...new Set(refused.body.error.fields?.map((f) => f.field))]]).toEqual([name, status, fields]);
    }
    expect((await call('POST', '/api/coaching-notes', foreignLead, body)).status).toBe(404);
    expect((await call('POST', '/api/coaching-notes', ivyToken, body)).status).toBe(403);
    expect(await noteCount()).toBe(0);

    const ivySocket = await staffSocket(ivyToken);
    const lenaSocket = await staffSocket(lena);
    const omarHears = record(await staffSocket(omarToken), 'coaching.updated');
    const foreignHears = record(await staffSocket(foreignLead), 'coaching.updated');
    const ivyHears = nextEvent<CoachingUpdated>(ivySocket, 'coaching.updated');
    const lenaHears = nextEvent<CoachingUpdated>(lenaSocket, 'coaching.updated');
    const created = await call<CoachingNoteView>('POST', '/api/coaching-notes', lena, body);
    expect(created.status).toBe(201);
    note = created.body;
    expect(note).toMatchObject({ agentId: ivy.id, agentName: 'Ivy Agent', authorId: world.lead.id, authorName: 'Lena Lead', status: 'open', body: body.body, acknowledgedAt: null });
    expect(note.evaluations).toEqual([{ id: submitted.id, ticketReference: submitted.ticketReference, score: 25, submittedAt: submitted.submittedAt }]);
    expect((await ivyHears).id).toBe(note.id);
    expect((await lenaHears).status).toBe('open');
    await new Promise((r) => setTimeout(r, 100));
    expect([omarHears, foreignHears]).toEqual([[], []]);
    expect(await ownerQuery(`SELECT 1 FROM audit_log WHERE action = 'coaching.created' AND target_id = $1`, [note.id])).toHaveLength(1);
  });

  it('the agent reads only her own notes and acknowledges them; other agents, other clients and client users cannot', async () => {
    expect((await call<Page<CoachingNoteView>>('GET', '/api/coaching-notes', ivyToken)).body.items.map((n) => n.id)).toEqual([note.id]);
    expect((await call<Page<CoachingNoteView>>('GET', '/api/coaching-notes', omarToken)).body.items).toEqual([]);
    expect((await call('GET', `/api/coaching-notes?agentId=${ivy.id}`, omarToken)).status).toBe(403);
    expect((await call('GET', `/api/coaching-notes/${note.id}`, omarToken)).status).toBe(404);
    expect((await call('GET', `/api/coaching-notes/${note.id}`, foreignLead)).status).toBe(404);
    expect((await call('GET', `/api/coaching-notes?clientId=${world.clientId}`, foreignLead)).status).toBe(404);
    expect((await call('GET', '/api/coaching-notes?status=done', lena)).status).toBe(400);
    const viewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await call('GET', `/api/coaching-notes/${note.id}`, viewer)).status).toBe(403);
    expect((await call<Page<CoachingNoteView>>('GET', `/api/coaching-notes?clientId=${world.clientId}&status=open`, lena)).body.items.map((n) => n.id)).toEqual([note.id]);

    expect((await call('POST', `/api/coaching-notes/${note.id}/acknowledge`, omarToken)).status).toBe(404);
    expect((await call('POST', `/api/coaching-notes/${note.id}/acknowledge`, lena)).status).toBe(403);
    expect((await call<CoachingNoteView>('GET', `/api/coaching-notes/${note.id}`, lena)).body.status).toBe('open');

    const lenaHears = nextEvent<CoachingUpdated>(await staffSocket(lena), 'coaching.updated', (n) => n.status === 'acknowledged');
    const acknowledged = await call<CoachingNoteView>('POST', `/api/coaching-notes/${note.id}/acknowledge`, ivyToken);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('acknowledged');
    expect((await lenaHears).acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
    const again = await call<CoachingNoteView>('POST', `/api/coaching-notes/${note.id}/acknowledge`, ivyToken);
    expect(again.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
    expect(await ownerQuery(`SELECT 1 FROM audit_log WHERE action = 'coaching.acknowledged' AND target_id = $1`, [note.id])).toHaveLength(1);
  });

  it('the agent acknowledging an evaluation is heard live by its reviewer and the client’s leads, not by other agents or clients', async () => {
    const lenaHears = nextEvent<EvaluationSummary>(await staffSocket(lena), 'evaluation.acknowledged');
    const adminHears = nextEvent<EvaluationSummary>(await staffSocket(admin), 'evaluation.acknowledged', (e) => e.id === submitted.id);
    const omarHears = record(await staffSocket(omarToken), 'evaluation.acknowledged');
    const foreignHears = record(await staffSocket(foreignLead), 'evaluation.acknowledged');
    const acknowledged = await call<EvaluationView>('POST', `/api/evaluations/${submitted.id}/acknowledge`, ivyToken);
    expect(acknowledged.status).toBe(200);
    expect(await lenaHears).toMatchObject({ id: submitted.id, status: 'acknowledged', agentId: ivy.id });
    expect((await adminHears).acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
    // Acknowledging again changes nothing and says nothing.
    expect((await call('POST', `/api/evaluations/${submitted.id}/acknowledge`, ivyToken)).status).toBe(200);
    expect((await call('POST', `/api/evaluations/${omarsEvaluation.id}/acknowledge`, ivyToken)).status).toBe(404);
    await new Promise((r) => setTimeout(r, 100));
    expect([omarHears, foreignHears]).toEqual([[], []]);
  });
});
