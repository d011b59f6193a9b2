import type { ErrorResponse, EvaluationSummary, EvaluationView, Page, ReviewCandidate, ScorecardDefinition } from '@switchboard/shared-contracts';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * `GET /api/qa/review-candidates`: the resolved tickets a lead may pick to review by hand until
 * sampling assigns the work — their own clients' only, each ticket gone once its agent is evaluated;
 * and `GET /api/evaluations?reviewer=me`, a lead's own reviews.
 */
describe('QA review candidates', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  let admin: string;
  let lead: string;
  let foreignLead: string;
  let ivy: WorldAgent;
  let ivyToken: string;

  const CARD: ScorecardDefinition = {
    name: 'Candidates card',
    sections: [{ key: 'all', title: 'All', weight: 1, questions: [{ key: 'greet', text: 'Greeted the customer', scale: 'binary', allowNa: false, critical: false, guidance: '' }] }],
  };
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });

  async function ticket(w: RoutingWorld, status: string, agent: WorldAgent | null, subject: string): Promise<string> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey Customer') RETURNING id`, [w.clientId]);
    const [row] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, subject, resolved_at) VALUES ($1, $2, $3, 'chat', $4, $5, $6, CASE WHEN $4 IN ('resolved', 'closed') THEN now() END) RETURNING id`,
      [w.clientId, w.inboxId, contact.id, status, agent?.id ?? null, subject],
    );
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('qa-cand');
    elsewhere = await createRoutingWorld('qa-cand-else');
    ivy = await world.agent('Ivy Agent');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lead = (await login(t.url, world.lead.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    expect((await call('POST', `/api/clients/${world.clientId}/scorecards`, admin, CARD)).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  it('lists the resolved and closed tickets of the lead’s client with their agent, newest first, until the agent is evaluated', async () => {
    const older = await ticket(world, 'resolved', ivy, 'Older resolved');
    const closed = await ticket(world, 'closed', ivy, 'Closed one');
    await ticket(world, 'assigned', ivy, 'Still open');
    await ticket(world, 'resolved', null, 'Nobody handled it');
    const foreign = await ticket(elsewhere, 'resolved', null, 'Foreign');

    const page = await call<Page<ReviewCandidate>>('GET', `/api/qa/review-candidates?clientId=${world.clientId}`, lead);
    expect(page.status).toBe(200);
    expect(page.body.items.map((c) => c.subject)).toEqual(['Closed one', 'Older resolved']);
    expect(page.body.items[0]).toMatchObject({ ticketId: closed, clientId: world.clientId, channel: 'chat', status: 'closed', agentId: ivy.id, agentName: 'Ivy Agent', reference: expect.stringMatching(/^SB-\d+$/) });
    expect(page.body.items.some((c) => c.ticketId === foreign)).toBe(false);

    // Paged: one at a time, the second page holds the older ticket.
    const first = await call<Page<ReviewCandidate>>('GET', `/api/qa/review-candidates?clientId=${world.clientId}&limit=1`, lead);
    expect(first.body.items.map((c) => c.ticketId)).toEqual([closed]);
    const second = await call<Page<ReviewCandidate>>('GET', `/api/qa/review-candidates?clientId=${world.clientId}&limit=1&after=${first.body.nextCursor}`, lead);
    expect(second.body.items.map((c) => c.ticketId)).toEqual([older]);

    // Once the lead starts reviewing it, the ticket is no longer a candidate.
    const started = await call<EvaluationView>('POST', `/api/tickets/${older}/evaluations`, lead, {});
    expect(started.status).toBe(201);
    const after = await call<Page<ReviewCandidate>>('GET', `/api/qa/review-candidates?clientId=${world.clientId}`, lead);
    expect(after.body.items.map((c) => c.ticketId)).toEqual([closed]);
  });

  it('another client’s lead sees none of them; a foreign clientId is not found; agents are refused; bad input is a 400 with its field', async () => {
    await ticket(world, 'resolved', ivy, 'Only for the world');
    const foreignView = await call<Page<ReviewCandidate>>('GET', '/api/qa/review-candidates', foreignLead);
    expect(foreignView.status).toBe(200);
    expect(foreignView.body.items.some((c) => c.clientId === world.clientId)).toBe(false);
    const foreignAsk = await call('GET', `/api/qa/review-candidates?clientId=${world.clientId}`, foreignLead);
    expect([foreignAsk.status, foreignAsk.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await call('GET', '/api/qa/review-candidates', ivyToken)).status).toBe(403);

    for (const [query, field] of [
      ['clientId=not-a-uuid', 'clientId'],
      [`clientId=${world.clientId}&clientId=${world.clientId}`, 'clientId'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['after=garbage', 'after'],
    ]) {
      const refused = await call('GET', `/api/qa/review-candidates?${query}`, lead);
      expect([query, refused.status, refused.body.error.code, refused.body.error.fields?.map((f) => f.field)]).toEqual([query, 400, 'VALIDATION_FAILED', [field]]);
    }
  });

  it('reviewer=me lists only the caller’s reviews; any other value is a 400', async () => {
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `second.lead.${world.clientId.slice(0, 8)}@switchboard.test`;
    const [second] = await ownerQuery<{ id: string }>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, 'Second Lead', 'team_lead', $2) RETURNING id`, [email, password_hash]);
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [second.id, world.clientId]);
    try {
      const secondToken = (await login(t.url, email)).accessToken;
      const mine = await call<EvaluationView>('POST', `/api/tickets/${await ticket(world, 'resolved', ivy, 'Mine')}/evaluations`, lead, {});
      const theirs = await call<EvaluationView>('POST', `/api/tickets/${await ticket(world, 'resolved', ivy, 'Theirs')}/evaluations`, secondToken, {});
      expect([mine.status, theirs.status]).toEqual([201, 201]);

      const all = await call<Page<EvaluationSummary>>('GET', '/api/evaluations?status=draft', lead);
      expect(all.body.items.map((e) => e.id)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
      const own = await call<Page<EvaluationSummary>>('GET', '/api/evaluations?status=draft&reviewer=me', lead);
      expect(own.body.items.map((e) => e.id)).toContain(mine.body.id);
      expect(own.body.items.every((e) => e.reviewerId === world.lead.id)).toBe(true);
      const theirsOnly = await call<Page<EvaluationSummary>>('GET', '/api/evaluations?reviewer=me', secondToken);
      expect(theirsOnly.body.items.map((e) => e.id)).toEqual([theirs.body.id]);

      for (const query of ['reviewer=someone', `reviewer=${second.id}`, 'reviewer=me&reviewer=me']) {
        const refused = await call('GET', `/api/evaluations?${query}`, lead);
        expect([query, refused.status, refused.body.error.code, refused.body.error.fields?.map((f) => f.field)]).toEqual([query, 400, 'VALIDATION_FAILED', ['reviewer']]);
      }
    } finally {
      await ownerQuery('DELETE FROM evaluations WHERE reviewer_id = $1', [second.id]);
      await ownerQuery('DELETE FROM users WHERE id = $1', [second.id]);
    }
  });
});
