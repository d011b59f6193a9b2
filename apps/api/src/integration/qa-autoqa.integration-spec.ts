import type { AutoQaResultView, AutoQaSettings, ErrorResponse, Page, SamplingDrawView, SamplingPolicyView } from '@switchboard/shared-contracts';
import { AutoQaJob } from '@switchboard/api-qa';
import { randomUUID } from 'node:crypto';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * AutoQA (issue 6): every resolved ticket is checked by deterministic rules with evidence; the flags
 * and the automatic score are stored apart from human scores and feed targeted sampling. Staff of the
 * client read results (an agent those of their own tickets); admins set the client's phrases and limits.
 */
describe('AutoQA of resolved tickets', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  let admin: string;
  let lena: string;
  let foreignLead: string;
  let ivy: WorldAgent;
  let ivyToken: string;
  let omarToken: string;
  let flaggedTicket: string;

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });

  /** A chat of Ivy's that the customer opened 10 minutes ago with `opening`, assigned to her. */
  async function openChat(opening: string): Promise<string> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Casey') RETURNING id`, [world.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, assigned_at, created_at, next_seq) VALUES ($1, $2, $3, 'chat', 'assigned', $4, now(), now() - interval '10 minutes', 2) RETURNING id`,
      [world.clientId, world.inboxId, contact.id, ivy.id],
    );
    await ownerQuery(`INSERT INTO messages (client_id, ticket_id, seq, direction, body, created_at) VALUES ($1, $2, 1, 'inbound', $3, now() - interval '10 minutes')`, [world.clientId, ticket.id, opening]);
    return ticket.id;
  }
  const reply = (ticketId: string, body: string, token = ivyToken) => call('POST', `/api/tickets/${ticketId}/messages`, token, { clientMsgId: randomUUID(), kind: 'reply', body });
  const resultOf = async (ticketId: string) => (await ownerQuery<{ flags: string[]; score: string | null; checks: { rule: string; outcome: string; evidence: string[] }[] }>('SELECT flags, score, checks FROM autoqa_results WHERE ticket_id = $1', [ticketId]))[0];
  /**
   * The result AutoQA stores once it has heard of the resolution (the check follows the commit; the
   * sweep timer is an hour, so only the resolution's event can have started it). Waits for it, bounded.
   */
  async function awaitResult(ticketId: string) {
    for (let i = 0; i < 100; i++) {
      const found = await resultOf(ticketId);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no AutoQA result for ${ticketId}`);
  }

  beforeAll(async () => {
    // The sweep timer is long: the test sees the check that follows a resolution, not a sweep.
    t = await startTestApp({ QA_JOBS_TICK_MS: '3600000' });
    world = await createRoutingWorld('aqa');
    elsewhere = await createRoutingWorld('aqa-else');
    ivy = await world.agent('Ivy Agent');
    const omar = await world.agent('Omar Agent');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lena = (await login(t.url, world.lead.email)).accessToken;
    foreignLead = (await login(t.url, elsewhere.lead.email)).accessToken;
    ivyToken = (await login(t.url, ivy.email)).accessToken;
    omarToken = (await login(t.url, omar.email)).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  it('a chat the agent resolves is checked at once: she typed a card number (stored masked), answered late, never greeted nor closed, and the customer left angry — each with its evidence', async () => {
    flaggedTicket = await openChat('I was charged twice, this is ridiculous');
    expect((await reply(flaggedTicket, 'Is this your card 4111 1111 1111 1111?')).status).toBe(201);
    expect((await call('POST', `/api/tickets/${flaggedTicket}/status`, ivyToken, { status: 'resolved' })).status).toBe(200);
    const stored = await awaitResult(flaggedTicket);
    // The customer's only line came 10 minutes before the first reply: slow first response and a long silence.
    expect(stored.flags).toEqual(['missing_greeting', 'missing_closing', 'slow_first_response', 'card_data', 'negative_end', 'long_silence']);
    expect(Number(stored.score)).toBe(0);
    const evidence = Object.fromEntries(stored.checks.map((c) => [c.rule, c.evidence]));
    expect(evidence['card_data']).toEqual(['agent typed card data: "Is this your card **** **** **** 1111?"']);
    expect(evidence['negative_end']).toEqual(['last customer line "I was charged twice, this is ridiculous" is negative (ridiculous)']);
    expect(evidence['first_response'][0]).toMatch(/^first reply after (59\d|6\d\d) s \(target 300 s\)$/);
    // Stored apart from human scores: no evaluation was made.
    expect(await ownerQuery('SELECT 1 FROM evaluations WHERE ticket_id = $1', [flaggedTicket])).toEqual([]);
  });

  it('a resolution is checked once: afterwards the sweep finds nothing due (it used to find every resolved ticket again, for ever)', async () => {
    const ticketId = await openChat('Hello, where is my parcel?');
    expect((await call('POST', `/api/tickets/${ticketId}/status`, ivyToken, { status: 'resolved' })).status).toBe(200);
    await awaitResult(ticketId);
    const [{ checked_at: before }] = await ownerQuery<{ checked_at: Date }>('SELECT checked_at FROM autoqa_results WHERE ticket_id = $1', [ticketId]);
    // A run may still be going (the one that checked it): the next one is a sweep of its own.
    await t.app.get(AutoQaJob).kick();
    expect(await t.app.get(AutoQaJob).kick()).toBe(0);
    const [{ checked_at: after, same }] = await ownerQuery<{ checked_at: Date; same: boolean }>(
      'SELECT r.checked_at, r.resolved_at = t.resolved_at AS same FROM autoqa_results r JOIN tickets t ON t.id = r.ticket_id WHERE r.ticket_id = $1',
      [ticketId],
    );
    expect({ after, same }).toEqual({ after: before, same: true });
  });

  it('staff read results: leads of the client, the agent for her own ticket; other agents, other clients and client users are refused', async () => {
    const read = await call<AutoQaResultView>('GET', `/api/tickets/${flaggedTicket}/autoqa`, lena);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ticketId: flaggedTicket, clientId: world.clientId, agentId: ivy.id, channel: 'chat', score: 0 });
    expect((await call<AutoQaResultView>('GET', `/api/tickets/${flaggedTicket}/autoqa`, ivyToken)).body.flags).toContain('card_data');
    expect((await call('GET', `/api/tickets/${flaggedTicket}/autoqa`, omarToken)).status).toBe(404);
    expect((await call('GET', `/api/tickets/${flaggedTicket}/autoqa`, foreignLead)).status).toBe(404);
    const viewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await call('GET', `/api/tickets/${flaggedTicket}/autoqa`, viewer)).status).toBe(403);
    expect((await call('GET', '/api/tickets/nope/autoqa', lena)).status).toBe(400);

    const flagged = await call<Page<AutoQaResultView>>('GET', `/api/clients/${world.clientId}/autoqa?flag=card_data`, lena);
    expect(flagged.body.items.map((r) => r.ticketId)).toEqual([flaggedTicket]);
    // With the ticket's reference and the agent's name, for the lead's list of flags.
    const [{ reference }] = await ownerQuery<{ reference: string }>(`SELECT 'SB-' || number AS reference FROM tickets WHERE id = $1`, [flaggedTicket]);
    expect(flagged.body.items[0]).toMatchObject({ ticketReference: reference, agentName: ivy.name });
    // `any`: every result that carries a flag.
    expect((await call<Page<AutoQaResultView>>('GET', `/api/clients/${world.clientId}/autoqa?flag=any`, lena)).body.items.every((r) => r.flags.length > 0)).toBe(true);
    expect((await call<Page<AutoQaResultView>>('GET', `/api/clients/${world.clientId}/autoqa?flag=any`, lena)).body.items.map((r) => r.ticketId)).toContain(flaggedTicket);
    expect((await call<Page<AutoQaResultView>>('GET', `/api/clients/${world.clientId}/autoqa?flag=long_hold`, lena)).body.items).toEqual([]);
    const badFlag = await call('GET', `/api/clients/${world.clientId}/autoqa?flag=${encodeURIComponent('Drop Table')}`, lena);
    expect([badFlag.status, badFlag.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await call('GET', `/api/clients/${world.clientId}/autoqa`, foreignLead)).status).toBe(404);
    expect((await call('GET', `/api/clients/${world.clientId}/autoqa`, ivyToken)).status).toBe(403);
  });

  it("admins set the client's phrases and limits (audited; bad settings listed, nothing changed); the next resolution is checked with them", async () => {
    const defaults = await call<AutoQaSettings>('GET', `/api/clients/${world.clientId}/autoqa-settings`, lena);
    expect(defaults.body).toMatchObject({ firstResponseTargetSeconds: 300, requiredPhrases: [] });
    const mine: AutoQaSettings = { ...defaults.body, requiredPhrases: ['Globex Care'], firstResponseTargetSeconds: 900 };
    expect((await call('PUT', `/api/clients/${world.clientId}/autoqa-settings`, lena, mine)).status).toBe(403);
    expect((await call('PUT', `/api/clients/${world.clientId}/autoqa-settings`, foreignLead, mine)).status).toBe(403);
    for (const [body, field] of [
      [{ ...mine, maxHoldSeconds: -1 }, 'maxHoldSeconds'],
      [{ ...mine, greetingPhrases: [] }, 'greetingPhrases'],
      [{ ...mine, colour: 'red' }, 'colour'],
    ] as const) {
      const refused = await call('PUT', `/api/clients/${world.clientId}/autoqa-settings`, admin, body);
      expect([refused.status, refused.body.error.fields?.map((f) => f.field)]).toEqual([400, [field]]);
    }
    expect((await ownerQuery<{ s: unknown }>('SELECT autoqa_settings AS s FROM clients WHERE id = $1', [world.clientId]))[0].s).toBeNull();
    const saved = await call<AutoQaSettings>('PUT', `/api/clients/${world.clientId}/autoqa-settings`, admin, mine);
    expect(saved.status).toBe(200);
    expect(await ownerQuery(`SELECT 1 FROM audit_log WHERE action = 'autoqa.settings_changed' AND client_id = $1`, [world.clientId])).toHaveLength(1);

    const good = await openChat('Hi, where is my parcel?');
    expect((await reply(good, 'Hello Casey, welcome to Globex Care! It arrives today. Anything else?')).status).toBe(201);
    await ownerQuery(`INSERT INTO messages (client_id, ticket_id, seq, direction, body) VALUES ($1, $2, 3, 'inbound', 'No, thanks a lot!')`, [world.clientId, good]);
    await ownerQuery(`UPDATE tickets SET next_seq = 4 WHERE id = $1`, [good]);
    expect((await call('POST', `/api/tickets/${good}/status`, ivyToken, { status: 'resolved' })).status).toBe(200);
    const stored = await awaitResult(good);
    // Answered 10 minutes after the customer wrote: within the 900 s target now, but still a long chat silence.
    expect(stored.flags).toEqual(['long_silence']);
    expect(Object.fromEntries(stored.checks.map((c) => [c.rule, c.outcome]))).toMatchObject({ greeting: 'pass', closing: 'pass', first_response: 'pass', required_phrases: 'pass', negative_end: 'pass' });
  });

  it('AutoQA flags feed targeted sampling: a policy targeting card_data puts flagged tickets the random stream did not take in the targeted stream', async () => {
    // A second flagged chat of Ivy's: with one random seat (0.1 % rounds up to 1), at least one flagged ticket is left for the targeted stream.
    const another = await openChat('Hi');
    expect((await reply(another, 'Hello! Please type your card number 5555 5555 5555 4444 here.')).status).toBe(201);
    expect((await call('POST', `/api/tickets/${another}/status`, ivyToken, { status: 'resolved' })).status).toBe(200);
    expect((await awaitResult(another)).flags).toContain('card_data');
    const card = { name: 'AutoQA card', sections: [{ key: 'a', title: 'A', weight: 1, questions: [{ key: 'q', text: 'Q', scale: 'binary', allowNa: false, critical: false, guidance: '' }] }] };
    expect((await call('POST', `/api/clients/${world.clientId}/scorecards`, admin, card)).status).toBe(201);
    const policy = await call<SamplingPolicyView>('POST', `/api/clients/${world.clientId}/sampling-policies`, admin, {
      name: 'Risky chats',
      queueId: null,
      period: 'day',
      // The smallest random quota: 0.1 % of Ivy's 3 tickets rounds up to one.
      quota: { kind: 'percent', percent: 0.1, minimum: 0 },
      stratifyByChannel: false,
      capPerAgent: null,
      targeted: [{ id: 'pci', kind: 'autoqa_flag', flags: ['card_data'] }],
    });
    expect(policy.status).toBe(201);
    const draw = await call<SamplingDrawView>('POST', `/api/sampling-policies/${policy.body.id}/draws`, lena, { date: new Date().toISOString().slice(0, 10) });
    expect(draw.status).toBe(201);
    const drawn = await ownerQuery<{ ticket_id: string; stream: string; targeted_rule_ids: string[] }>('SELECT ticket_id, stream, targeted_rule_ids FROM evaluations WHERE sampling_draw_id = $1', [draw.body.id]);
    const targeted = drawn.filter((e) => e.stream === 'targeted');
    expect(drawn.filter((e) => e.stream === 'random')).toHaveLength(1);
    expect(targeted.length).toBeGreaterThanOrEqual(1);
    // Only flagged tickets are targeted, by the rule that matched; no ticket is drawn twice.
    for (const e of targeted) expect([[flaggedTicket, another].includes(e.ticket_id), e.targeted_rule_ids]).toEqual([true, ['pci']]);
    expect(new Set(drawn.map((e) => e.ticket_id)).size).toBe(drawn.length);
    expect(drawn.filter((e) => [flaggedTicket, another].includes(e.ticket_id))).toHaveLength(2);
  });
});
