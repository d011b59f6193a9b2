import type { AgentServerEvents, AgentStatusChanged, Colleague, ErrorResponse, MessageView, WhisperView } from '@switchboard/shared-contracts';
import type { Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { nextEvent, record } from '../testing/socket-events';
import { http, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * What a lead does from the board: set an agent's state and whisper to them. Only to the agents of
 * the teams they lead, and a whisper names only a ticket the agent may see.
 */
describe('a lead supervising their agents', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let elsewhere: RoutingWorld;
  const sockets: Socket[] = [];
  let node: ReturnType<typeof nodeClient>;
  let lead: string;
  let ivy: WorldAgent & { token: string; socket: Socket<AgentServerEvents> };
  let omar: WorldAgent & { token: string; socket: Socket<AgentServerEvents> };
  let zed: WorldAgent;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestApp();
    node = nodeClient(t.url, sockets);
    world = await createRoutingWorld('supervise');
    elsewhere = await createRoutingWorld('elsewhere');
    const ivyAgent = await world.agent('Ivy Team');
    const omarAgent = await world.agent('Omar Noteam');
    zed = await elsewhere.agent('Zed Elsewhere');
    // Lena leads a team of Ivy and Zed (who serves another client); Omar is in no team she leads.
    [{ id: teamId }] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Spec team ${world.clientId}`]);
    await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, 'lead'), ($1, $3, 'member'), ($1, $4, 'member')`, [teamId, world.lead.id, ivyAgent.id, zed.id]);
    lead = await node.signIn(world.lead);
    ivy = await node.online(ivyAgent);
    omar = await node.online(omarAgent);
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await ownerQuery('DELETE FROM teams WHERE id = $1', [teamId]);
    await world.closeAll();
    await elsewhere.closeAll();
    await t.close();
    await destroyRoutingWorlds();
  });

  const stateOf = async (userId: string) => (await ownerQuery<{ state: string; state_reason: string | null }>('SELECT state, state_reason FROM agent_profiles WHERE user_id = $1', [userId]))[0];

  it('sets an agent of their team away; the agent hears who did, and the history keeps it', async () => {
    const heard = nextEvent<AgentStatusChanged>(ivy.socket, 'agent.status_changed', (e) => e.state === 'away');
    const set = await http(t.url, 'PUT', `/api/presence/agents/${ivy.id}`, { token: lead, body: { state: 'away', reason: 'meeting' } });
    expect(set.status).toBe(200);
    expect(await heard).toMatchObject({ userId: ivy.id, state: 'away', reason: 'meeting', setBy: 'Lena Lead' });
    const [history] = await ownerQuery<{ changed_by: string }>('SELECT changed_by FROM agent_state_history WHERE user_id = $1 AND ended_at IS NULL', [ivy.id]);
    expect(history.changed_by).toBe(world.lead.id);

    // Her own change says nobody set it for her.
    const own = nextEvent<AgentStatusChanged>(ivy.socket, 'agent.status_changed', (e) => e.state === 'available');
    expect((await http(t.url, 'PUT', '/api/presence/me', { token: ivy.token, body: { state: 'available' } })).status).toBe(200);
    expect((await own).setBy).toBeNull();
  });

  it('cannot set the state of an agent outside their teams, nor can an agent; bad states change nothing', async () => {
    const refusals: [string, string, unknown, number][] = [
      [lead, `/api/presence/agents/${omar.id}`, { state: 'away', reason: 'break' }, 404],
      [ivy.token, `/api/presence/agents/${omar.id}`, { state: 'away', reason: 'break' }, 403],
      [lead, `/api/presence/agents/${ivy.id}`, { state: 'asleep' }, 400],
      [lead, `/api/presence/agents/${ivy.id}`, { state: 'away' }, 400],
      [lead, `/api/presence/agents/${ivy.id}`, { state: 'away', reason: 'not_responding' }, 400],
      [lead, '/api/presence/agents/not-a-uuid', { state: 'away', reason: 'break' }, 400],
    ];
    for (const [token, path, body, status] of refusals) {
      const refused = await http<ErrorResponse>(t.url, 'PUT', path, { token, body });
      expect([path, body, refused.status]).toEqual([path, body, status]);
    }
    expect(await stateOf(omar.id)).toEqual({ state: 'available', state_reason: null });
    expect(await stateOf(ivy.id)).toEqual({ state: 'available', state_reason: null });
  });

  it('whispers to an agent about a ticket: the agent hears it live, reads it later and marks it read', async () => {
    const chat = await node.chat(world.widgetKey, 'Hello, my parcel arrived damaged');
    const [{ reference }] = await ownerQuery<{ reference: string }>("SELECT 'SB-' || number AS reference FROM tickets WHERE id = $1", [chat.ticketId]);
    const heard = nextEvent<WhisperView>(ivy.socket, 'whisper.received');
    const othersHear = record<WhisperView>(omar.socket, 'whisper.received');
    const sent = await http<WhisperView>(t.url, 'POST', `/api/presence/agents/${ivy.id}/whispers`, {
      token: lead,
      body: { body: 'Offer the replacement; the card 4111 1111 1111 1111 is not needed', ticketId: chat.ticketId },
    });
    expect(sent.status).toBe(201);
    const whisper = await heard;
    expect(whisper).toMatchObject({ fromName: 'Lena Lead', toUserId: ivy.id, ticketId: chat.ticketId, ticketReference: reference, clientId: world.clientId, readAt: null });
    expect(whisper.body).not.toContain('4111 1111 1111 1111');
    expect(whisper.body).toContain('Offer the replacement');

    const mine = await http<WhisperView[]>(t.url, 'GET', '/api/presence/whispers', { token: ivy.token });
    expect(mine.body.map((w) => w.id)).toEqual([whisper.id]);
    expect((await http<WhisperView[]>(t.url, 'GET', '/api/presence/whispers', { token: omar.token })).body).toEqual([]);
    // Someone else cannot mark it read; its agent can, once.
    expect((await http(t.url, 'POST', `/api/presence/whispers/${whisper.id}/read`, { token: omar.token })).status).toBe(404);
    const read = await http<WhisperView>(t.url, 'POST', `/api/presence/whispers/${whisper.id}/read`, { token: ivy.token });
    expect(read.body.readAt).not.toBeNull();
    const again = await http<WhisperView>(t.url, 'POST', `/api/presence/whispers/${whisper.id}/read`, { token: ivy.token });
    expect(again.body.readAt).toBe(read.body.readAt);
    expect(othersHear).toEqual([]);
  });

  it('refuses whispers outside their teams, about tickets they or the agent may not see, and malformed ones; nothing is written', async () => {
    const ours = await node.chat(world.widgetKey, 'Good morning, I need to change my address');
    const foreign = await node.chat(elsewhere.widgetKey, 'Hi, I want a refund for my order');
    const before = (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM whispers'))[0].n;
    const refusals: [string, string, Record<string, unknown>, number, string?][] = [
      [lead, `/api/presence/agents/${omar.id}/whispers`, { body: 'Not your team' }, 404],
      [ivy.token, `/api/presence/agents/${ivy.id}/whispers`, { body: 'Agents do not whisper' }, 403],
      // A ticket of a client the lead does not serve: not found, whatever the agent serves.
      [lead, `/api/presence/agents/${zed.id}/whispers`, { body: 'About that refund', ticketId: foreign.ticketId }, 404],
      // The lead's ticket, but Zed does not serve its client: naming it would show him another client's ticket.
      [lead, `/api/presence/agents/${zed.id}/whispers`, { body: 'About that address', ticketId: ours.ticketId }, 400, 'ticketId'],
      [lead, `/api/presence/agents/${ivy.id}/whispers`, { body: '   ' }, 400, 'body'],
      [lead, `/api/presence/agents/${ivy.id}/whispers`, { body: 'x'.repeat(1001) }, 400, 'body'],
      [lead, `/api/presence/agents/${ivy.id}/whispers`, { body: 'Hi', ticketId: 'SB-1' }, 400, 'ticketId'],
      [lead, `/api/presence/agents/${ivy.id}/whispers`, { body: 'Hi', clientId: elsewhere.clientId }, 400, 'clientId'],
      [lead, `/api/presence/agents/${ivy.id}/whispers`, { body: 'Hi', fromUserId: ivy.id }, 400, 'fromUserId'],
    ];
    for (const [token, path, body, status, field] of refusals) {
      const refused = await http<ErrorResponse>(t.url, 'POST', path, { token, body });
      expect([path, body, refused.status]).toEqual([path, body, status]);
      if (field) expect(refused.body.error.fields?.map((f) => f.field)).toContain(field);
    }
    expect((await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM whispers'))[0].n).toBe(before);
  });

  it('a note mentions colleagues serving the client: each hears it live and reads it later; nobody else can be mentioned', async () => {
    const chat = await node.chat(world.widgetKey, 'Hi, my invoice shows the wrong address');
    const colleagues = await http<Colleague[]>(t.url, 'GET', `/api/tickets/${chat.ticketId}/colleagues`, { token: ivy.token });
    expect(colleagues.status).toBe(200);
    expect(colleagues.body.map((c) => c.name)).toEqual(expect.arrayContaining(['Ivy Team', 'Lena Lead', 'Omar Noteam']));
    expect(colleagues.body.map((c) => c.name)).not.toContain('Zed Elsewhere');
    expect((await http<Colleague[]>(t.url, 'GET', `/api/tickets/${chat.ticketId}/colleagues?q=oma`, { token: ivy.token })).body.map((c) => c.name)).toEqual(['Omar Noteam']);
    expect((await http<Colleague[]>(t.url, 'GET', `/api/tickets/${chat.ticketId}/colleagues?q=%25`, { token: ivy.token })).body).toEqual([]);
    expect((await http(t.url, 'GET', `/api/tickets/${chat.ticketId}/colleagues`, { token: await node.signIn(zed) })).status).toBe(404);

    const heard = nextEvent<WhisperView>(omar.socket, 'whisper.received', (w) => w.kind === 'mention');
    const note = await http<MessageView>(t.url, 'POST', `/api/tickets/${chat.ticketId}/messages`, {
      token: ivy.token,
      body: { clientMsgId: 'spec-mention-1', kind: 'note', body: '@Omar Noteam you fixed this address bug last week, can you check?', mentions: [omar.id, ivy.id] },
    });
    expect(note.status).toBe(201);
    expect(await heard).toMatchObject({ kind: 'mention', messageId: note.body.id, fromName: 'Ivy Team', toUserId: omar.id, ticketId: chat.ticketId, body: '@Omar Noteam you fixed this address bug last week, can you check?' });
    expect((await http<WhisperView[]>(t.url, 'GET', '/api/presence/whispers', { token: omar.token })).body.map((w) => w.messageId)).toContain(note.body.id);
    // Mentioning herself tells nobody.
    expect(await ownerQuery('SELECT 1 FROM whispers WHERE message_id = $1 AND to_user_id = $2', [note.body.id, ivy.id])).toEqual([]);

    const refusals: [string, Record<string, unknown>, string][] = [
      [ivy.token, { clientMsgId: 'spec-mention-2', kind: 'note', body: 'Zed, look', mentions: [zed.id] }, 'mentions'],
      // A lead may reply on any ticket of the client, but a reply mentions nobody.
      [lead, { clientMsgId: 'spec-mention-3', kind: 'reply', body: 'Omar, look', mentions: [omar.id] }, 'mentions'],
      [ivy.token, { clientMsgId: 'spec-mention-4', kind: 'note', body: 'Look', mentions: ['not-a-user'] }, 'mentions'],
    ];
    for (const [token, body, field] of refusals) {
      const refused = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${chat.ticketId}/messages`, { token, body });
      expect([body.clientMsgId, refused.status, refused.body.error.fields?.[0].field]).toEqual([body.clientMsgId, 400, field]);
    }
    expect(await ownerQuery(`SELECT 1 FROM messages WHERE client_msg_id LIKE 'spec-mention-%' AND client_msg_id <> 'spec-mention-1'`)).toEqual([]);
  });
});
