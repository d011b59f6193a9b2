import { TenantDatabase } from '@switchboard/api-database';
import { PrincipalService } from '@switchboard/api-identity';
import type {
  AgentDirectoryView,
  CannedResponseView,
  ClientView,
  DispositionView,
  ErrorResponse,
  InboxAdminView,
  InboxView,
  OfferClosed,
  OfferView,
  Page,
  QueueView,
  SkillView,
  TeamView,
  WidgetInboxView,
} from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../database/seed/demo-data';
import type { Socket } from 'socket.io-client';
import { ALWAYS_ON_SHIFT, createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld } from '../testing/routing-world';
import { nextEvent } from '../testing/socket-events';
import { allPages, clientIdOf, http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

// The routing helpers sign agents in with the demo password (13 characters: long enough for the directory).
const PASSWORD = DEMO_PASSWORD;
const TAG = `dir${randomUUID().slice(0, 6)}`;

/**
 * The admin directory: clients, inboxes, skills and agents. Admins only (leads, agents and client
 * users are refused, with nothing changed), validated with stable codes, audited with the write,
 * every list paged; an admin's change to an agent reaches routing and the agent's sessions at once.
 */
describe('admin directory', () => {
  let t: TestApp;
  let admin: string;
  let lead: string;
  let agent: string;
  let viewer: string;
  let world: RoutingWorld;
  const sockets: Socket[] = [];
  const createdClientIds: string[] = [];
  const createdSkillKeys: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ ROUTING_ENABLED: 'true', ROUTING_TICK_MS: '100' });
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    lead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    agent = (await login(t.url, 'agent1@switchboard.demo')).accessToken;
    viewer = (await login(t.url, 'viewer@northwind.demo')).accessToken;
    world = await createRoutingWorld('directory');
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await world.closeAll();
    await ownerQuery(`DELETE FROM users WHERE email LIKE $1`, [`%.${TAG}@switchboard.test`]);
    for (const id of createdClientIds) {
      await ownerQuery('DELETE FROM audit_log WHERE client_id = $1', [id]);
      await ownerQuery('DELETE FROM clients WHERE id = $1', [id]);
    }
    await ownerQuery('DELETE FROM skills WHERE key = ANY ($1)', [createdSkillKeys]);
    await t.close();
    await destroyRoutingWorlds();
  });

  const call = <T>(method: string, path: string, token: string, body?: unknown) => http<T>(t.url, method, path, { token, body });
  const audit = (action: string, targetId: string) => ownerQuery<{ actor_user_id: string; details: Record<string, unknown> }>('SELECT actor_user_id, details FROM audit_log WHERE action = $1 AND target_id = $2', [action, targetId]);
  const fieldsOf = (r: { body: unknown }) => ((r.body as ErrorResponse).error.fields ?? []).map((f) => f.field).sort();
  const email = (name: string) => `${name}.${TAG}@switchboard.test`;
  const ticketState = async (ticketId: string) => (await ownerQuery<{ status: string; assignee_id: string | null }>('SELECT status, assignee_id FROM tickets WHERE id = $1', [ticketId]))[0];

  async function newClient(slug: string, extra: Record<string, unknown> = {}): Promise<ClientView> {
    const created = await call<ClientView>('POST', '/api/clients', admin, { slug, name: `Client ${slug}`, timeZone: 'Asia/Manila', ...extra });
    expect(created.status).toBe(201);
    createdClientIds.push(created.body.id);
    return created.body;
  }

  async function newSkill(key: string, name = key): Promise<SkillView> {
    const created = await call<SkillView>('POST', '/api/skills', admin, { key, name });
    expect(created.status).toBe(201);
    createdSkillKeys.push(key);
    return created.body;
  }

  describe('who may', () => {
    it('refuses leads, agents and client users every write, with nothing changed', async () => {
      const slug = `${TAG}-refused`;
      const writes: [string, string, unknown][] = [
        ['POST', '/api/clients', { slug, name: 'Nope', timeZone: 'UTC' }],
        ['PATCH', `/api/clients/${world.clientId}`, { name: 'Pwned' }],
        ['POST', `/api/clients/${world.clientId}/inboxes`, { channel: 'email', name: 'Nope', address: `nope-${TAG}@x.example` }],
        ['PATCH', `/api/inboxes/${world.inboxId}`, { name: 'Pwned' }],
        ['DELETE', `/api/inboxes/${world.inboxId}`, undefined],
        ['POST', '/api/skills', { key: `${TAG}_nope`, name: 'Nope' }],
        ['POST', '/api/agents', { email: email('nope'), displayName: 'Nope', role: 'agent', password: PASSWORD, clientIds: [world.clientId], timeZone: 'UTC' }],
        ['PATCH', `/api/agents/${world.lead.id}`, { disabled: true }],
      ];
      for (const token of [lead, agent, viewer]) {
        for (const [method, path, body] of writes) {
          const refused = await call<ErrorResponse>(method, path, token, body);
          expect([method, path, refused.status, refused.body.error.code]).toEqual([method, path, 403, 'FORBIDDEN']);
        }
        for (const path of ['/api/agents', `/api/agents/${world.lead.id}`]) expect((await call('GET', path, token)).status).toBe(403);
      }
      expect((await call('GET', '/api/skills', agent)).status).toBe(403);
      expect((await call('GET', '/api/skills', lead)).status).toBe(200);
      expect(await ownerQuery('SELECT 1 FROM clients WHERE slug = $1 OR name = $2', [slug, 'Pwned'])).toEqual([]);
      expect(await ownerQuery('SELECT 1 FROM inboxes WHERE name IN ($1, $2)', ['Nope', 'Pwned'])).toEqual([]);
      expect(await ownerQuery('SELECT 1 FROM skills WHERE key = $1', [`${TAG}_nope`])).toEqual([]);
      expect(await ownerQuery('SELECT 1 FROM users WHERE email = $1 OR (id = $2 AND disabled_at IS NOT NULL)', [email('nope'), world.lead.id])).toEqual([]);
    });

    it('row-level security refuses a directory write from a lead or an agent even without the API', async () => {
      const principals = t.app.get(PrincipalService);
      const db = t.app.get(TenantDatabase);
      for (const token of [lead, agent]) {
        const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
        const principal = await principals.load(claims.sub, claims.sid);
        await expect(db.run(principal, (m) => m.query(`INSERT INTO skills (key, name) VALUES ('${TAG}_rls', 'x')`))).rejects.toThrow(/row-level security/);
        const changed = await db.run(principal, async (m) => ({
          clients: (await m.query(`UPDATE clients SET name = name || '!' WHERE id = ANY ($1)`, [principal.clientIds]))[1],
          users: (await m.query(`UPDATE users SET display_name = 'x' WHERE id = $1`, [principal.userId]))[1],
          staff: (await m.query(`DELETE FROM staff_clients WHERE user_id = $1`, [principal.userId]))[1],
        }));
        expect(changed).toEqual({ clients: 0, users: 0, staff: 0 });
      }
    });
  });

  describe('clients', () => {
    it('creates, reads and edits a client with its hours, holidays, PII policy and colour; audited', async () => {
      const created = await newClient(`${TAG}-acme`, { brandColor: '#0f766e', businessCalendar: { weekly: { mon: [{ start: '08:00', end: '20:00' }] }, holidays: ['2026-12-25'] }, piiPolicy: { email: 'hidden', phone: 'partial' } });
      expect(created).toMatchObject({ slug: `${TAG}-acme`, timeZone: 'Asia/Manila', brandColor: '#0f766e', piiPolicy: { email: 'hidden', phone: 'partial' }, languages: ['en'], channels: ['voice', 'email', 'chat', 'social'] });
      expect(await audit('client.created', created.id)).toHaveLength(1);

      // The admin sees the new client at once (their scope is read on every request).
      expect((await call<ClientView>('GET', `/api/clients/${created.id}`, admin)).body.name).toBe(`Client ${TAG}-acme`);
      const edited = await call<ClientView>('PATCH', `/api/clients/${created.id}`, admin, { name: 'Acme Insurance', timeZone: 'Europe/London' });
      expect(edited.body).toMatchObject({ name: 'Acme Insurance', timeZone: 'Europe/London', brandColor: '#0f766e', businessCalendar: { holidays: ['2026-12-25'] } });
      const [entry] = await audit('client.updated', created.id);
      expect(entry.details).toEqual({ changed: { name: 'Acme Insurance', timeZone: 'Europe/London' } });
    });

    it('refuses a bad or taken slug, a bad colour, time zone, hours or PII level — field by field, nothing written', async () => {
      const slug = `${TAG}-bad`;
      const bad = await call<ErrorResponse>('POST', '/api/clients', admin, { slug: 'Has Spaces', name: '', timeZone: 'Mars/Base', brandColor: 'teal', businessCalendar: { weekly: { mon: [{ start: '25:00', end: '08:00' }] }, holidays: ['christmas'] }, piiPolicy: { email: 'shown', phone: 'full' }, extra: 1 });
      expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(fieldsOf(bad)).toEqual(['brandColor', 'businessCalendar.holidays.0', 'businessCalendar.weekly.mon.0', 'extra', 'name', 'piiPolicy.email', 'slug', 'timeZone']);
      const taken = await call<ErrorResponse>('POST', '/api/clients', admin, { slug: 'globex', name: 'Another Globex', timeZone: 'UTC' });
      expect([taken.status, fieldsOf(taken)]).toEqual([400, ['slug']]);
      expect(await ownerQuery('SELECT 1 FROM clients WHERE slug = $1 OR name = $2', [slug, 'Another Globex'])).toEqual([]);

      const before = await ownerQuery('SELECT name, slug, time_zone FROM clients WHERE id = $1', [world.clientId]);
      for (const body of [{ slug: 'renamed' }, { timeZone: 'Nowhere/City' }, { channels: [] }, ['not an object']]) {
        const refused = await call<ErrorResponse>('PATCH', `/api/clients/${world.clientId}`, admin, body);
        expect([refused.status, refused.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      expect(await ownerQuery('SELECT name, slug, time_zone FROM clients WHERE id = $1', [world.clientId])).toEqual(before);
      expect((await call('PATCH', `/api/clients/${randomUUID()}`, admin, { name: 'Ghost' })).status).toBe(404);
      expect((await call('PATCH', `/api/clients/not-a-uuid'--`, admin, { name: 'Ghost' })).status).toBe(400);
    });

    it('a staff member or client user sees only their own clients, a page at a time', async () => {
      const viewerList = await call<Page<ClientView>>('GET', '/api/clients', viewer);
      expect(viewerList.body.items.map((c) => c.slug)).toEqual(['northwind']);
      const agentPage = await call<Page<ClientView>>('GET', `/api/clients?q=${TAG}`, agent);
      expect(agentPage.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('inboxes', () => {
    let client: ClientView;
    beforeAll(async () => {
      client = await newClient(`${TAG}-inboxes`, { channels: ['email', 'chat'] });
    });

    it('creates a chat inbox with a widget key the widget then answers to, and an email inbox; edits and rotates', async () => {
      const chat = await call<InboxAdminView>('POST', `/api/clients/${client.id}/inboxes`, admin, { channel: 'chat', name: 'Web chat', address: `${TAG}.example/chat`, allowedOrigins: ['https://shop.example'], settings: { greeting: 'Hi there', csat: true } });
      expect(chat.status).toBe(201);
      expect(chat.body).toMatchObject({ clientId: client.id, channel: 'chat', allowedOrigins: ['https://shop.example'], settings: { greeting: 'Hi there' } });
      expect(chat.body.widgetKey).toMatch(/^wk_[A-Za-z0-9_-]{20,}$/);
      const widget = await http<WidgetInboxView>(t.url, 'GET', `/api/widget/inboxes/${chat.body.widgetKey}`);
      expect(widget.body).toMatchObject({ clientName: client.name, inboxName: 'Web chat', greeting: 'Hi there' });

      const mail = await call<InboxAdminView>('POST', `/api/clients/${client.id}/inboxes`, admin, { channel: 'email', name: 'Support', address: `Help-${TAG}@Acme.example` });
      expect(mail.body).toMatchObject({ address: `help-${TAG}@acme.example`, widgetKey: null });
      expect(await audit('inbox.created', mail.body.id)).toHaveLength(1);

      const rotated = await call<InboxAdminView>('PATCH', `/api/inboxes/${chat.body.id}`, admin, { rotateWidgetKey: true, name: 'Website chat' });
      expect(rotated.body.name).toBe('Website chat');
      expect(rotated.body.widgetKey).not.toBe(chat.body.widgetKey);
      expect((await http(t.url, 'GET', `/api/widget/inboxes/${chat.body.widgetKey}`)).status).toBe(404);
      expect(await audit('inbox.widget_key_rotated', chat.body.id)).toHaveLength(1);

      const list = await call<Page<InboxAdminView>>('GET', `/api/clients/${client.id}/inboxes`, admin);
      expect(list.body.items.map((i) => [i.channel, i.name])).toEqual([['chat', 'Website chat'], ['email', 'Support']]);
      // Other staff read the plain view: no widget key, no settings.
      const leadView = await call<Page<InboxView>>('GET', `/api/clients/${await clientIdOf('northwind')}/inboxes`, lead);
      expect(leadView.body.items.map((i) => Object.keys(i).sort())).toEqual(Array(3).fill(['address', 'channel', 'clientId', 'id', 'name']));

      expect((await call('DELETE', `/api/inboxes/${mail.body.id}`, admin)).status).toBe(204);
      expect(await ownerQuery('SELECT 1 FROM inboxes WHERE id = $1', [mail.body.id])).toEqual([]);
    });

    it('refuses an address unfit for its channel, a taken address, a channel the client is not on, a channel change; nothing written', async () => {
      const path = `/api/clients/${client.id}/inboxes`;
      const cases: [unknown, string[]][] = [
        [{ channel: 'email', name: 'X', address: 'not-an-email' }, ['address']],
        [{ channel: 'voice', name: 'X', address: '+442079460000' }, ['channel']],
        [{ channel: 'email', name: 'X', address: 'support@northwind.demo' }, ['address']],
        [{ channel: 'chat', name: 'X', address: 'x', allowedOrigins: ['javascript:alert(1)'], settings: { preChat: { name: 'always', email: 'off' } } }, ['allowedOrigins.0', 'settings.preChat.name']],
        [{ channel: 'email', name: 'X', address: `x-${TAG}@a.example`, widgetKey: 'wk_mine' }, ['widgetKey']],
      ];
      for (const [body, fields] of cases) {
        const refused = await call<ErrorResponse>('POST', path, admin, body);
        expect([refused.status, refused.body.error.code, fieldsOf(refused)]).toEqual([400, 'VALIDATION_FAILED', fields]);
      }
      expect(await ownerQuery(`SELECT 1 FROM inboxes WHERE client_id = $1 AND name = 'X'`, [client.id])).toEqual([]);
      const refused = await call<ErrorResponse>('PATCH', `/api/inboxes/${world.inboxId}`, admin, { channel: 'email' });
      expect([refused.status, fieldsOf(refused)]).toEqual([400, ['channel']]);
      expect((await call('PATCH', `/api/inboxes/${randomUUID()}`, admin, { name: 'Ghost' })).status).toBe(404);
      expect((await call('PATCH', '/api/inboxes/1 OR 1=1', admin, { name: 'Ghost' })).status).toBe(400);
      expect((await call('GET', `/api/clients/${client.id}/inboxes`, agent)).status).toBe(404);
    });

    it('keeps an inbox that has tickets', async () => {
      const node = nodeClient(t.url, sockets);
      await node.chat(world.widgetKey, 'Hello, is anyone there?');
      const refused = await call<ErrorResponse>('DELETE', `/api/inboxes/${world.inboxId}`, admin);
      expect([refused.status, fieldsOf(refused)]).toEqual([400, ['inboxId']]);
      expect(await ownerQuery('SELECT 1 FROM inboxes WHERE id = $1', [world.inboxId])).toHaveLength(1);
      await world.closeAll();
    });
  });

  describe('skills', () => {
    it('creates, renames and deletes a skill; a held one stays; refusals change nothing', async () => {
      const skill = await newSkill(`${TAG}_claims`, 'Claims');
      expect(skill).toMatchObject({ key: `${TAG}_claims`, name: 'Claims', agentCount: 0 });
      const renamed = await call<SkillView>('PATCH', `/api/skills/${skill.id}`, admin, { name: 'Insurance claims' });
      expect(renamed.body.name).toBe('Insurance claims');
      const rekey = await call<ErrorResponse>('PATCH', `/api/skills/${skill.id}`, admin, { key: 'other', name: 'X' });
      expect([rekey.status, fieldsOf(rekey)]).toEqual([400, ['key']]);
      const twice = await call<ErrorResponse>('POST', '/api/skills', admin, { key: `${TAG}_claims`, name: 'Again' });
      expect([twice.status, fieldsOf(twice)]).toEqual([400, ['key']]);
      const bad = await call<ErrorResponse>('POST', '/api/skills', admin, { key: 'Bad Key', name: '' });
      expect([bad.status, fieldsOf(bad)]).toEqual([400, ['key', 'name']]);
      expect(await ownerQuery('SELECT name FROM skills WHERE key = $1', [`${TAG}_claims`])).toEqual([{ name: 'Insurance claims' }]);

      const held = await ownerQuery<{ id: string }>(`SELECT id FROM skills WHERE key = 'rt_billing'`);
      const world2 = await world.agent('Holder Agent', { skills: { rt_billing: 3 } });
      expect(world2.id).toBeTruthy();
      const kept = await call<ErrorResponse>('DELETE', `/api/skills/${held[0].id}`, admin);
      expect([kept.status, fieldsOf(kept)]).toEqual([400, ['skillId']]);
      expect((await call('DELETE', `/api/skills/${skill.id}`, admin)).status).toBe(204);
      expect(await audit('skill.deleted', skill.id)).toHaveLength(1);
      expect((await call('DELETE', `/api/skills/${skill.id}`, admin)).status).toBe(404);
    });
  });

  describe('agents', () => {
    let skill: SkillView;
    let team: TeamView;
    beforeAll(async () => {
      skill = await newSkill(`${TAG}_motor`, 'Motor claims');
      const teams = await call<Page<TeamView>>('GET', '/api/teams', admin);
      team = teams.body.items[0];
    });

    const request = (name: string, extra: Record<string, unknown> = {}) => ({
      email: email(name),
      displayName: `${name[0].toUpperCase()}${name.slice(1)} Directory`,
      role: 'agent',
      password: PASSWORD,
      clientIds: [world.clientId],
      skills: [{ skillId: skill.id, proficiency: 4 }],
      languages: ['en', 'tl'],
      capacity: { chat: 2, voice: 0 },
      timeZone: 'Asia/Manila',
      shiftSchedule: ALWAYS_ON_SHIFT,
      teamId: team.id,
      ...extra,
    });

    it('creates an agent who can sign in, serves the client with the skill, and is offered its ticket', async () => {
      const created = await call<AgentDirectoryView>('POST', '/api/agents', admin, request('rosa'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: email('rosa'),
        role: 'agent',
        disabled: false,
        clientIds: [world.clientId],
        skills: [{ skillId: skill.id, key: skill.key, name: 'Motor claims', proficiency: 4 }],
        languages: ['en', 'tl'],
        capacity: { voice: 0, chat: 2, email: 5, social: 3 },
        timeZone: 'Asia/Manila',
        teamId: team.id,
        teamName: team.name,
      });
      const [entry] = await audit('agent.created', created.body.id);
      expect(JSON.stringify(entry.details)).not.toContain(PASSWORD);
      expect(await ownerQuery(`SELECT 1 FROM users WHERE id = $1 AND password_hash LIKE '$argon2id$%'`, [created.body.id])).toHaveLength(1);

      const queue = await nodeClient(t.url, sockets).queue(admin, world.clientId, { name: `Motor ${TAG}`, channels: ['chat'], requiredSkills: [{ skill: skill.key, minProficiency: 3 }] });
      await nodeClient(t.url, sockets).route(admin, world.inboxId, { defaultQueueId: queue.id });
      const node = nodeClient(t.url, sockets);
      const rosa = await node.online({ id: created.body.id, email: email('rosa'), name: created.body.displayName });
      const offered = nextEvent<OfferView>(rosa.socket, 'ticket.offered');
      const { ticketId } = await node.chat(world.widgetKey, 'My car was hit in a car park');
      expect((await offered).ticketId).toBe(ticketId);

      // The admin takes the client away: the open offer is withdrawn and the agent can no longer reach the ticket.
      const closed = nextEvent<OfferClosed>(rosa.socket, 'offer.closed');
      const moved = await call<AgentDirectoryView>('PATCH', `/api/agents/${created.body.id}`, admin, { clientIds: [] });
      expect(moved.body.clientIds).toEqual([]);
      expect(await closed).toMatchObject({ ticketId, status: 'rescinded', reason: 'agent no longer serves the client' });
      expect((await call('GET', `/api/tickets/${ticketId}`, rosa.token)).status).toBe(404);
      const [changed] = await audit('agent.updated', created.body.id);
      expect(changed.details).toMatchObject({ removedClientIds: [world.clientId] });
      await world.closeAll();
    });

    it('disabling an agent ends their sessions and sockets, sets them offline and stops their sign-in', async () => {
      const created = await call<AgentDirectoryView>('POST', '/api/agents', admin, request('tomas'));
      const node = nodeClient(t.url, sockets);
      const tomas = await node.online({ id: created.body.id, email: email('tomas'), name: created.body.displayName });
      // Tomas holds a ticket when he is disabled: it waits again in its queue, for someone else.
      const offered = nextEvent<OfferView>(tomas.socket, 'ticket.offered');
      const { ticketId } = await node.chat(world.widgetKey, 'My windscreen cracked on the motorway');
      const offer = await offered;
      expect(offer.ticketId).toBe(ticketId);
      expect((await call('POST', `/api/offers/${offer.id}/accept`, tomas.token)).status).toBe(200);
      const ended = nextEvent(tomas.socket, 'session.ended');
      const disabled = await call<AgentDirectoryView>('PATCH', `/api/agents/${created.body.id}`, admin, { disabled: true });
      expect(disabled.body.disabled).toBe(true);
      await ended;
      expect((await call<ErrorResponse>('GET', '/api/me', tomas.token)).status).toBe(401);
      const relogin = await http<ErrorResponse>(t.url, 'POST', '/api/auth/login', { body: { email: email('tomas'), password: PASSWORD } });
      expect([relogin.status, relogin.body.error.code]).toEqual([401, 'AUTH_INVALID_CREDENTIALS']);
      expect(await ownerQuery<{ state: string }>('SELECT state FROM agent_profiles WHERE user_id = $1', [created.body.id])).toEqual([{ state: 'offline' }]);
      expect(await ownerQuery(`SELECT 1 FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL`, [created.body.id])).toEqual([]);
      expect(await audit('agent.disabled', created.body.id)).toHaveLength(1);
      expect(await ticketState(ticketId)).toEqual({ status: 'queued', assignee_id: null });
      expect(await ownerQuery(`SELECT data->>'reason' AS reason FROM ticket_events WHERE ticket_id = $1 AND type = 'requeued'`, [ticketId])).toEqual([{ reason: 'agent disabled' }]);
      await world.closeAll();
      // Hidden from the list unless asked for; enabled again, they may sign in.
      expect((await allPages<AgentDirectoryView>(t.url, `/api/agents?q=${TAG}`, admin)).map((a) => a.id)).not.toContain(created.body.id);
      expect((await allPages<AgentDirectoryView>(t.url, `/api/agents?q=${TAG}&includeDisabled=true`, admin)).map((a) => a.id)).toContain(created.body.id);
      await call('PATCH', `/api/agents/${created.body.id}`, admin, { disabled: false });
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: email('tomas'), password: PASSWORD } })).status).toBe(200);
    });

    it('refuses foreign or unknown clients, skills and teams, a taken email and bad settings; nothing written', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [request('x1', { clientIds: [randomUUID()] }), ['clientIds.0']],
        [request('x2', { skills: [{ skillId: randomUUID(), proficiency: 3 }], teamId: randomUUID() }), ['skills.0.skillId', 'teamId']],
        [request('x3', { email: 'agent1@switchboard.demo' }), ['email']],
        [request('x4', { role: 'admin', password: 'short', capacity: { voice: 3 }, timeZone: 'Manila', shiftSchedule: { mon: [{ start: '9am', end: '5pm' }] } }), ['capacity.voice', 'password', 'role', 'shiftSchedule.mon.0', 'timeZone']],
        [request('x5', { clientIds: "x' OR 1=1" }), ['clientIds']],
      ];
      for (const [body, fields] of cases) {
        const refused = await call<ErrorResponse>('POST', '/api/agents', admin, body);
        expect([refused.status, refused.body.error.code, fieldsOf(refused)]).toEqual([400, 'VALIDATION_FAILED', fields]);
      }
      expect(await ownerQuery(`SELECT 1 FROM users WHERE email LIKE $1`, [`x_.${TAG}@%`])).toEqual([]);

      const created = await call<AgentDirectoryView>('POST', '/api/agents', admin, request('petra'));
      const before = await ownerQuery('SELECT u.email, ap.capacity, (SELECT array_agg(client_id) FROM staff_clients WHERE user_id = u.id) AS clients FROM users u JOIN agent_profiles ap ON ap.user_id = u.id WHERE u.id = $1', [created.body.id]);
      const refused = await call<ErrorResponse>('PATCH', `/api/agents/${created.body.id}`, admin, { email: 'agent1@switchboard.demo', clientIds: [world.clientId, randomUUID()], capacity: { chat: 50 } });
      expect([refused.status, fieldsOf(refused)]).toEqual([400, ['capacity.chat']]);
      const refusedLinks = await call<ErrorResponse>('PATCH', `/api/agents/${created.body.id}`, admin, { clientIds: [world.clientId, randomUUID()] });
      expect([refusedLinks.status, fieldsOf(refusedLinks)]).toEqual([400, ['clientIds.1']]);
      const taken = await call<ErrorResponse>('PATCH', `/api/agents/${created.body.id}`, admin, { email: 'agent1@switchboard.demo', displayName: 'Changed' });
      expect([taken.status, fieldsOf(taken)]).toEqual([400, ['email']]);
      expect(await ownerQuery('SELECT u.email, ap.capacity, (SELECT array_agg(client_id) FROM staff_clients WHERE user_id = u.id) AS clients FROM users u JOIN agent_profiles ap ON ap.user_id = u.id WHERE u.id = $1', [created.body.id])).toEqual(before);
      expect(await ownerQuery(`SELECT display_name FROM users WHERE id = $1`, [created.body.id])).toEqual([{ display_name: 'Petra Directory' }]);

      // An admin is not in the agent directory; an unknown or malformed id neither.
      const [{ id: adminId }] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@switchboard.demo'`);
      for (const id of [adminId, randomUUID()]) expect((await call('PATCH', `/api/agents/${id}`, admin, { disabled: true })).status).toBe(404);
      expect((await call('PATCH', `/api/agents/nope`, admin, { disabled: true })).status).toBe(400);
      expect(await ownerQuery(`SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NOT NULL`, [adminId])).toEqual([]);
    });

    it('lists a team lead without an agent profile with the defaults, and gives them one when saved', async () => {
      const listed = await call<AgentDirectoryView>('GET', `/api/agents/${world.lead.id}`, admin);
      expect(listed.body).toMatchObject({ role: 'team_lead', clientIds: [world.clientId], timeZone: 'UTC', skills: [], shiftSchedule: {} });
      expect(await ownerQuery('SELECT 1 FROM agent_profiles WHERE user_id = $1', [world.lead.id])).toEqual([]);
      const saved = await call<AgentDirectoryView>('PATCH', `/api/agents/${world.lead.id}`, admin, { timeZone: 'Europe/Madrid', languages: ['en', 'es'] });
      expect(saved.body).toMatchObject({ timeZone: 'Europe/Madrid', languages: ['en', 'es'], capacity: { voice: 1, chat: 3, email: 5, social: 3 } });
      expect(await ownerQuery<{ state: string }>('SELECT state FROM agent_state_history WHERE user_id = $1 AND ended_at IS NULL', [world.lead.id])).toEqual([{ state: 'offline' }]);
    });

    it('a new password ends the sessions and works at the next sign-in', async () => {
      const created = await call<AgentDirectoryView>('POST', '/api/agents', admin, request('ines'));
      const first = await login(t.url, email('ines'), PASSWORD);
      await call('PATCH', `/api/agents/${created.body.id}`, admin, { password: 'another long password' });
      expect((await call('GET', '/api/me', first.accessToken)).status).toBe(401);
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: email('ines'), password: PASSWORD } })).status).toBe(401);
      expect((await login(t.url, email('ines'), 'another long password')).user.id).toBe(created.body.id);
      const [entry] = await audit('agent.updated', created.body.id);
      expect(JSON.stringify(entry.details)).not.toContain('another long password');
    });
  });

  describe('paging', () => {
    /** Every page of a list at `limit`, checking each is at most that long. */
    async function pages<T extends { id: string }>(path: string, limit: number): Promise<T[][]> {
      const seen: T[][] = [];
      let after: string | null = null;
      const separator = path.includes('?') ? '&' : '?';
      do {
        const page: { status: number; body: Page<T> } = await call<Page<T>>('GET', `${path}${separator}limit=${limit}${after ? `&after=${after}` : ''}`, admin);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(page.body.items);
        after = page.body.nextCursor;
      } while (after);
      return seen;
    }

    function expectWhole<T extends { id: string }>(seen: T[][], whole: T[]): void {
      const ids = seen.flat().map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(whole.map((item) => item.id));
    }

    it('pages skills, clients, agents, inboxes, queues, canned responses and dispositions with no duplicates or gaps', async () => {
      for (const key of ['p_e', 'p_a', 'p_d', 'p_b', 'p_c']) await newSkill(`${TAG}_${key}`, `Paged ${key}`);
      const skills = await pages<SkillView>(`/api/skills?q=${TAG}_p_`, 2);
      expect(skills.map((page) => page.map((s) => s.key.slice(-3)))).toEqual([['p_a', 'p_b'], ['p_c', 'p_d'], ['p_e']]);

      for (const name of ['delta', 'alpha', 'charlie', 'bravo']) await newClient(`${TAG}-pg-${name}`);
      const clients = await pages<ClientView>(`/api/clients?q=${TAG}-pg-`, 3);
      expect(clients.flat().map((c) => c.slug.split('-').pop())).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
      expectWhole(clients, (await call<Page<ClientView>>('GET', `/api/clients?q=${TAG}-pg-`, admin)).body.items);

      const agents = await pages<AgentDirectoryView>(`/api/agents?q=${TAG}`, 1);
      expectWhole(agents, (await call<Page<AgentDirectoryView>>('GET', `/api/agents?q=${TAG}`, admin)).body.items);
      expect(agents.length).toBeGreaterThanOrEqual(3);
      const ofClient = await allPages<AgentDirectoryView>(t.url, `/api/agents?clientId=${world.clientId}`, admin);
      expect(ofClient.every((a) => a.clientIds.includes(world.clientId))).toBe(true);

      const target = clients.flat()[0];
      for (const [channel, address] of [['email', `a-${TAG}@x.example`], ['chat', `${TAG}/c1`], ['email', `b-${TAG}@x.example`], ['social', `page-${TAG}`]]) {
        expect((await call('POST', `/api/clients/${target.id}/inboxes`, admin, { channel, name: `Inbox ${address}`, address })).status).toBe(201);
      }
      const inboxes = await pages<InboxAdminView>(`/api/clients/${target.id}/inboxes`, 3);
      expect(inboxes.map((p) => p.length)).toEqual([3, 1]);
      expect(inboxes.flat().map((i) => i.channel)).toEqual(['chat', 'email', 'email', 'social']);

      for (const name of ['Queue C', 'Queue A', 'Queue B']) await nodeClient(t.url, sockets).queue(admin, target.id, { name, channels: ['chat'] });
      const queues = await pages<QueueView>(`/api/queues?clientId=${target.id}`, 2);
      expect(queues.map((p) => p.map((q) => q.name))).toEqual([['Queue A', 'Queue B'], ['Queue C']]);
      expect(queues.flat().every((q) => Array.isArray(q.problems))).toBe(true);

      for (const shortcut of ['c3', 'c1', 'c2']) await call('POST', `/api/clients/${target.id}/canned-responses`, admin, { shortcut, title: shortcut, body: 'Hello' });
      const canned = await pages<CannedResponseView>(`/api/clients/${target.id}/canned-responses`, 2);
      expect(canned.map((p) => p.map((c) => c.shortcut))).toEqual([['c1', 'c2'], ['c3']]);

      for (const code of ['first', 'second', 'third']) await call('POST', `/api/clients/${target.id}/dispositions`, admin, { code, label: code });
      const codes = await pages<DispositionView>(`/api/clients/${target.id}/dispositions`, 2);
      expect(codes.map((p) => p.map((d) => d.code))).toEqual([['first', 'second'], ['third']]);

      // A caller without the client reads nothing of it, on any page.
      for (const path of [`/api/clients/${target.id}/canned-responses`, `/api/clients/${target.id}/dispositions`, `/api/clients/${target.id}/inboxes`]) {
        expect((await call<ErrorResponse>('GET', path, agent)).status).toBe(404);
      }
      // A client outside the caller's scope is not there, as on the lists above (not an empty page).
      expect((await call<ErrorResponse>('GET', `/api/queues?clientId=${target.id}`, agent)).status).toBe(404);
    });

    it('answers at most 100 a page and refuses a bad size, search or a cursor made for another list', async () => {
      const skillsPage = await call<Page<SkillView>>('GET', '/api/skills?limit=1', admin);
      const clientsPage = await call<Page<ClientView>>('GET', '/api/clients?limit=1', admin);
      const refusals: [string, string][] = [
        ['/api/skills?limit=101', 'limit'],
        ['/api/agents?limit=0', 'limit'],
        [`/api/clients?after=${skillsPage.body.nextCursor}`, 'after'],
        [`/api/skills?after=${clientsPage.body.nextCursor}`, 'after'],
        [`/api/clients/${world.clientId}/dispositions?after=${skillsPage.body.nextCursor}`, 'after'],
        [`/api/clients/${world.clientId}/canned-responses?limit=abc`, 'limit'],
        [`/api/queues?limit=1000`, 'limit'],
        [`/api/agents?q=${'x'.repeat(101)}`, 'q'],
        ['/api/agents?includeDisabled=yes', 'includeDisabled'],
        ['/api/agents?clientId=nope', 'clientId'],
        [`/api/teams?after=%27%20OR%201%3D1`, 'after'],
      ];
      for (const [path, field] of refusals) {
        const refused = await call<ErrorResponse>('GET', path, admin);
        expect([path, refused.status, refused.body.error.code, refused.body.error.fields?.[0].field]).toEqual([path, 400, 'VALIDATION_FAILED', field]);
      }
      expect((await call<Page<SkillView>>('GET', '/api/skills', admin)).body.items.length).toBeLessThanOrEqual(100);
    });
  });
});
