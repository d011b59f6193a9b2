import type { AgentServerEvents, CalibrationReviewView, CalibrationSessionSummary, CalibrationSessionView, CalibrationUpdated, ErrorResponse, EvaluationSummary, Page, ScorecardDefinition } from '@switchboard/shared-contracts';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { connected, nextEvent, record } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * Calibration (issue 6): several leads score the same tickets blind; nobody sees another's answers
 * until the session closes; the result shows each reviewer's deviation from the reference and
 * Krippendorff's alpha per question; calibration scores never reach the agent.
 */
describe('QA calibration sessions', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  const sockets: Socket[] = [];
  let admin: string;
  let lena: string; // the session's creator and reference
  let rita: WorldAgent;
  let ritaToken: string;
  let sam: WorldAgent;
  let samToken: string;
  let foreignLead: string;
  let ivy: WorldAgent;
  let ivyToken: string;
  let tickets: string[];
  let session: CalibrationSessionView;

  // greet binary, solve 5-point, one section: score = (greet% + solve%) / 2.
  const CARD: ScorecardDefinition = {
    name: 'Calibration card',
    sections: [
      {
        key: 'all',
        title: 'All',
        weight: 1,
        questions: [
          { key: 'greet', text: 'Greeted', scale: 'binary', allowNa: false, critical: false, guidance: '' },
          { key: 'solve', text: 'Solved', scale: '5', allowNa: false, critical: false, guidance: '' },
        ],
      },
    ],
  };
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });

  async function ticket(status = 'resolved'): Promise<string> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey') RETURNING id`, [world.clientId]);
    const [row] = await ownerQuery<{ id: string }>(`INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, resolved_at) VALUES ($1, $2, $3, 'chat', $4, $5, now()) RETURNING id`, [
      world.clientId,
      world.inboxId,
      contact.id,
      status,
      ivy.id,
    ]);
    return row.id;
  }
  async function lead(name: string): Promise<WorldAgent> {
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${world.clientId.slice(0, 8)}@switchboard.test`;
    const [row] = await ownerQuery<{ id: string }>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, 'team_lead', $3) RETURNING id`, [email, name, password_hash]);
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [row.id, world.clientId]);
    return { id: row.id, email, name };
  }
  async function staffSocket(token: string): Promise<Socket<AgentServerEvents>> {
    const socket: Socket<AgentServerEvents> = io(`${t.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await connected(socket);
    return socket;
  }
  const review = (token: string, ticketId: string, answers: Record<string, unknown>) => call<CalibrationReviewView>('PUT', `/api/calibration-sessions/${session.id}/reviews/${ticketId}`, token, { answers });
  const submit = (token: string, ticketId: string) => call<CalibrationReviewView>('POST', `/api/calibration-sessions/${session.id}/reviews/${ticketId}/submit`, token);
  const sessionCount = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM calibration_sessions WHERE client_id = $1', [world.clientId]))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('cal');
    elsewhere = await createRoutingWorld('cal-else');
    ivy = await world.agent('Ivy Agent');
    rita = await lead('Rita Reviewer');
    sam = await lead('Sam Reviewer');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lena = (await login(t.url, world.lead.email)).accessToken;
    ritaToken = (await login(t.url, rita.email)).accessToken;
    samToken = (await login(t.url, sam.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    expect((await call('POST', `/api/clients/${world.clientId}/scorecards`, admin, CARD)).status).toBe(201);
    tickets = [await ticket(), await ticket()];
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await ownerQuery('DELETE FROM users WHERE id = ANY ($1)', [[rita.id, sam.id]]);
    await t.close();
    await destroyRoutingWorlds();
  });

  it('a lead opens a session on resolved tickets with reviewers who cover the client; bad requests list each problem and create nothing', async () => {
    const open = await ticket('assigned');
    const body = { title: 'December calibration', ticketIds: tickets, reviewerIds: [world.lead.id, rita.id, sam.id], referenceReviewerId: world.lead.id };
    const bad: [string, unknown, number, string[]][] = [
      ['an open ticket', { ...body, ticketIds: [tickets[0], open] }, 400, ['ticketIds.1']],
      ['a lead of another client', { ...body, reviewerIds: [world.lead.id, elsewhere.lead.id] }, 400, ['reviewerIds.1']],
      ['an agent as reviewer', { ...body, reviewerIds: [world.lead.id, ivy.id] }, 400, ['reviewerIds.1']],
      ['a reference who is not a reviewer', { ...body, referenceReviewerId: sam.id, reviewerIds: [world.lead.id, rita.id] }, 400, ['referenceReviewerId']],
      ['one reviewer', { ...body, reviewerIds: [world.lead.id] }, 400, ['reviewerIds']],
      ['a ticket twice', { ...body, ticketIds: [tickets[0], tickets[0]] }, 400, ['ticketIds']],
      ['ids that are no ids', { ...body, ticketIds: ['x'] }, 400, ['ticketIds']],
      ['no title', { ...body, title: ' ' }, 400, ['title']],
    ];
    for (const [name, payload, status, fields] of bad) {
      const refused = await call('POST', `/api/clients/${world.clientId}/calibration-sessions`, lena, payload);
      expect([name, refused.status, [...new Set(refused.body.error.fields?.map((f) => f.field))]]).toEqual([name, status, fields]);
    }
    expect((await call('POST', `/api/clients/${world.clientId}/calibration-sessions`, foreignLead, body)).status).toBe(404);
    expect((await call('POST', `/api/clients/${world.clientId}/calibration-sessions`, ivyToken, body)).status).toBe(403);
    expect(await sessionCount()).toBe(0);

    const created = await call<CalibrationSessionView>('POST', `/api/clients/${world.clientId}/calibration-sessions`, lena, body);
    expect(created.status).toBe(201);
    session = created.body;
    expect(session).toMatchObject({ status: 'open', title: 'December calibration', referenceReviewerId: world.lead.id, scorecardVersion: 1, reviews: [], result: null });
    expect(session.tickets.map((x) => x.ticketId)).toEqual(tickets);
    expect(session.participants.map((p) => [p.reviewerName, p.isReference, p.submitted])).toEqual([
      ['Lena Lead', true, 0],
      ['Rita Reviewer', false, 0],
      ['Sam Reviewer', false, 0],
    ]);
    expect((await call<Page<CalibrationSessionSummary>>('GET', `/api/clients/${world.clientId}/calibration-sessions`, ritaToken)).body.items.map((s) => s.id)).toEqual([session.id]);
    expect((await call('GET', `/api/calibration-sessions/${session.id}`, foreignLead)).status).toBe(404);
    expect((await call('GET', `/api/calibration-sessions/${session.id}`, ivyToken)).status).toBe(403);
  });

  it('reviews are blind until the session closes: each reviewer sees only their own; the others hear only that someone submitted', async () => {
    const lenaSocket = await staffSocket(lena);
    const ivySocket = await staffSocket(ivyToken);
    const ivyHears = record(ivySocket, 'calibration.updated');
    const heard = nextEvent<CalibrationUpdated>(lenaSocket, 'calibration.updated');

    // Bad answers: 400 each, nothing saved.
    const offScale = await review(ritaToken, tickets[0], { solve: 9 });
    expect([offScale.status, offScale.body.error.fields?.map((f) => f.field)]).toEqual([400, ['answers.solve']]);
    expect((await review(ritaToken, tickets[0], { mood: 1 })).status).toBe(400);
    expect((await review(foreignLead, tickets[0], { greet: 1 })).status).toBe(404);
    expect((await review(admin, tickets[0], { greet: 1 })).status).toBe(403); // not a reviewer of this session
    expect((await review(ritaToken, '00000000-0000-4000-8000-000000000000', { greet: 1 })).status).toBe(404);
    expect(await ownerQuery('SELECT 1 FROM calibration_reviews WHERE session_id = $1', [session.id])).toEqual([]);

    // Rita: t1 greet 1 solve 3 (75), t2 greet 0 solve 3 (25).
    expect((await review(ritaToken, tickets[0], { greet: 1 })).body).toMatchObject({ submitted: false, answers: { greet: 1 } });
    const incomplete = await submit(ritaToken, tickets[0]);
    expect([incomplete.status, incomplete.body.error.code]).toEqual([400, 'EVALUATION_INCOMPLETE']);
    expect((await review(ritaToken, tickets[0], { solve: 3 })).body.score).toBe(75);
    expect((await submit(ritaToken, tickets[0])).body).toMatchObject({ submitted: true, score: 75 });
    const update = await heard;
    expect(update).toEqual({ sessionId: session.id, clientId: world.clientId, status: 'open', participants: expect.any(Array) });
    expect(update.participants.find((p) => p.reviewerId === rita.id)?.submitted).toBe(1);
    expect(JSON.stringify(update)).not.toContain('answers');
    const resubmit = await submit(ritaToken, tickets[0]);
    expect([resubmit.status, resubmit.body.error.code]).toEqual([409, 'EVALUATION_STATE_CONFLICT']);
    expect((await review(ritaToken, tickets[0], { solve: 5 })).status).toBe(409);

    // Lena (the reference) and Sam see their own reviews only, never Rita's answers.
    const lenaView = await call<CalibrationSessionView>('GET', `/api/calibration-sessions/${session.id}`, lena);
    expect(lenaView.body.reviews).toEqual([]);
    expect(lenaView.body.participants.find((p) => p.reviewerId === rita.id)?.submitted).toBe(1);
    expect(lenaView.body.result).toBeNull();
    expect((await call<CalibrationSessionView>('GET', `/api/calibration-sessions/${session.id}`, admin)).body.reviews).toEqual([]);
    expect(ivyHears).toEqual([]);
  });

  it('closes only by its creator once the reference is done; the result shows deviations from the reference and alpha per question; the agent never sees a calibration score', async () => {
    await review(ritaToken, tickets[1], { greet: 0, solve: 3 });
    await submit(ritaToken, tickets[1]);
    // Sam: t1 greet 1 solve 5 (100), t2 greet 1 solve 3 (75).
    for (const [id, answers] of [
      [tickets[0], { greet: 1, solve: 5 }],
      [tickets[1], { greet: 1, solve: 3 }],
    ] as const) {
      await review(samToken, id, answers);
      expect((await submit(samToken, id)).status).toBe(200);
    }
    // Lena (reference): t1 greet 1 solve 5 (100); t2 not yet.
    await review(lena, tickets[0], { greet: 1, solve: 5 });
    await submit(lena, tickets[0]);
    const early = await call('POST', `/api/calibration-sessions/${session.id}/close`, lena);
    expect([early.status, early.body.error.code]).toEqual([409, 'EVALUATION_STATE_CONFLICT']);
    await review(lena, tickets[1], { greet: 0, solve: 3 });
    await submit(lena, tickets[1]);
    expect((await call('POST', `/api/calibration-sessions/${session.id}/close`, ritaToken)).status).toBe(403);
    expect((await call('POST', `/api/calibration-sessions/${session.id}/close`, foreignLead)).status).toBe(404);

    const closed = await call<CalibrationSessionView>('POST', `/api/calibration-sessions/${session.id}/close`, lena);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const result = closed.body.result;
    expect(result?.tickets.map((x) => [x.referenceScore, x.deviations.map((d) => [d.reviewerId, d.scoreDeviation])])).toEqual([
      [100, [[rita.id, -25], [sam.id, 0]]],
      [25, [[rita.id, 0], [sam.id, 50]]],
    ]);
    expect(result?.reviewers).toEqual([
      { reviewerId: rita.id, reviewerName: 'Rita Reviewer', meanScoreDeviation: -12.5, meanAbsoluteScoreDeviation: 12.5, disagreementRate: 0.25 },
      { reviewerId: sam.id, reviewerName: 'Sam Reviewer', meanScoreDeviation: 25, meanAbsoluteScoreDeviation: 25, disagreementRate: 0.25 },
    ]);
    // By hand (interval metric): greet t1 [1,1,1], t2 [0,0,1] → D_o = 1/3, D_e = 16/30, α = 0.375; solve t1 [5,3,5], t2 [3,3,3] → α = 0.375.
    expect(result?.agreement.questions.map((q) => [q.key, Math.round((q.alpha ?? NaN) * 1000) / 1000, q.units])).toEqual([
      ['greet', 0.375, 2],
      ['solve', 0.375, 2],
    ]);
    // Now open to the client's leads: every submitted review.
    expect((await call<CalibrationSessionView>('GET', `/api/calibration-sessions/${session.id}`, ritaToken)).body.reviews).toHaveLength(6);
    expect((await review(samToken, tickets[0], { greet: 0 })).status).toBe(409);
    expect((await call('POST', `/api/calibration-sessions/${session.id}/close`, lena)).status).toBe(409);

    // Never the agent's: no evaluation exists, her list is empty.
    expect(await ownerQuery('SELECT 1 FROM evaluations WHERE ticket_id = ANY ($1)', [tickets])).toEqual([]);
    expect((await call<Page<EvaluationSummary>>('GET', '/api/evaluations', ivyToken)).body.items).toEqual([]);
  });
});
