import type { Ack, AgentPresence, ErrorResponse, InboxRouting, OfferClosed, OfferRecord, OfferView, Page, QueueView, TicketAssigned, TransferTargets } from '@switchboard/shared-contracts';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld } from '../testing/routing-world';
import { acked, emitAck, nextEvent, record } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/** The router on one node: queues, eligibility, offers, timeouts, capacity, transfers, traces. */
describe('routing: the right ticket to the right agent, once', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let node: ReturnType<typeof nodeClient>;
  let admin: string;
  let general: QueueView;
  let spanish: QueueView;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ ROUTING_ENABLED: 'true', ROUTING_TICK_MS: '100', ROUTING_MAX_MISSED_OFFERS: '2' });
    node = nodeClient(t.url, sockets);
    world = await createRoutingWorld('one');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    general = await node.queue(admin, world.clientId, { name: 'General', channels: ['chat'], requiredSkills: [{ skill: 'chat_support', minProficiency: 2 }] });
    spanish = await node.queue(admin, world.clientId, { name: 'Español', channels: ['chat'], language: 'es' });
    await node.route(admin, world.inboxId, { defaultQueueId: general.id, rules: [{ queueId: spanish.id, language: 'es' }] });
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await world.closeAll();
    // Nobody stays ready for the next test: it brings its own agents online.
    await ownerQuery(`UPDATE agent_profiles SET state = 'offline', state_reason = NULL, disconnected_at = now(), missed_offers = 0 WHERE user_id IN (SELECT user_id FROM staff_clients WHERE client_id = $1)`, [world.clientId]);
  });
  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  const offerTo = (socket: Socket, ticketId: string, timeoutMs = 5_000) => nextEvent<OfferView>(socket, 'ticket.offered', (o) => o.ticketId === ticketId, timeoutMs);
  const accept = (socket: Socket, offerId: string) => emitAck<TicketAssigned>(socket, 'offer.accept', { offerId });

  it('lands a chat in the queue its inbox rules choose and offers it to the best-skilled available agent, with a trace the lead reads', async () => {
    const ana = await node.online(await world.agent('Ana Best', { skills: { chat_support: 5 } }));
    const ben = await node.online(await world.agent('Ben Good', { skills: { chat_support: 3 } }));
    const carla = await node.online(await world.agent('Carla Bilingual', { skills: { chat_support: 4 }, languages: ['en', 'es'] }));
    const dan = await node.online(await world.agent('Dan Unskilled', { skills: { rt_billing: 5 } }));
    await node.online(await world.agent('Eve Away', { skills: { chat_support: 5 } }), { state: 'away', reason: 'lunch' });
    const otherOffers = [ben, carla, dan].map((a) => record<OfferView>(a.socket, 'ticket.offered'));

    const english = await node.chat(world.widgetKey, 'Hello, I need help with my account please');
    const offer = await offerTo(ana.socket, english.ticketId);
    expect(offer).toMatchObject({ ticketId: english.ticketId, queueName: 'General', channel: 'chat', status: 'pending', timeoutSeconds: 30, ticket: { id: english.ticketId, status: 'queued' } });
    expect(new Date(offer.expiresAt).getTime() - Date.now()).toBeGreaterThan(20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(otherOffers.flat()).toEqual([]);

    const leadToken = (await login(t.url, world.lead.email)).accessToken;
    const history = await http<OfferRecord[]>(t.url, 'GET', `/api/tickets/${english.ticketId}/routing`, { token: leadToken });
    expect(history.status).toBe(200);
    const trace = history.body[0].trace;
    expect(trace).toMatchObject({ queueName: 'General', ring: 0, chosenAgentId: ana.id, decidedBy: 'skill_fit', unavailableCount: 1 });
    const byName = Object.fromEntries(trace.candidates.map((c) => [c.name, c]));
    expect(byName['Ana Best']).toMatchObject({ eligible: true, rank: 1, skillFit: 5 });
    expect(byName['Carla Bilingual']).toMatchObject({ eligible: true, rank: 2 });
    expect(byName['Ben Good']).toMatchObject({ eligible: true, rank: 3 });
    expect(byName['Dan Unskilled']).toMatchObject({ eligible: false, rank: null, excluded: [{ reason: 'missing_skill', detail: 'chat_support≥2' }] });
    // Agents do not read traces; a lead of another client does not even see the ticket.
    expect((await http(t.url, 'GET', `/api/tickets/${english.ticketId}/routing`, { token: ana.token })).status).toBe(403);
    const foreignLead = await createRoutingWorld('foreign');
    expect((await http(t.url, 'GET', `/api/tickets/${english.ticketId}/routing`, { token: (await login(t.url, foreignLead.lead.email)).accessToken })).status).toBe(404);

    const spanishChat = await node.chat(world.widgetKey, 'Hola, necesito ayuda con mi cuenta y con la factura de este mes, por favor');
    const spanishOffer = await offerTo(carla.socket, spanishChat.ticketId);
    expect(spanishOffer.queueName).toBe('Español');
  });

  it('routes on skills and client assignments as they are now, though the node already knows the agent (any change moves the agent’s routing version)', async () => {
    const ivy = await node.online(await world.agent('Ivy Learner', { skills: { rt_billing: 5 } }));
    const first = await node.chat(world.widgetKey, 'Hello, I would like to change my delivery address');
    // Ivy lacks chat_support: the rounds (which now know her) leave the ticket waiting.
    await new Promise((r) => setTimeout(r, 400));
    expect((await ownerQuery<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [first.ticketId]))[0].status).toBe('queued');

    await ownerQuery(`INSERT INTO agent_skills (user_id, skill_id, proficiency) SELECT $1, id, 4 FROM skills WHERE key = 'chat_support'`, [ivy.id]);
    const offer = await offerTo(ivy.socket, first.ticketId);
    const [trace] = (await ownerQuery<{ trace: { candidates: { name: string; skillFit: number }[] } }>('SELECT trace FROM offers WHERE id = $1', [offer.id])).map((r) => r.trace);
    expect(trace.candidates.find((c) => c.name === 'Ivy Learner')?.skillFit).toBe(4);

    // Taken off the client: she is no longer offered its tickets.
    await ownerQuery('DELETE FROM staff_clients WHERE user_id = $1 AND client_id = $2', [ivy.id, world.clientId]);
    const offers = record<OfferView>(ivy.socket, 'ticket.offered');
    await node.chat(world.widgetKey, 'Good morning, where is my refund for the last order');
    await new Promise((r) => setTimeout(r, 500));
    expect(offers).toEqual([]);
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [ivy.id, world.clientId]);
  });

  it('gives a rejected ticket to the next agent, never back to the one who rejected it; accepting assigns it', async () => {
    const ana = await node.online(await world.agent('Ana Reject', { skills: { chat_support: 5 } }));
    const ben = await node.online(await world.agent('Ben Accept', { skills: { chat_support: 3 } }));
    const anaOffers = record<OfferView>(ana.socket, 'ticket.offered');
    const chat = await node.chat(world.widgetKey, 'Hello there, my parcel never arrived');
    const first = await offerTo(ana.socket, chat.ticketId);

    const toBen = offerTo(ben.socket, chat.ticketId);
    acked(await emitAck(ana.socket, 'offer.reject', { offerId: first.id, reason: 'on a difficult call' }));
    const second = await toBen;
    const assignedSeen = nextEvent<TicketAssigned>(ben.socket, 'ticket.assigned', (a) => a.ticketId === chat.ticketId);
    expect(acked(await accept(ben.socket, second.id))).toMatchObject({ ticketId: chat.ticketId, agentId: ben.id, via: 'offer' });
    await assignedSeen;

    const [ticket] = await ownerQuery<{ status: string; assignee_id: string; answered_at: Date | null }>('SELECT status, assignee_id, answered_at FROM tickets WHERE id = $1', [chat.ticketId]);
    expect(ticket).toMatchObject({ status: 'assigned', assignee_id: ben.id });
    expect(ticket.answered_at).not.toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(anaOffers.filter((o) => o.ticketId === chat.ticketId)).toHaveLength(1);
    const events = await ownerQuery<{ type: string }>(`SELECT type FROM ticket_events WHERE ticket_id = $1 AND type IN ('offered', 'offer_rejected', 'accepted', 'assigned') ORDER BY id`, [chat.ticketId]);
    expect(events.map((e) => e.type)).toEqual(['offered', 'offer_rejected', 'offered', 'accepted', 'assigned']);
  });

  it('times out an unanswered offer and sets an agent who lets two in a row time out away, not responding', async () => {
    const ben = await node.online(await world.agent('Ben Sleepy', { skills: { chat_support: 3 } }));
    const closed = record<OfferClosed>(ben.socket, 'offer.closed');
    const away = nextEvent<AgentPresence>(ben.socket, 'agent.status_changed', (p) => p.userId === ben.id && p.state === 'away', 10_000);

    for (const body of ['First question about my order', 'Second question about my invoice']) {
      const chat = await node.chat(world.widgetKey, body);
      const offer = await offerTo(ben.socket, chat.ticketId);
      await ownerQuery(`UPDATE offers SET expires_at = now() WHERE id = $1`, [offer.id]); // as if 30 s went by
      await nextEvent<OfferClosed>(ben.socket, 'offer.closed', (c) => c.offerId === offer.id);
      const late = await accept(ben.socket, offer.id);
      expect(late).toMatchObject({ ok: false, error: { code: 'OFFER_EXPIRED' } });
    }
    expect(closed.map((c) => c.status)).toEqual(['timed_out', 'timed_out']);
    expect(await away).toMatchObject({ state: 'away', reason: 'not_responding' });
    const open = await ownerQuery(`SELECT 1 FROM tickets WHERE client_id = $1 AND status = 'queued' AND assignee_id IS NULL`, [world.clientId]);
    expect(open).toHaveLength(2); // both still waiting, at their place in line
  });

  it('refuses to accept someone else’s, a rescinded or a malformed offer, and assigns nothing', async () => {
    const ana = await node.online(await world.agent('Ana Owner', { skills: { chat_support: 5 } }));
    const ben = await node.online(await world.agent('Ben Thief', { skills: { chat_support: 1 } }));
    const chat = await node.chat(world.widgetKey, 'Hello, question about my delivery');
    const offer = await offerTo(ana.socket, chat.ticketId);

    expect(await accept(ben.socket, offer.id)).toMatchObject({ ok: false, error: { code: 'OFFER_NOT_YOURS' } });
    expect(await accept(ben.socket, 'not-a-uuid')).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const viaHttp = await http<ErrorResponse>(t.url, 'POST', `/api/offers/${offer.id}/accept`, { token: ben.token });
    expect([viaHttp.status, viaHttp.body.error.code]).toEqual([403, 'OFFER_NOT_YOURS']);

    // A lead gives the ticket to Ben by hand: Ana's offer is withdrawn.
    const leadToken = (await login(t.url, world.lead.email)).accessToken;
    const closed = nextEvent<OfferClosed>(ana.socket, 'offer.closed', (c) => c.offerId === offer.id);
    expect((await http(t.url, 'POST', `/api/tickets/${chat.ticketId}/assign`, { token: leadToken, body: { agentId: ben.id } })).status).toBe(200);
    expect(await closed).toMatchObject({ status: 'rescinded' });
    expect(await accept(ana.socket, offer.id)).toMatchObject({ ok: false, error: { code: 'OFFER_CLOSED' } });
    const [ticket] = await ownerQuery<{ assignee_id: string }>('SELECT assignee_id FROM tickets WHERE id = $1', [chat.ticketId]);
    expect(ticket.assignee_id).toBe(ben.id);
  });

  it('never lets parallel accepts put an agent over capacity', async () => {
    const ana = await node.online(await world.agent('Ana Busy', { skills: { chat_support: 5 }, capacity: { voice: 1, chat: 3, email: 5, social: 3 } }));
    const offers: OfferView[] = [];
    for (const body of ['One: a question', 'Two: another question', 'Three: a third question']) {
      const chat = await node.chat(world.widgetKey, body);
      offers.push(await offerTo(ana.socket, chat.ticketId));
    }
    // Capacity is lowered while the three offers are open (an admin edits the profile).
    await ownerQuery(`UPDATE agent_profiles SET capacity = '{"voice": 1, "chat": 1, "email": 5, "social": 3}' WHERE user_id = $1`, [ana.id]);
    const answers = await Promise.all(offers.map((o) => accept(ana.socket, o.id)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a): a is Extract<Ack<unknown>, { ok: false }> => !a.ok).map((a) => a.error.code)).toEqual(['AGENT_AT_CAPACITY', 'AGENT_AT_CAPACITY']);
    const held = await ownerQuery(`SELECT 1 FROM tickets WHERE assignee_id = $1 AND status = 'assigned'`, [ana.id]);
    expect(held).toHaveLength(1);
  });

  it('reopens a pending ticket to the same agent when the customer answers', async () => {
    const ana = await node.online(await world.agent('Ana Pending', { skills: { chat_support: 5 } }));
    const chat = await node.chat(world.widgetKey, 'Hi, I will send the photos later');
    acked(await accept(ana.socket, (await offerTo(ana.socket, chat.ticketId)).id));
    expect((await http(t.url, 'POST', `/api/tickets/${chat.ticketId}/status`, { token: ana.token, body: { status: 'pending' } })).status).toBe(200);

    await node.chat(world.widgetKey, 'Here are the photos', chat.visitorToken);
    const [ticket] = await ownerQuery<{ status: string; assignee_id: string }>('SELECT status, assignee_id FROM tickets WHERE id = $1', [chat.ticketId]);
    expect(ticket).toEqual({ status: 'assigned', assignee_id: ana.id });
    expect(await ownerQuery(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'reopened'`, [chat.ticketId])).toHaveLength(1);
  });

  it('auto-accepts email for a queue that asks for it, and returns unanswered email to the queue after its limit', async () => {
    const email = await node.queue(admin, world.clientId, { name: 'Email', channels: ['email'], autoAcceptChannels: ['email'], returnAfterSeconds: 60, requiredSkills: [{ skill: 'email_support', minProficiency: 1 }] });
    const eli = await node.online(await world.agent('Eli Email', { skills: { email_support: 4 } }));
    const fay = await node.online(await world.agent('Fay Email', { skills: { email_support: 2 } }));
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name, email) VALUES ($1, 'Mail Customer', 'mail@example.com') RETURNING id`, [world.clientId]);
    const [emailInbox] = await ownerQuery<{ id: string }>(`INSERT INTO inboxes (client_id, channel, name, address) VALUES ($1, 'email', 'Mail', $2) RETURNING id`, [world.clientId, `mail-${world.clientId}@example.test`]);
    const assigned = nextEvent<TicketAssigned>(eli.socket, 'ticket.assigned', () => true, 5_000);
    const [ticket] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, queue_id, queued_at, subject) VALUES ($1, $2, $3, 'email', 'queued', $4, now(), 'Invoice') RETURNING id`,
      [world.clientId, emailInbox.id, contact.id, email.id],
    );
    expect(await assigned).toMatchObject({ ticketId: ticket.id, agentId: eli.id, via: 'auto_accept' });

    // An hour later, still no reply from Eli: it goes back in line, and to Fay rather than Eli.
    const toFay = nextEvent<TicketAssigned>(fay.socket, 'ticket.assigned', (a) => a.ticketId === ticket.id, 5_000);
    await ownerQuery(`UPDATE tickets SET assigned_at = now() - interval '61 seconds' WHERE id = $1`, [ticket.id]);
    expect(await toFay).toMatchObject({ agentId: fay.id, via: 'auto_accept' });
    const returned = await ownerQuery<{ data: { agentId: string } }>(`SELECT data FROM ticket_events WHERE ticket_id = $1 AND type = 'returned'`, [ticket.id]);
    expect(returned.map((r) => r.data.agentId)).toEqual([eli.id]);
  });

  it('transfers: cold to one agent offers it to that agent only; warm to a queue keeps it with the agent until a colleague accepts', async () => {
    const ana = await node.online(await world.agent('Ana Transfer', { skills: { chat_support: 5 } }));
    const ben = await node.online(await world.agent('Ben Target', { skills: { chat_support: 2 } }));
    const carla = await node.online(await world.agent('Carla Spanish', { skills: { chat_support: 4 }, languages: ['en', 'es'] }));
    const chat = await node.chat(world.widgetKey, 'Hello, I have a billing question');
    acked(await accept(ana.socket, (await offerTo(ana.socket, chat.ticketId)).id));

    // What Ana may transfer it to: the client's other chat queue, its agents (ready first, not her), teams with one of them.
    const [{ id: teamId }] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Transfer team ${world.clientId}`]);
    const [{ id: anaOnlyTeamId }] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Ana alone ${world.clientId}`]);
    await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, 'member'), ($3, $4, 'member')`, [teamId, ben.id, anaOnlyTeamId, ana.id]);
    try {
      const targets = await http<TransferTargets>(t.url, 'GET', `/api/tickets/${chat.ticketId}/transfer-targets`, { token: ana.token });
      expect(targets.status).toBe(200);
      expect(targets.body.queues.map((q) => q.name)).toEqual(['Español']);
      const names = targets.body.agents.map((a) => a.name);
      expect(names.slice(0, 2).sort()).toEqual(['Ben Target', 'Carla Spanish']);
      expect(names).not.toContain('Ana Transfer');
      expect(targets.body.agents.find((a) => a.name === 'Ben Target')).toMatchObject({ state: 'available', connected: true, teamName: `Transfer team ${world.clientId}` });
      expect(targets.body.teams).toEqual([{ id: teamId, name: `Transfer team ${world.clientId}`, agentCount: 1 }]);
      const alone = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${chat.ticketId}/transfer`, { token: ana.token, body: { target: { kind: 'team', teamId: anaOnlyTeamId }, mode: 'cold' } });
      expect([alone.status, alone.body.error.fields?.[0].field]).toEqual([400, 'target.teamId']);
      // Only its agent or a lead asks; a lead of another client does not see the ticket.
      expect((await http(t.url, 'GET', `/api/tickets/${chat.ticketId}/transfer-targets`, { token: ben.token })).status).toBe(403);
      const elsewhere = await createRoutingWorld('targets-foreign');
      expect((await http(t.url, 'GET', `/api/tickets/${chat.ticketId}/transfer-targets`, { token: (await login(t.url, elsewhere.lead.email)).accessToken })).status).toBe(404);
    } finally {
      await ownerQuery('DELETE FROM teams WHERE id = ANY ($1)', [[teamId, anaOnlyTeamId]]);
    }

    const cold = offerTo(ben.socket, chat.ticketId);
    const carlaOffers = record<OfferView>(carla.socket, 'ticket.offered');
    const moved = await http(t.url, 'POST', `/api/tickets/${chat.ticketId}/transfer`, { token: ana.token, body: { target: { kind: 'agent', agentId: ben.id }, mode: 'cold', note: 'Billing, Ben knows the account' } });
    expect(moved.status).toBe(200);
    const offer = await cold;
    expect(offer.transfer).toEqual({ warm: false, note: 'Billing, Ben knows the account', fromAgentName: 'Ana Transfer' });
    acked(await accept(ben.socket, offer.id));
    expect(carlaOffers).toEqual([]);

    // Warm to the Spanish queue: Ben keeps it until Carla accepts.
    const warm = offerTo(carla.socket, chat.ticketId);
    expect((await http(t.url, 'POST', `/api/tickets/${chat.ticketId}/transfer`, { token: ben.token, body: { target: { kind: 'queue', queueId: spanish.id }, mode: 'warm' } })).status).toBe(200);
    const warmOffer = await warm;
    const [during] = await ownerQuery<{ assignee_id: string; status: string }>('SELECT assignee_id, status FROM tickets WHERE id = $1', [chat.ticketId]);
    expect(during).toEqual({ assignee_id: ben.id, status: 'assigned' });
    acked(await accept(carla.socket, warmOffer.id));
    const [after] = await ownerQuery<{ assignee_id: string; transfer: unknown; queue_id: string }>('SELECT assignee_id, transfer, queue_id FROM tickets WHERE id = $1', [chat.ticketId]);
    expect(after).toEqual({ assignee_id: carla.id, transfer: null, queue_id: spanish.id });
    const transferred = await ownerQuery(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'transferred'`, [chat.ticketId]);
    expect(transferred).toHaveLength(2);

    // Not to another client's queue, and not by an agent who does not have the ticket.
    const foreign = await createRoutingWorld('foreign-queue');
    const foreignQueue = await node.queue(admin, foreign.clientId, { name: 'Theirs', channels: ['chat'] });
    const refused = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${chat.ticketId}/transfer`, { token: carla.token, body: { target: { kind: 'queue', queueId: foreignQueue.id }, mode: 'cold' } });
    expect([refused.status, refused.body.error.fields?.[0].field]).toEqual([400, 'target.queueId']);
    const notHers = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${chat.ticketId}/transfer`, { token: ana.token, body: { target: { kind: 'agent', agentId: ben.id }, mode: 'cold' } });
    expect(notHers.status).toBe(403);
  });

  it('flags a queue nobody can serve, answers bad settings with field errors, and lets only admins change queues', async () => {
    const dead = await node.queue(admin, world.clientId, { name: 'Nobody speaks it', channels: ['chat'], language: 'de', requiredSkills: [{ skill: 'email_support', minProficiency: 5 }] });
    expect(dead.problems.map((p) => p.code).sort()).toEqual(['no_language', 'no_skills']);
    const fixed = await http<QueueView>(t.url, 'PATCH', `/api/queues/${dead.id}`, { token: admin, body: { language: null, requiredSkills: [] } });
    expect([fixed.status, fixed.body.problems]).toEqual([200, []]);

    const bad = await http<ErrorResponse>(t.url, 'POST', `/api/clients/${world.clientId}/queues`, {
      token: admin,
      body: { name: 'Bad', channels: ['fax'], ordering: { priorityWeight: 1, waitWeight: 0, slaWeight: 1 }, offerTimeouts: { voice: 1, chat: 30, email: 120, social: 60 }, clientId: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields?.map((f) => f.field).sort()).toEqual(['channels', 'clientId', 'offerTimeouts.voice', 'ordering.waitWeight']);
    expect(await ownerQuery(`SELECT 1 FROM queues WHERE client_id = $1 AND name = 'Bad'`, [world.clientId])).toEqual([]);

    const leadToken = (await login(t.url, world.lead.email)).accessToken;
    expect((await http(t.url, 'PATCH', `/api/queues/${dead.id}`, { token: leadToken, body: { priority: 1 } })).status).toBe(403);
    expect((await http(t.url, 'GET', `/api/queues?clientId=${world.clientId}`, { token: leadToken })).status).toBe(200);
    const foreign = await createRoutingWorld('foreign-read');
    const foreignLead = (await login(t.url, foreign.lead.email)).accessToken;
    // A foreign client is not there, as on /api/clients/:id (not an empty list that confirms nothing).
    const peek = await http<ErrorResponse>(t.url, 'GET', `/api/queues?clientId=${world.clientId}`, { token: foreignLead });
    expect([peek.status, peek.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await http(t.url, 'PATCH', `/api/queues/${dead.id}`, { token: admin, body: { name: 'General' } })).status).toBe(400);
  });

  it('keeps inbox rules, agent loads and rejects to the right caller and the right client', async () => {
    const ana = await node.online(await world.agent('Ana Guard', { skills: { chat_support: 5 } }));
    const ben = await node.online(await world.agent('Ben Guard', { skills: { chat_support: 1 } }));
    const leadToken = (await login(t.url, world.lead.email)).accessToken;
    const foreign = await createRoutingWorld('foreign-rules');
    const theirs = await node.queue(admin, foreign.clientId, { name: 'Theirs', channels: ['chat'] });

    const foreignRule = await http<ErrorResponse>(t.url, 'PUT', `/api/inboxes/${world.inboxId}/routing`, { token: admin, body: { defaultQueueId: general.id, rules: [{ queueId: theirs.id }] } });
    expect([foreignRule.status, foreignRule.body.error.fields?.[0].field]).toEqual([400, 'rules[0].queueId']);
    expect((await http(t.url, 'PUT', `/api/inboxes/${world.inboxId}/routing`, { token: leadToken, body: { defaultQueueId: general.id } })).status).toBe(403);
    const [{ routing }] = await ownerQuery<{ routing: { defaultQueueId: string } }>('SELECT routing FROM inboxes WHERE id = $1', [world.inboxId]);
    expect(routing.defaultQueueId).toBe(general.id);
    // Admins read the routing as it is before they change it; leads do not, nor anyone an unknown inbox.
    const read = await http<InboxRouting>(t.url, 'GET', `/api/inboxes/${world.inboxId}/routing`, { token: admin });
    expect(read.body).toEqual({ defaultQueueId: general.id, rules: [{ queueId: spanish.id, language: 'es' }] });
    expect((await http(t.url, 'GET', `/api/inboxes/${world.inboxId}/routing`, { token: leadToken })).status).toBe(403);
    expect((await http(t.url, 'GET', `/api/inboxes/${foreign.clientId}/routing`, { token: admin })).status).toBe(404);
    expect((await http(t.url, 'GET', '/api/inboxes/not-an-id/routing', { token: admin })).status).toBe(400);

    expect((await http(t.url, 'GET', `/api/routing/agent-loads?agentId=${ana.id}`, { token: ana.token })).status).toBe(403);
    expect((await http(t.url, 'GET', '/api/routing/agent-loads?agentId=nope', { token: leadToken })).status).toBe(400);
    // A lead hears of the agents of the teams they lead, and of nobody else: another agent is not there.
    expect((await http(t.url, 'GET', `/api/routing/agent-loads?agentId=${ana.id}`, { token: leadToken })).status).toBe(404);
    const [team] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Loads team ${Date.now()}`]);
    await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, 'lead'), ($1, $3, 'member')`, [team.id, world.lead.id, ana.id]);
    const loads = await http<{ userId: string; occupancy: number }[]>(t.url, 'GET', `/api/routing/agent-loads?agentId=${ana.id}`, { token: leadToken });
    expect(loads.body).toEqual([expect.objectContaining({ userId: ana.id, occupancy: 0 })]);
    const otherLead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    expect((await http(t.url, 'GET', `/api/routing/agent-loads?agentId=${ana.id}`, { token: otherLead })).status).toBe(404);
    expect((await http(t.url, 'GET', `/api/routing/agent-loads?agentId=${ana.id}&agentId=${ben.id}`, { token: leadToken })).status).toBe(404);
    await ownerQuery('DELETE FROM teams WHERE id = $1', [team.id]);

    const chat = await node.chat(world.widgetKey, 'Hello, a question about my delivery date');
    const offer = await offerTo(ana.socket, chat.ticketId);
    expect(await emitAck(ben.socket, 'offer.reject', { offerId: offer.id })).toMatchObject({ ok: false, error: { code: 'OFFER_NOT_YOURS' } });
    expect(await emitAck(ben.socket, 'offer.reject', { offerId: offer.id, reason: 'x'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const [still] = await ownerQuery<{ status: string }>('SELECT status FROM offers WHERE id = $1', [offer.id]);
    expect(still.status).toBe('pending');
  });

  it('pushes queue numbers to the leads of the client', async () => {
    const leadToken = (await login(t.url, world.lead.email)).accessToken;
    const stats = await http<Page<{ queueId: string; waiting: number }>>(t.url, 'GET', '/api/queues/stats', { token: leadToken });
    expect(stats.status).toBe(200);
    const socket = io(`${t.url}/agent`, { auth: { token: leadToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const pushed = nextEvent<{ queueId: string; waiting: number; name: string }[]>(socket, 'queue.stats', (s) => s.some((q) => q.queueId === general.id && q.waiting >= 1), 5_000);
    await new Promise<void>((r) => socket.once('connect', () => r()));
    await node.chat(world.widgetKey, 'Is anyone there? A question about my plan');
    const numbers = await pushed;
    expect(numbers.find((q) => q.queueId === general.id)).toMatchObject({ name: 'General', waiting: 1 });
  });
});
