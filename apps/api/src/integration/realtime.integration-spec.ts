import type { AgentClientEvents, AgentPresence, AgentServerEvents, AgentStatusChanged, ClientStaffing, CustomerServerEvents, PortalServerEvents, WidgetInboxView } from '@switchboard/shared-contracts';
import { sign } from 'jsonwebtoken';
import { io, type Socket } from 'socket.io-client';
import { login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';
import { connected, emitAck, nextEvent, record, refused } from '../testing/socket-events';

type AgentClient = Socket<AgentServerEvents, AgentClientEvents>;

describe('realtime backbone', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ PRESENCE_GRACE_SECONDS: '1' });
    await ownerQuery(`UPDATE agent_profiles SET state = 'offline', state_reason = NULL`);
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(() => t.close());

  function connect<S extends Socket>(namespace: string, auth: Record<string, string>, extra: { origin?: string } = {}): S {
    const socket = io(`${t.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: extra.origin ? { origin: extra.origin } : undefined });
    sockets.push(socket);
    return socket as S;
  }

  const setPresence = (socket: AgentClient, request: unknown) => emitAck<AgentPresence>(socket, 'presence.set', request);

  describe('who may connect to /agent', () => {
    it('refuses a missing, forged or expired token, a client user and a foreign Origin, each with a code', async () => {
      const agent = await login(t.url, 'agent1@switchboard.demo');
      const claims = JSON.parse(Buffer.from(agent.accessToken.split('.')[1], 'base64url').toString());
      const expired = sign({ sid: claims.sid, typ: 'access', sub: claims.sub, iss: 'switchboard', aud: 'switchboard', exp: Math.floor(Date.now() / 1000) - 5 }, t.config.auth.jwtSecret);
      const forged = sign({ sid: claims.sid, typ: 'access', sub: claims.sub, iss: 'switchboard', aud: 'switchboard' }, 'not-our-secret-not-our-secret-not-our-00', { expiresIn: 300 });
      const viewer = await login(t.url, 'viewer@globex.demo');

      expect((await refused(connect('/agent', {}))).code).toBe('AUTH_REQUIRED');
      expect((await refused(connect('/agent', { token: 'garbage' }))).code).toBe('AUTH_TOKEN_INVALID');
      expect((await refused(connect('/agent', { token: forged }))).code).toBe('AUTH_TOKEN_INVALID');
      expect((await refused(connect('/agent', { token: expired }))).code).toBe('AUTH_TOKEN_EXPIRED');
      expect((await refused(connect('/agent', { token: viewer.accessToken }))).code).toBe('FORBIDDEN');
      expect((await refused(connect('/agent', { token: agent.accessToken }, { origin: 'https://evil.example' }))).code).toBe('ORIGIN_NOT_ALLOWED');
      await connected(connect('/agent', { token: agent.accessToken }, { origin: 'http://localhost:3000' }));
    });
  });

  describe('presence', () => {
    it("an agent's change reaches their own team lead live, and not the other team's lead", async () => {
      const [agent, lead1, lead2] = await Promise.all(['agent1@switchboard.demo', 'lead1@switchboard.demo', 'lead2@switchboard.demo'].map((e) => login(t.url, e)));
      const agentSocket = connect<AgentClient>('/agent', { token: agent.accessToken });
      const lead1Socket = connect('/agent', { token: lead1.accessToken });
      const lead2Socket = connect('/agent', { token: lead2.accessToken });
      await Promise.all([agentSocket, lead1Socket, lead2Socket].map(connected));
      const lead2Saw = record<AgentStatusChanged>(lead2Socket, 'agent.status_changed');
      // A reconnecting agent shows as connected on the lead's board.
      await ownerQuery(`UPDATE agent_profiles SET disconnected_at = now() WHERE user_id = $1`, [agent.user.id]);
      const reconnected = nextEvent<AgentStatusChanged>(lead1Socket, 'agent.status_changed', (e) => e.userId === agent.user.id && e.connected);
      connect<AgentClient>('/agent', { token: agent.accessToken });
      expect((await reconnected).connected).toBe(true);

      const seenByLead = nextEvent<AgentStatusChanged>(lead1Socket, 'agent.status_changed', (e) => e.userId === agent.user.id && e.state === 'available');
      const ack = await setPresence(agentSocket, { state: 'available' });
      expect(ack).toMatchObject({ ok: true, data: { userId: agent.user.id, state: 'available', reason: null } });
      const event = await seenByLead;
      expect(event.since).toBe(ack.ok && ack.data.since);

      const away = nextEvent<AgentStatusChanged>(lead1Socket, 'agent.status_changed', (e) => e.state === 'away');
      await setPresence(agentSocket, { state: 'away', reason: 'lunch' });
      expect((await away).reason).toBe('lunch');
      expect(lead2Saw.filter((e) => e.userId === agent.user.id)).toEqual([]);
    });

    it('refuses a malformed presence request in the ack and changes nothing', async () => {
      const agent = await login(t.url, 'agent2@switchboard.demo');
      const socket = connect<AgentClient>('/agent', { token: agent.accessToken });
      await connected(socket);
      await setPresence(socket, { state: 'available' });
      for (const bad of [{ state: 'away' }, { state: 'away', reason: 'napping' }, { state: 'available', reason: 'lunch' }, { state: 'available', admin: true }, 'available', null]) {
        const ack = await setPresence(socket, bad);
        expect(ack.ok).toBe(false);
        if (!ack.ok) expect(ack.error.code).toBe('VALIDATION_FAILED');
      }
      const [row] = await ownerQuery(`SELECT ap.state FROM agent_profiles ap JOIN users u ON u.id = ap.user_id WHERE u.email = 'agent2@switchboard.demo'`);
      expect(row['state']).toBe('available');
    });

    it('a disconnected agent goes offline after the grace period, and the lead sees it', async () => {
      const [agent, lead] = await Promise.all([login(t.url, 'agent4@switchboard.demo'), login(t.url, 'lead2@switchboard.demo')]);
      const agentSocket = connect<AgentClient>('/agent', { token: agent.accessToken });
      const leadSocket = connect('/agent', { token: lead.accessToken });
      await Promise.all([connected(agentSocket), connected(leadSocket)]);
      await setPresence(agentSocket, { state: 'available' });
      // Only the disconnect's own change: the agent's connect also announced them (offline, connected) and may arrive late.
      const offline = nextEvent<AgentStatusChanged>(leadSocket, 'agent.status_changed', (e) => e.userId === agent.user.id && e.state === 'offline' && !e.connected, 8_000);
      agentSocket.disconnect();
      expect(await offline).toMatchObject({ state: 'offline', reason: 'disconnected', connected: false });
    });

    it('a quick reconnect within the grace period keeps the agent available', async () => {
      const agent = await login(t.url, 'agent5@switchboard.demo');
      const first = connect<AgentClient>('/agent', { token: agent.accessToken });
      await connected(first);
      await setPresence(first, { state: 'available' });
      first.disconnect();
      await connected(connect('/agent', { token: agent.accessToken }));
      await new Promise((r) => setTimeout(r, 1_800));
      const [row] = await ownerQuery(`SELECT ap.state FROM agent_profiles ap JOIN users u ON u.id = ap.user_id WHERE u.email = 'agent5@switchboard.demo'`);
      expect(row['state']).toBe('available');
    });

    it('logout closes the sockets of that session', async () => {
      const agent = await login(t.url, 'agent6@switchboard.demo');
      const socket = connect('/agent', { token: agent.accessToken });
      await connected(socket);
      const ended = nextEvent<{ code: string }>(socket, 'session.ended');
      const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
      await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${agent.accessToken}` } });
      expect((await ended).code).toBe('AUTH_SESSION_REVOKED');
      expect(await gone).toBe('io server disconnect');
    });
  });

  describe('portal and widget live data', () => {
    beforeAll(async () => {
      // Let the presence tests' disconnect grace run out, so no late change moves the counts under these tests.
      await new Promise((r) => setTimeout(r, 2_500));
      await ownerQuery(`UPDATE agent_profiles SET state = 'offline', state_reason = NULL`);
    });

    it("a client's portal hears its own staffing change, never another client's", async () => {
      const [agent, globexViewer, northwindViewer] = await Promise.all([login(t.url, 'agent6@switchboard.demo'), login(t.url, 'viewer@globex.demo'), login(t.url, 'viewer@northwind.demo')]);
      const globexPortal = connect<Socket<PortalServerEvents>>('/portal', { token: globexViewer.accessToken });
      const northwindPortal = connect<Socket<PortalServerEvents>>('/portal', { token: northwindViewer.accessToken });
      const initial = nextEvent<ClientStaffing>(globexPortal, 'client.staffing_changed');
      await Promise.all([connected(globexPortal), connected(northwindPortal)]);
      const before = await initial;
      const northwindSaw = record<ClientStaffing>(northwindPortal, 'client.staffing_changed');

      const agentSocket = connect<AgentClient>('/agent', { token: agent.accessToken });
      await connected(agentSocket);
      const update = nextEvent<ClientStaffing>(globexPortal, 'client.staffing_changed', (s) => s.available === before.available + 1);
      await setPresence(agentSocket, { state: 'available' });
      const after = await update;
      expect(after.clientId).toBe(before.clientId);
      expect(after.rostered).toBe(before.rostered);
      await new Promise((r) => setTimeout(r, 300));
      expect(northwindSaw.every((s) => s.clientId !== before.clientId)).toBe(true);
      await setPresence(agentSocket, { state: 'offline' });
    });

    it('staff cannot open the portal namespace', async () => {
      const lead = await login(t.url, 'lead1@switchboard.demo');
      expect((await refused(connect('/portal', { token: lead.accessToken }))).code).toBe('FORBIDDEN');
    });

    it('the widget connects with its inbox key and sees the team come online', async () => {
      await ownerQuery(`UPDATE agent_profiles SET state = 'offline', state_reason = NULL`);
      await ownerQuery(`UPDATE inboxes SET settings = settings - 'offlineMessages' WHERE widget_key = 'wk_globex_demo'`); // the default: on
      const widget = connect<Socket<CustomerServerEvents>>('/customer', { inboxKey: 'wk_globex_demo' });
      const first = nextEvent<WidgetInboxView>(widget, 'inbox.availability');
      await connected(widget);
      // Nobody available: whatever the hour, the widget offers to take a message.
      expect(await first).toMatchObject({ clientName: 'Globex Retail', brandColor: '#c2410c', inboxName: 'Web chat', online: false, offline: true, preChat: { name: 'off', email: 'off' }, csat: true });

      const agent = await login(t.url, 'agent1@switchboard.demo');
      const agentSocket = connect<AgentClient>('/agent', { token: agent.accessToken });
      await connected(agentSocket);
      const online = nextEvent<WidgetInboxView>(widget, 'inbox.availability', (v) => v.online);
      await setPresence(agentSocket, { state: 'available' });
      expect((await online).online).toBe(true);
      await setPresence(agentSocket, { state: 'offline' });
    });

    it('refuses an unknown or malformed inbox key', async () => {
      expect((await refused(connect('/customer', { inboxKey: 'wk_nobody' }))).code).toBe('INBOX_UNKNOWN');
      expect((await refused(connect('/customer', { inboxKey: "'; DROP TABLE inboxes; --" }))).code).toBe('INBOX_UNKNOWN');
      expect((await refused(connect('/customer', {}))).code).toBe('INBOX_UNKNOWN');
    });
  });
});
