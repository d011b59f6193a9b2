import type {
  AgentServerEvents,
  ClientView,
  DisputeUpdated,
  DisputeView,
  ErrorResponse,
  EvaluationSummary,
  EvaluationView,
  Page,
  ScorecardDefinition,
  ScorecardSummary,
  ScorecardView,
} from '@switchboard/shared-contracts';
import { checkScorecard } from '@switchboard/shared-domain';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { Qa1764700000000 } from '../database/migrations/1764700000000-qa';
import { QaSampling1765100000000 } from '../database/migrations/1765100000000-qa-sampling';
import { QaAutoQa1765100000001 } from '../database/migrations/1765100000001-qa-autoqa';
import { QaCalibration1765100000002 } from '../database/migrations/1765100000002-qa-calibration';
import { QaCoaching1765100000003 } from '../database/migrations/1765100000003-qa-coaching';
import { DEMO_SCORECARDS } from '../database/seed/demo-data';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { connected, nextEvent, record } from '../testing/socket-events';
import { allPages, http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * QA (issue 6): an admin's versioned scorecards, a lead's review of a resolved ticket (draft → submit),
 * the agent hearing it live, disputing a question within the window and the limit, and another lead
 * resolving the dispute (adjusted: rescored, the submitted score kept). Each client's QA is its own.
 */
describe('quality assurance: scorecards, evaluations and disputes', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  const sockets: Socket[] = [];
  let admin: string;
  let lena: string; // world.lead: the reviewer
  let rita: WorldAgent; // a second lead of the world's client: resolves disputes
  let ritaToken: string;
  let foreignLead: string; // elsewhere.lead: covers another client only
  let ivy: WorldAgent;
  let ivyToken: string;
  let omar: WorldAgent;
  let omarToken: string;
  let scorecard: ScorecardView;

  /**
   * opening (weight 1): greet binary, verify binary critical; handling (weight 3): solve 5-point,
   * tone 3-point N/A allowed. greet 1, verify 1, solve 4, tone 2 → opening 100, handling (75 + 50) / 2
   * = 62.5, score (100 × 1 + 62.5 × 3) / 4 = 71.875 → 71.9.
   */
  const CARD: ScorecardDefinition = {
    name: 'Spec chat quality',
    sections: [
      {
        key: 'opening',
        title: 'Opening',
        weight: 1,
        questions: [
          { key: 'greet', text: 'Greeted the customer', scale: 'binary', allowNa: false, critical: false, guidance: '' },
          { key: 'verify', text: 'Verified the order', scale: 'binary', allowNa: false, critical: true, guidance: 'No action before it.' },
        ],
      },
      {
        key: 'handling',
        title: 'Handling',
        weight: 3,
        questions: [
          { key: 'solve', text: 'Solved the problem', scale: '5', allowNa: false, critical: false, guidance: '' },
          { key: 'tone', text: 'Friendly tone', scale: '3', allowNa: true, critical: false, guidance: '' },
        ],
      },
    ],
  };
  const FULL = { greet: 1, verify: 1, solve: 4, tone: 2 };

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });

  /** A resolved chat of the client, handled by `agent` (its assignee). */
  async function resolvedTicket(w: RoutingWorld, agent: WorldAgent | null, status = 'resolved'): Promise<string> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey Customer') RETURNING id`, [w.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, resolved_at) VALUES ($1, $2, $3, 'chat', $4, $5, CASE WHEN $4 = 'resolved' THEN now() END) RETURNING id`,
      [w.clientId, w.inboxId, contact.id, status, agent?.id ?? null],
    );
    return ticket.id;
  }

  async function staffSocket(token: string): Promise<Socket<AgentServerEvents>> {
    const socket: Socket<AgentServerEvents> = io(`${t.url}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await connected(socket);
    return socket;
  }

  async function draft(ticketId: string, token = lena, body: Record<string, unknown> = {}): Promise<EvaluationView> {
    const created = await call<EvaluationView>('POST', `/api/tickets/${ticketId}/evaluations`, token, body);
    if (created.status !== 201) throw new Error(`draft not created: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body;
  }

  /** A submitted evaluation of Ivy (full answers, 71.9). */
  async function submitted(): Promise<EvaluationView> {
    const evaluation = await draft(await resolvedTicket(world, ivy));
    expect((await call('PUT', `/api/evaluations/${evaluation.id}`, lena, { answers: FULL })).status).toBe(200);
    const done = await call<EvaluationView>('POST', `/api/evaluations/${evaluation.id}/submit`, lena);
    expect(done.status).toBe(200);
    return done.body;
  }

  /** The fields a refusal names, each once (a field may break several rules). */
  const fieldsOf = (body: ErrorResponse) => [...new Set(body.error.fields?.map((f) => f.field))];
  const disputeCount = async (evaluationId: string) => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM evaluation_disputes WHERE evaluation_id = $1', [evaluationId]))[0].n;
  const storedEvaluation = async (id: string) =>
    (await ownerQuery<{ status: string; answers: unknown; score: string | null; submitted_score: string | null }>('SELECT status, answers, score, submitted_score FROM evaluations WHERE id = $1', [id]))[0];

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('qa');
    elsewhere = await createRoutingWorld('qa-else');
    ivy = await world.agent('Ivy Agent');
    omar = await world.agent('Omar Agent');
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const ritaEmail = `rita.resolver.${world.clientId.slice(0, 8)}@switchboard.test`;
    const [ritaRow] = await ownerQuery<{ id: string }>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'Rita Resolver', 'team_lead', $2) RETURNING id`, [ritaEmail, password_hash]);
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [ritaRow.id, world.clientId]);
    rita = { id: ritaRow.id, email: ritaEmail, name: 'Rita Resolver' };
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lena = (await login(t.url, world.lead.email)).accessToken;
    ritaToken = (await login(t.url, rita.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    omarToken = (await login(t.url, omar.email)).accessToken;
    const created = await call<ScorecardView>('POST', `/api/clients/${world.clientId}/scorecards`, admin, CARD);
    expect(created.status).toBe(201);
    scorecard = created.body;
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await ownerQuery('DELETE FROM users WHERE id = $1', [rita.id]);
    await t.close();
    await destroyRoutingWorlds();
  });

  it('each demo client has an active scorecard out of the box, valid by the rules admins are held to', async () => {
    const demoLead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    const clients = (await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: demoLead })).body.items;
    for (const [slug, name] of [
      ['globex', 'Globex chat quality'],
      ['northwind', 'Northwind claims calls'],
    ]) {
      expect(checkScorecard(DEMO_SCORECARDS[slug])).toEqual([]);
      const list = await call<Page<ScorecardSummary>>('GET', `/api/clients/${clients.find((c) => c.slug === slug)!.id}/scorecards`, demoLead);
      expect(list.body).toEqual({ items: [expect.objectContaining({ name, active: true, latestVersion: 1 })], nextCursor: null });
      const read = await call<ScorecardView>('GET', `/api/scorecards/${list.body.items[0].id}`, demoLead);
      expect(read.body.definition).toEqual(DEMO_SCORECARDS[slug]);
    }
  });

  it('admins create scorecards (audited); staff of the client read them; everyone else is refused and bad definitions are listed', async () => {
    expect(scorecard).toMatchObject({ clientId: world.clientId, name: CARD.name, active: true, version: 1, latestVersion: 1, definition: CARD, versionCreatedByName: 'Avery Admin' });
    const [audit] = await ownerQuery<{ actor_user_id: string; details: { version: number; questions: number } }>(`SELECT actor_user_id, details FROM audit_log WHERE action = 'scorecard.created' AND target_id = $1`, [scorecard.id]);
    expect(audit.details).toEqual({ name: CARD.name, version: 1, questions: 4 });

    for (const token of [ivyToken, lena]) {
      expect((await call<Page<ScorecardSummary>>('GET', `/api/clients/${world.clientId}/scorecards`, token)).body.items.map((s) => s.id)).toEqual([scorecard.id]);
      expect((await call<ScorecardView>('GET', `/api/scorecards/${scorecard.id}`, token)).body.definition).toEqual(CARD);
    }
    // Another client's staff: not found. A client user: no QA route yet. Agents and leads do not write.
    expect((await call('GET', `/api/scorecards/${scorecard.id}`, foreignLead)).status).toBe(404);
    expect((await call('GET', `/api/clients/${world.clientId}/scorecards`, foreignLead)).status).toBe(404);
    const viewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await call('GET', `/api/scorecards/${scorecard.id}`, viewer)).status).toBe(403);
    const before = await ownerQuery('SELECT id FROM scorecards WHERE client_id = $1', [world.clientId]);
    for (const token of [ivyToken, lena, viewer]) {
      expect((await call('POST', `/api/clients/${world.clientId}/scorecards`, token, CARD)).status).toBe(403);
      expect((await call('PUT', `/api/scorecards/${scorecard.id}`, token, CARD)).status).toBe(403);
    }

    const bad: [string, unknown, string][] = [
      ['a scale that does not exist', { ...CARD, sections: [{ ...CARD.sections[0], questions: [{ ...CARD.sections[0].questions[0], scale: '7' }] }] }, 'sections.0.questions.0.scale'],
      ['a repeated question key', { ...CARD, sections: [CARD.sections[0], { ...CARD.sections[1], questions: [{ ...CARD.sections[1].questions[0], key: 'greet' }] }] }, 'sections.1.questions.0.key'],
      ['no sections', { name: 'Empty', sections: [] }, 'sections'],
      ['a foreign clientId in the body', { ...CARD, clientId: elsewhere.clientId }, 'clientId'],
      ['no name', { sections: CARD.sections }, 'name'],
    ];
    for (const [name, body, field] of bad) {
      const refused = await call('POST', `/api/clients/${world.clientId}/scorecards`, admin, body);
      expect([name, refused.status, refused.body.error.code]).toEqual([name, 400, 'VALIDATION_FAILED']);
      expect([name, refused.body.error.fields?.map((f) => f.field)]).toEqual([name, expect.arrayContaining([field])]);
    }
    expect(await ownerQuery('SELECT id FROM scorecards WHERE client_id = $1', [world.clientId])).toEqual(before);
  });

  it('the full flow: review, submit, the agent hears it live, disputes a question, another lead adjusts it and the evaluation is rescored', async () => {
    const ivySocket = await staffSocket(ivyToken);
    const lenaSocket = await staffSocket(lena);
    const ritaSocket = await staffSocket(ritaToken);
    const omarSocket = await staffSocket(omarToken);
    const foreignSocket = await staffSocket(foreignLead);
    const omarHears = record(omarSocket, 'evaluation.submitted');
    const foreignHears = [record(foreignSocket, 'evaluation.submitted'), record(foreignSocket, 'dispute.updated')];
    const omarDisputes = record(omarSocket, 'dispute.updated');

    // The draft: on the client's active scorecard, of the ticket's assignee, by the caller.
    const ticketId = await resolvedTicket(world, ivy);
    const evaluation = await draft(ticketId);
    expect(evaluation).toMatchObject({ ticketId, clientId: world.clientId, agentId: ivy.id, agentName: 'Ivy Agent', reviewerId: world.lead.id, reviewerName: 'Lena Lead' });
    expect(evaluation).toMatchObject({ scorecardId: scorecard.id, scorecardVersion: 1, stream: 'manual', status: 'draft', score: null, disputeDeadline: null });
    // The agent does not see a draft.
    expect((await call('GET', `/api/evaluations/${evaluation.id}`, ivyToken)).status).toBe(404);

    // Partial saves, with a comment per question; the running score shows what is missing.
    const partial = await call<EvaluationView>('PUT', `/api/evaluations/${evaluation.id}`, lena, { answers: { greet: 1, solve: 4 }, comments: { solve: 'Good fix, but check the order first.' } });
    expect(partial.status).toBe(200);
    expect(partial.body.answers).toEqual({ greet: 1, solve: 4 });
    expect(partial.body.comments).toEqual({ solve: 'Good fix, but check the order first.' });
    expect(partial.body.result).toMatchObject({ complete: false, missing: ['verify', 'tone'] });

    // Submitting with answers missing: 400 listing each, nothing stored.
    const incomplete = await call('POST', `/api/evaluations/${evaluation.id}/submit`, lena);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe('EVALUATION_INCOMPLETE');
    expect(incomplete.body.error.fields).toEqual([
      { field: 'answers.verify', message: 'needs an answer' },
      { field: 'answers.tone', message: 'needs an answer' },
    ]);
    expect((await storedEvaluation(evaluation.id)).status).toBe('draft');

    expect((await call('PUT', `/api/evaluations/${evaluation.id}`, lena, { answers: { verify: 1, tone: 2 } })).status).toBe(200);
    const ivyHears = nextEvent<EvaluationSummary>(ivySocket, 'evaluation.submitted');
    const lenaHears = nextEvent<EvaluationSummary>(lenaSocket, 'evaluation.submitted');
    const done = await call<EvaluationView>('POST', `/api/evaluations/${evaluation.id}/submit`, lena);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'submitted', score: 71.9, submittedScore: 71.9, criticalFailed: false, submittedAnswers: FULL });
    expect(done.body.result.sections).toEqual([
      { key: 'opening', score: 100, effectiveWeight: 0.25 },
      { key: 'handling', score: 62.5, effectiveWeight: 0.75 },
    ]);
    const live = await ivyHears;
    expect(live).toMatchObject({ id: evaluation.id, agentId: ivy.id, status: 'submitted', score: 71.9 });
    expect(live).not.toHaveProperty('comments');
    expect((await lenaHears).id).toBe(evaluation.id);
    expect(Date.parse(live.disputeDeadline!) - Date.parse(live.submittedAt!)).toBe(7 * 86_400_000);

    // The agent reads it, with the reviewer's comments; submitted, it no longer changes.
    const seen = await call<EvaluationView>('GET', `/api/evaluations/${evaluation.id}`, ivyToken);
    expect(seen.body).toMatchObject({ status: 'submitted', score: 71.9, comments: { solve: 'Good fix, but check the order first.' }, disputesLeft: 3, definition: CARD });
    const late = await call('PUT', `/api/evaluations/${evaluation.id}`, lena, { answers: { solve: 5 } });
    expect([late.status, late.body.error.code]).toEqual([409, 'EVALUATION_STATE_CONFLICT']);

    // The agent disputes "solve"; the reviewer and the client's leads hear it.
    const lenaDispute = nextEvent<DisputeUpdated>(lenaSocket, 'dispute.updated');
    const ritaDispute = nextEvent<DisputeUpdated>(ritaSocket, 'dispute.updated');
    const raised = await call<DisputeView>('POST', `/api/evaluations/${evaluation.id}/disputes`, ivyToken, { questionKey: 'solve', reason: 'I sent the replacement in the first reply.' });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ evaluationId: evaluation.id, questionKey: 'solve', status: 'open', raisedById: ivy.id, originalAnswer: 4, adjustedAnswer: null });
    expect((await lenaDispute).evaluation).toMatchObject({ id: evaluation.id, status: 'disputed', openDisputes: 1 });
    expect((await ritaDispute).dispute.id).toBe(raised.body.id);

    // The reviewer may not settle her own evaluation's dispute; another lead does.
    const own = await call('POST', `/api/disputes/${raised.body.id}/resolve`, lena, { outcome: 'upheld', note: 'Stands.' });
    expect([own.status, own.body.error.code]).toEqual([403, 'DISPUTE_NEEDS_ANOTHER_LEAD']);
    expect((await ownerQuery<{ status: string }>('SELECT status FROM evaluation_disputes WHERE id = $1', [raised.body.id]))[0].status).toBe('open');

    const ivyResolved = nextEvent<DisputeUpdated>(ivySocket, 'dispute.updated', (e) => e.dispute.status !== 'open');
    const resolved = await call<DisputeView>('POST', `/api/disputes/${raised.body.id}/resolve`, ritaToken, { outcome: 'adjusted', note: 'The transcript shows the replacement offered first.', answer: 5 });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'adjusted', originalAnswer: 4, adjustedAnswer: 5, resolvedById: rita.id, resolvedByName: 'Rita Resolver', resolutionNote: 'The transcript shows the replacement offered first.' });
    // handling (100 + 50) / 2 = 75 → (100 + 75 × 3) / 4 = 81.25 → 81.3; the submitted 71.9 stays recorded.
    expect((await ivyResolved).evaluation).toMatchObject({ status: 'resolved', score: 81.3, submittedScore: 71.9, openDisputes: 0 });
    const after = await call<EvaluationView>('GET', `/api/evaluations/${evaluation.id}`, ivyToken);
    expect(after.body).toMatchObject({ status: 'resolved', score: 81.3, submittedScore: 71.9, answers: { ...FULL, solve: 5 }, submittedAnswers: FULL, disputesLeft: 2 });
    expect(after.body.disputes.map((d) => [d.questionKey, d.status, d.originalAnswer, d.adjustedAnswer])).toEqual([['solve', 'adjusted', 4, 5]]);
    const again = await call('POST', `/api/disputes/${raised.body.id}/resolve`, ritaToken, { outcome: 'upheld', note: 'Twice' });
    expect([again.status, again.body.error.code]).toEqual([409, 'EVALUATION_STATE_CONFLICT']);

    // The agent acknowledges: final, no dispute after it.
    const ack = await call<EvaluationView>('POST', `/api/evaluations/${evaluation.id}/acknowledge`, ivyToken);
    expect(ack.body).toMatchObject({ status: 'acknowledged', disputesLeft: 0 });
    expect(ack.body.acknowledgedAt).not.toBeNull();
    const afterAck = await call('POST', `/api/evaluations/${evaluation.id}/disputes`, ivyToken, { questionKey: 'tone', reason: 'Too late' });
    expect([afterAck.status, afterAck.body.error.code]).toEqual([409, 'EVALUATION_STATE_CONFLICT']);

    const audit = await ownerQuery<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit_log WHERE target_id = ANY ($1) ORDER BY id`,
      [[evaluation.id, raised.body.id]],
    );
    expect(audit).toEqual([
      { action: 'evaluation.submitted', actor_user_id: world.lead.id },
      { action: 'dispute.raised', actor_user_id: ivy.id },
      { action: 'dispute.resolved', actor_user_id: rita.id },
      { action: 'evaluation.acknowledged', actor_user_id: ivy.id },
    ]);
    expect(omarHears).toEqual([]);
    expect(omarDisputes).toEqual([]);
    expect(foreignHears).toEqual([[], []]);
  });

  it('versioning: an edit makes version 2; an evaluation made on version 1 keeps it, a new one gets version 2', async () => {
    const onV1 = await draft(await resolvedTicket(world, ivy));
    const v2Card: ScorecardDefinition = { ...CARD, name: 'Spec chat quality (2)', sections: [...CARD.sections, { key: 'close', title: 'Close', weight: 1, questions: [{ key: 'thanks', text: 'Thanked the customer', scale: 'binary', allowNa: false, critical: false, guidance: '' }] }] };
    const saved = await call<ScorecardView>('PUT', `/api/scorecards/${scorecard.id}`, admin, v2Card);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: scorecard.id, name: v2Card.name, version: 2, latestVersion: 2, definition: v2Card });
    expect((await call<ScorecardView>('GET', `/api/scorecards/${scorecard.id}?version=1`, lena)).body).toMatchObject({ version: 1, latestVersion: 2, definition: CARD });
    expect((await call('GET', `/api/scorecards/${scorecard.id}?version=3`, lena)).status).toBe(404);
    expect((await call('GET', `/api/scorecards/${scorecard.id}?version=zero`, lena)).status).toBe(400);
    const [audit] = await ownerQuery<{ details: unknown }>(`SELECT details FROM audit_log WHERE action = 'scorecard.versioned' AND target_id = $1`, [scorecard.id]);
    expect(audit.details).toMatchObject({ version: 2, previousVersion: 1 });

    // The v1 draft keeps v1: v2's new question is not one of its questions; submitting needs v1's only, and scores as v1 does.
    const refused = await call('PUT', `/api/evaluations/${onV1.id}`, lena, { answers: { ...FULL, thanks: 1 } });
    expect([refused.status, refused.body.error.fields]).toEqual([400, [{ field: 'answers.thanks', message: 'is not a question of this scorecard' }]]);
    expect((await call('PUT', `/api/evaluations/${onV1.id}`, lena, { answers: FULL })).status).toBe(200);
    const submittedV1 = await call<EvaluationView>('POST', `/api/evaluations/${onV1.id}/submit`, lena);
    expect(submittedV1.body).toMatchObject({ scorecardVersion: 1, scorecardName: CARD.name, score: 71.9, definition: CARD });
    // A new evaluation is made on v2 and needs its new question.
    const onV2 = await draft(await resolvedTicket(world, ivy));
    expect(onV2).toMatchObject({ scorecardVersion: 2, definition: v2Card });
    expect((await call('PUT', `/api/evaluations/${onV2.id}`, lena, { answers: FULL })).status).toBe(200);
    expect((await call('POST', `/api/evaluations/${onV2.id}/submit`, lena)).body.error.fields).toEqual([{ field: 'answers.thanks', message: 'needs an answer' }]);

    // Going back is one more version (v3, as v1 read), never a rewrite: the later suites score on it.
    expect((await call<ScorecardView>('PUT', `/api/scorecards/${scorecard.id}`, admin, CARD)).body).toMatchObject({ version: 3, definition: CARD });
    expect((await ownerQuery<{ version: number }>('SELECT version FROM scorecard_versions WHERE scorecard_id = $1 ORDER BY version', [scorecard.id])).map((v) => v.version)).toEqual([1, 2, 3]);

    // A version never changes, not even through the application's database role.
    const db = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('SET LOCAL ROLE switchboard_app');
      await db.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', 'admin', true)`, [world.clientId]);
      await expect(db.query(`UPDATE scorecard_versions SET definition = '{"sections": []}'`)).rejects.toThrow(/permission denied/);
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });

  it('another client stays out: a lead of another client cannot score or read, an agent reads only their own, a client user cannot write', async () => {
    const mine = await submitted();
    const ticketId = await resolvedTicket(world, ivy);
    const before = (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM evaluations'))[0].n;

    // A lead of another client: the ticket, the evaluation and its disputes are not found.
    const foreign = await call('POST', `/api/tickets/${ticketId}/evaluations`, foreignLead, {});
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await call('GET', `/api/evaluations/${mine.id}`, foreignLead)).status).toBe(404);
    expect((await call('PUT', `/api/evaluations/${mine.id}`, foreignLead, { answers: {} })).status).toBe(404);
    expect((await call('GET', `/api/evaluations?clientId=${world.clientId}`, foreignLead)).status).toBe(404);
    expect((await call<Page<EvaluationSummary>>('GET', '/api/evaluations', foreignLead)).body.items.filter((e) => e.clientId === world.clientId)).toEqual([]);
    // Agents never create evaluations; another agent does not see Ivy's, nor list them.
    expect((await call('POST', `/api/tickets/${ticketId}/evaluations`, ivyToken, {})).status).toBe(403);
    expect((await call('GET', `/api/evaluations/${mine.id}`, omarToken)).status).toBe(404);
    expect((await call('GET', `/api/evaluations?agentId=${ivy.id}`, omarToken)).status).toBe(403);
    expect((await call<Page<EvaluationSummary>>('GET', '/api/evaluations', omarToken)).body.items).toEqual([]);
    const ivyList = await allPages<EvaluationSummary>(t.url, '/api/evaluations?limit=1', ivyToken);
    expect(ivyList.length).toBeGreaterThanOrEqual(3);
    expect(ivyList.every((e) => e.agentId === ivy.id && e.status !== 'draft')).toBe(true);
    // A client user: no QA route answers them.
    const viewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await call('POST', `/api/tickets/${ticketId}/evaluations`, viewer, {})).status).toBe(403);
    expect((await call('GET', '/api/evaluations', viewer)).status).toBe(403);
    expect((await call('POST', `/api/evaluations/${mine.id}/acknowledge`, viewer)).status).toBe(403);
    expect(await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM evaluations')).toEqual([{ n: before }]);

    // Row-level security on its own: a client user of the client reads submitted evaluations, never drafts, comments or disputes.
    await call('PUT', `/api/evaluations/${(await draft(ticketId)).id}`, lena, { comments: { greet: 'Internal note' } });
    expect((await call('PUT', `/api/evaluations/${mine.id}`, lena, {})).status).toBe(409);
    await ownerQuery(`INSERT INTO evaluation_comments (evaluation_id, client_id, question_key, body) VALUES ($1, $2, 'verify', 'Internal: coach on verification')`, [mine.id, world.clientId]);
    const db = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('SET LOCAL ROLE switchboard_app');
      await db.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', 'client_viewer', true)`, [world.clientId]);
      const rows = (await db.query<{ status: string }>('SELECT status FROM evaluations')).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.some((r) => r.status === 'draft')).toBe(false);
      expect((await db.query('SELECT * FROM evaluation_comments')).rows).toEqual([]);
      expect((await db.query('SELECT * FROM evaluation_disputes')).rows).toEqual([]);
      await expect(db.query(`INSERT INTO evaluations (client_id, ticket_id, agent_id, scorecard_version_id, stream) SELECT client_id, ticket_id, agent_id, scorecard_version_id, 'manual' FROM evaluations LIMIT 1`)).rejects.toThrow(/row-level security/);
      await db.query('ROLLBACK');
      // Staff of another client see none of it.
      await db.query('BEGIN');
      await db.query('SET LOCAL ROLE switchboard_app');
      await db.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', 'team_lead', true)`, [elsewhere.clientId]);
      expect((await db.query('SELECT * FROM evaluations WHERE client_id = $1', [world.clientId])).rows).toEqual([]);
      expect((await db.query('SELECT * FROM evaluation_comments WHERE client_id = $1', [world.clientId])).rows).toEqual([]);
    } finally {
      await db.query('ROLLBACK');
      await db.end();
    }
  });

  it('refuses bad answers, listing each, and saves nothing', async () => {
    const evaluation = await draft(await resolvedTicket(world, ivy));
    const bad: [string, unknown, string, string][] = [
      ['above the scale', { answers: { solve: 6 } }, 'answers.solve', 'must be a whole number from 1 to 5'],
      ['binary 2', { answers: { verify: 2 } }, 'answers.verify', 'must be a whole number from 0 to 1'],
      ['not a whole number', { answers: { tone: 1.5 } }, 'answers.tone', 'must be a whole number from 1 to 3 or "na"'],
      ['N/A where not allowed', { answers: { greet: 'na' } }, 'answers.greet', 'may not be answered N/A'],
      ['an unknown question', { answers: { charm: 3 } }, 'answers.charm', 'is not a question of this scorecard'],
      ['a comment on an unknown question', { comments: { charm: 'Nice' } }, 'comments.charm', 'is not a question of this scorecard'],
      ['a comment that is not text', { comments: { greet: 42 } }, 'comments.greet', 'must be text'],
      ['a score in the body', { answers: { greet: 1 }, score: 100 }, 'score', 'is not a known field'],
      ['a status in the body', { status: 'submitted' }, 'status', 'is not a known field'],
      ['answers that are not an object', { answers: [1, 2] }, 'answers', ''],
    ];
    for (const [name, body, field, message] of bad) {
      const refused = await call('PUT', `/api/evaluations/${evaluation.id}`, lena, body);
      expect([name, refused.status, refused.body.error.code]).toEqual([name, 400, 'VALIDATION_FAILED']);
      expect([name, refused.body.error.fields]).toEqual([name, expect.arrayContaining([{ field, message: expect.stringContaining(message) }])]);
    }
    // Two bad answers at once: both listed.
    const both = await call('PUT', `/api/evaluations/${evaluation.id}`, lena, { answers: { solve: 0, tone: 4, greet: 1 } });
    expect(both.body.error.fields?.map((f) => f.field).sort()).toEqual(['answers.solve', 'answers.tone']);
    expect((await storedEvaluation(evaluation.id)).answers).toEqual({});
    expect((await ownerQuery('SELECT 1 FROM evaluation_comments WHERE evaluation_id = $1', [evaluation.id]))).toEqual([]);

    // Only the reviewer changes or submits her draft.
    for (const [method, path] of [
      ['PUT', `/api/evaluations/${evaluation.id}`],
      ['POST', `/api/evaluations/${evaluation.id}/submit`],
    ]) {
      const other = await call(method, path, ritaToken, method === 'PUT' ? { answers: { greet: 1 } } : undefined);
      expect([path, other.status, other.body.error.code]).toEqual([path, 403, 'FORBIDDEN']);
    }
    expect((await storedEvaluation(evaluation.id)).status).toBe('draft');
  });

  it('refuses bad evaluations: an open ticket, a second evaluation, a client without a scorecard, a foreign agent, mass assignment', async () => {
    const before = (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM evaluations'))[0].n;
    const open = await call('POST', `/api/tickets/${await resolvedTicket(world, ivy, 'assigned')}/evaluations`, lena, {});
    expect([open.status, open.body.error.code]).toEqual([409, 'TICKET_STATE_CONFLICT']);
    const noAssignee = await call('POST', `/api/tickets/${await resolvedTicket(world, null)}/evaluations`, lena, {});
    expect([noAssignee.status, noAssignee.body.error.fields?.[0].field]).toEqual([400, 'agentId']);
    const zed = await elsewhere.agent('Zed Elsewhere');
    const notServing = await call('POST', `/api/tickets/${await resolvedTicket(world, ivy)}/evaluations`, lena, { agentId: zed.id });
    expect([notServing.status, notServing.body.error.fields?.[0]]).toEqual([400, { field: 'agentId', message: "is not an agent serving the ticket's client" }]);
    const aLead = await call('POST', `/api/tickets/${await resolvedTicket(world, ivy)}/evaluations`, lena, { agentId: rita.id });
    expect(aLead.status).toBe(400);

    const ticketId = await resolvedTicket(world, ivy);
    const massAssignment: [Record<string, unknown>, string][] = [
      [{ clientId: elsewhere.clientId }, 'clientId'],
      [{ score: 100 }, 'score'],
      [{ stream: 'random' }, 'stream'],
      [{ reviewerId: rita.id }, 'reviewerId'],
      [{ agentId: 'not-a-uuid' }, 'agentId'],
    ];
    for (const [body, field] of massAssignment) {
      const refused = await call('POST', `/api/tickets/${ticketId}/evaluations`, lena, body);
      expect([field, refused.status, fieldsOf(refused.body)]).toEqual([field, 400, [field]]);
    }
    expect((await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM evaluations'))[0].n).toBe(before);

    await draft(ticketId);
    const twice = await call('POST', `/api/tickets/${ticketId}/evaluations`, ritaToken, {});
    expect([twice.status, twice.body.error.code]).toEqual([409, 'EVALUATION_EXISTS']);

    const none = await call('POST', `/api/tickets/${await resolvedTicket(elsewhere, zed)}/evaluations`, foreignLead, {});
    expect([none.status, none.body.error.code]).toEqual([409, 'QA_NO_SCORECARD']);

    // Lists: a bad status or cursor is a validation error.
    expect((await call('GET', '/api/evaluations?status=done', lena)).body.error.fields).toEqual([{ field: 'status', message: expect.stringContaining('must be one of') }]);
    expect((await call('GET', '/api/evaluations?after=nonsense!', lena)).status).toBe(400);
  });

  it('refuses bad disputes: after the window, over the limit, twice on a question, by anyone but the evaluated agent; and bad resolutions', async () => {
    const evaluation = await submitted();
    const dispute = (token: string, body: Record<string, unknown>) => call<DisputeView>('POST', `/api/evaluations/${evaluation.id}/disputes`, token, body);

    // Not the evaluated agent: another agent does not see it, a lead does not dispute.
    expect((await dispute(omarToken, { questionKey: 'solve', reason: 'Not mine' })).status).toBe(404);
    expect((await dispute(lena, { questionKey: 'solve', reason: 'A lead' })).status).toBe(403);
    // Malformed, or mass assignment.
    const malformed: [Record<string, unknown>, string][] = [
      [{ questionKey: 'charm', reason: 'No such question' }, 'questionKey'],
      [{ questionKey: 'solve', reason: '   ' }, 'reason'],
      [{ questionKey: 'solve' }, 'reason'],
      [{ questionKey: 'solve', reason: 'Mine', status: 'adjusted' }, 'status'],
      [{ questionKey: 'solve', reason: 'Mine', adjustedAnswer: 5 }, 'adjustedAnswer'],
    ];
    for (const [body, field] of malformed) {
      const refused = await dispute(ivyToken, body);
      expect([field, refused.status, refused.body.error.code, fieldsOf(refused.body)]).toEqual([field, 400, 'VALIDATION_FAILED', [field]]);
    }
    expect(await disputeCount(evaluation.id)).toBe(0);

    // One open dispute per question.
    const first = await dispute(ivyToken, { questionKey: 'solve', reason: 'It was solved' });
    expect(first.status).toBe(201);
    const sameQuestion = await dispute(ivyToken, { questionKey: 'solve', reason: 'Again' });
    expect([sameQuestion.status, sameQuestion.body.error.code]).toEqual([409, 'DISPUTE_ALREADY_OPEN']);

    // Bad resolutions change nothing.
    const resolve = (token: string, body: Record<string, unknown>) => call('POST', `/api/disputes/${first.body.id}/resolve`, token, body);
    const badResolutions: [Record<string, unknown>, string][] = [
      [{ outcome: 'adjusted', note: 'No answer given' }, 'answer'],
      [{ outcome: 'adjusted', note: 'Off the scale', answer: 9 }, 'answer'],
      [{ outcome: 'adjusted', note: 'Same answer', answer: 4 }, 'answer'],
      [{ outcome: 'upheld', note: 'With an answer', answer: 5 }, 'answer'],
      [{ outcome: 'accepted', note: 'Unknown outcome' }, 'outcome'],
      [{ outcome: 'upheld', note: '' }, 'note'],
      [{ outcome: 'upheld', note: 'Stands', score: 100 }, 'score'],
    ];
    for (const [body, field] of badResolutions) {
      const refused = await resolve(ritaToken, body);
      expect([body, refused.status, fieldsOf(refused.body)]).toEqual([body, 400, [field]]);
    }
    expect((await resolve(foreignLead, { outcome: 'upheld', note: 'Not my client' })).status).toBe(404);
    expect((await resolve(ivyToken, { outcome: 'adjusted', note: 'Myself', answer: 5 })).status).toBe(403);
    expect(await storedEvaluation(evaluation.id)).toMatchObject({ status: 'disputed', score: '71.9' });
    // Upheld: the answer and the score stand; the dispute is settled.
    const upheld = await call<DisputeView>('POST', `/api/disputes/${first.body.id}/resolve`, ritaToken, { outcome: 'upheld', note: 'The order was not checked first.' });
    expect(upheld.body).toMatchObject({ status: 'upheld', adjustedAnswer: null });
    expect(await storedEvaluation(evaluation.id)).toMatchObject({ status: 'resolved', score: '71.9', submitted_score: '71.9' });

    // Over the limit: the client allows 2 per evaluation; every dispute raised counts.
    await ownerQuery('UPDATE clients SET qa_max_disputes = 2 WHERE id = $1', [world.clientId]);
    try {
      expect((await dispute(ivyToken, { questionKey: 'tone', reason: 'I was friendly' })).status).toBe(201);
      const over = await dispute(ivyToken, { questionKey: 'greet', reason: 'I greeted' });
      expect([over.status, over.body.error.code]).toEqual([409, 'DISPUTE_LIMIT_REACHED']);
      expect(over.body.error.message).toContain('2 disputes');
    } finally {
      await ownerQuery('UPDATE clients SET qa_max_disputes = 3 WHERE id = $1', [world.clientId]);
    }
    expect(await disputeCount(evaluation.id)).toBe(2);

    // After the window: submitted 8 days ago, with a 7-day window.
    const old = await submitted();
    await ownerQuery(`UPDATE evaluations SET submitted_at = now() - interval '8 days' WHERE id = $1`, [old.id]);
    const closed = await call('POST', `/api/evaluations/${old.id}/disputes`, ivyToken, { questionKey: 'solve', reason: 'Too late?' });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'DISPUTE_WINDOW_CLOSED']);
    expect((await call<EvaluationView>('GET', `/api/evaluations/${old.id}`, ivyToken)).body.disputesLeft).toBe(0);
    // Just inside it (6 days ago) the same dispute is taken.
    await ownerQuery(`UPDATE evaluations SET submitted_at = now() - interval '6 days' WHERE id = $1`, [old.id]);
    expect((await call('POST', `/api/evaluations/${old.id}/disputes`, ivyToken, { questionKey: 'solve', reason: 'Within the window' })).status).toBe(201);
    expect(await disputeCount(old.id)).toBe(1);
  });

  it('lists page by page, newest first, each evaluation once; filters by agent, client and status', async () => {
    const everything = await allPages<EvaluationSummary>(t.url, `/api/evaluations?clientId=${world.clientId}&limit=2`, lena);
    const [{ n }] = await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM evaluations WHERE client_id = $1', [world.clientId]);
    expect(everything).toHaveLength(n);
    expect(new Set(everything.map((e) => e.id)).size).toBe(n);
    const created = everything.map((e) => Date.parse(e.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const drafts = await allPages<EvaluationSummary>(t.url, `/api/evaluations?clientId=${world.clientId}&status=draft`, lena);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((e) => e.status === 'draft' && e.score === null)).toBe(true);
    expect((await allPages<EvaluationSummary>(t.url, `/api/evaluations?agentId=${omar.id}`, lena))).toEqual([]);
  });

  it('after a dropped connection the agent reads what was submitted meanwhile by paging the list again: each evaluation once, in its place', async () => {
    // An old draft of Ivy's (made first), then one submitted while Ivy's console is connected: she hears it.
    const old = await draft(await resolvedTicket(world, ivy));
    const live = await staffSocket(ivyToken);
    const heard = record<EvaluationSummary>(live, 'evaluation.submitted');
    const hearsBefore = nextEvent<EvaluationSummary>(live, 'evaluation.submitted');
    const before = await submitted();
    expect((await hearsBefore).id).toBe(before.id);

    // Her connection drops. Meanwhile Lena submits the old draft and a new evaluation: nothing replays them.
    live.disconnect();
    expect((await call('PUT', `/api/evaluations/${old.id}`, lena, { answers: FULL })).status).toBe(200);
    expect((await call('POST', `/api/evaluations/${old.id}/submit`, lena)).status).toBe(200);
    const fresh = await submitted();
    expect(heard.map((e) => e.id)).toEqual([before.id]);

    // Back online, the console pages through her list again (one a page, the hardest case): both appear,
    // each once, in creation order — the old draft below the evaluation heard before the drop.
    await staffSocket(ivyToken);
    const ids = (await allPages<EvaluationSummary>(t.url, '/api/evaluations?limit=1', ivyToken)).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 2)).toEqual([fresh.id, before.id]);
    expect(ids.filter((id) => id === old.id)).toHaveLength(1);
    expect(ids.indexOf(old.id)).toBeGreaterThan(1);

    // An evaluation submitted between two page reads never repeats a row across the boundary; reading from the top again shows it first.
    const first = await call<Page<EvaluationSummary>>('GET', '/api/evaluations?limit=2', ivyToken);
    const newest = await submitted();
    const second = await call<Page<EvaluationSummary>>('GET', `/api/evaluations?limit=2&after=${encodeURIComponent(first.body.nextCursor ?? '')}`, ivyToken);
    expect(first.body.items.map((e) => e.id)).toEqual([fresh.id, before.id]);
    expect(second.body.items.map((e) => e.id).filter((id) => [fresh.id, before.id, newest.id].includes(id))).toEqual([]);
    expect((await call<Page<EvaluationSummary>>('GET', '/api/evaluations?limit=2', ivyToken)).body.items.map((e) => e.id)).toEqual([newest.id, fresh.id]);
  });

  it('the migration goes down and up again', async () => {
    const db = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await db.connect();
    const runner = { query: (sql: string) => db.query(sql) } as never;
    try {
      await db.query('BEGIN');
      // The later QA migrations build on this one: they go down first (newest first) and up again after it.
      const later = [new QaSampling1765100000000(), new QaAutoQa1765100000001(), new QaCalibration1765100000002(), new QaCoaching1765100000003()];
      for (const migration of [...later].reverse()) await migration.down(runner);
      expect((await db.query(`SELECT to_regclass('sampling_draws') AS d, to_regclass('autoqa_results') AS r, to_regclass('calibration_sessions') AS c, to_regclass('coaching_notes') AS n`)).rows[0]).toEqual({ d: null, r: null, c: null, n: null });
      await new Qa1764700000000().down(runner);
      expect((await db.query(`SELECT to_regclass('evaluations') AS t, to_regclass('scorecards') AS s`)).rows[0]).toEqual({ t: null, s: null });
      expect((await db.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'clients' AND column_name LIKE 'qa_%'`)).rows[0].n).toBe(0);
      await new Qa1764700000000().up(runner);
      expect((await db.query(`SELECT count(*)::int AS n FROM pg_policies WHERE tablename IN ('scorecards', 'scorecard_versions', 'evaluations', 'evaluation_comments', 'evaluation_disputes')`)).rows[0].n).toBe(13);
      for (const migration of later) await migration.up(runner);
      expect((await db.query(`SELECT count(*)::int AS n FROM pg_policies WHERE tablename IN ('sampling_policies', 'sampling_draws', 'autoqa_results', 'calibration_sessions', 'calibration_tickets', 'calibration_participants', 'calibration_reviews', 'coaching_notes', 'coaching_note_evaluations')`)).rows[0].n).toBe(18);
      await db.query('ROLLBACK');
    } finally {
      await db.end();
    }
  });
});
