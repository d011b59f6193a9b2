import { NodeLifecycle } from '@switchboard/api-realtime';
import type { AgentStatusChanged, MessageView, StaffMessageView, VisitorSession } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld } from '../testing/routing-world';
import { acked, connected, emitAck, nextEvent } from '../testing/socket-events';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';
import { describeWithRedis, TEST_REDIS_URL } from '../testing/redis-available';

const REDIS = TEST_REDIS_URL;

/**
 * Two API nodes on one database and one Redis (REDIS_URL): an event raised on one node reaches the
 * sockets connected to the other; a node that shuts down finishes what it was doing and its clients
 * reconnect to the other node.
 */
describeWithRedis('scale-out: two API nodes over Redis', () => {
  let redis: TcpProxy;
  let a: TestApp;
  let b: TestApp;
  let world: RoutingWorld;
  let leadToken: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    redis = await startTcpProxy([`${REDIS.hostname}:${REDIS.port || 6379}`]);
    // A stream of this run's own: other runs on the same Redis never hear these nodes.
    const env = { REDIS_URL: `redis://${redis.host}:${redis.port}`, REDIS_STREAM: `switchboard:test:${randomUUID()}`, SHUTDOWN_GRACE_MS: '5000' };
    [a, b] = await Promise.all([startTestApp({ ...env, NODE_ID: 'node-a' }), startTestApp({ ...env, NODE_ID: 'node-b' })]);
    world = await createRoutingWorld('scale');
    leadToken = (await login(a.url, world.lead.email)).accessToken;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await redis.stop();
    await destroyRoutingWorlds();
  });

  function open(base: string, namespace: string, auth: Record<string, string>, options: { reconnection?: boolean } = {}): Socket {
    const socket = io(`${base}${namespace}`, { auth, transports: ['websocket'], reconnection: options.reconnection ?? false, reconnectionDelay: 50, reconnectionDelayMax: 200, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  async function agentOn(base: string, name: string) {
    const agent = await world.agent(name);
    const { accessToken } = await login(base, agent.email);
    const socket = open(base, '/agent', { token: accessToken });
    await connected(socket);
    return { ...agent, token: accessToken, socket };
  }

  async function customerOn(base: string, options: { reconnection?: boolean } = {}) {
    const socket = open(base, '/customer', { inboxKey: world.widgetKey }, options);
    const session = await nextEvent<VisitorSession>(socket, 'visitor.session');
    // As the widget does: a reconnect presents the visitor's token, so it is the same visitor.
    socket.auth = { inboxKey: world.widgetKey, visitorToken: session.visitorToken };
    return { socket, session };
  }

  const send = (socket: Socket, body: string, clientMsgId: string = randomUUID()) => emitAck<MessageView>(socket, 'message.send', { clientMsgId, body });

  it("a customer's message on node B reaches the agent on node A, and the agent's reply from node A reaches the customer on node B", async () => {
    const agent = await agentOn(a.url, 'Ada Across');
    const customer = await customerOn(b.url);
    const first = acked(await send(customer.socket, 'Hello from node B'));
    expect((await http(a.url, 'POST', `/api/tickets/${first.ticketId}/assign`, { token: leadToken, body: { agentId: agent.id } })).status).toBe(200);

    // The assignee hears the next line on their user room — held by node A, raised on node B.
    const heard = nextEvent<StaffMessageView>(agent.socket, 'message.created', (m) => m.ticketId === first.ticketId && m.body === 'Are you there?');
    const second = acked(await send(customer.socket, 'Are you there?'));
    expect((await heard).id).toBe(second.id);

    const reply = nextEvent<MessageView>(customer.socket, 'message.created', (m) => m.direction === 'outbound');
    const sent = await http<MessageView>(a.url, 'POST', `/api/tickets/${first.ticketId}/messages`, { token: agent.token, body: { clientMsgId: randomUUID(), kind: 'reply', body: 'Yes — how can I help?' } });
    expect(sent.status).toBe(201);
    expect(await reply).toMatchObject({ id: sent.body.id, body: 'Yes — how can I help?', authorName: 'Ada' });
  });

  it("an admin's board on node B shows an agent on node A change state; a lead of another team hears nothing", async () => {
    const agent = await agentOn(a.url, 'Bo Board');
    const admin = open(b.url, '/agent', { token: (await login(b.url, 'admin@switchboard.demo')).accessToken });
    const outsider = open(b.url, '/agent', { token: (await login(b.url, 'lead2@switchboard.demo')).accessToken });
    await Promise.all([connected(admin), connected(outsider)]);
    const outsiderSaw: AgentStatusChanged[] = [];
    outsider.on('agent.status_changed', (e: AgentStatusChanged) => outsiderSaw.push(e));
    const seen = nextEvent<AgentStatusChanged>(admin, 'agent.status_changed', (e) => e.userId === agent.id && e.state === 'available');
    acked(await emitAck(agent.socket, 'presence.set', { state: 'available' }));
    expect((await seen).userId).toBe(agent.id);
    // Anything for the outsider would have come through Redis together with the admin's copy.
    await new Promise((r) => setTimeout(r, 200));
    expect(outsiderSaw.filter((e) => e.userId === agent.id)).toEqual([]);
  });

  it('a node that shuts down answers the write in flight, then its customer reconnects to the other node and keeps hearing replies', async () => {
    // A small load balancer in front of both nodes; the first connection goes to node B.
    const balancer = await startTcpProxy([new URL(b.url).host, new URL(a.url).host]);
    try {
      const agent = await agentOn(a.url, 'Cy Continuity');
      const customer = await customerOn(`http://${balancer.host}:${balancer.port}`, { reconnection: true });
      const opened = acked(await send(customer.socket, 'Before the restart'));
      await http(a.url, 'POST', `/api/tickets/${opened.ticketId}/assign`, { token: leadToken, body: { agentId: agent.id } });
      expect(b.app.get(NodeLifecycle).localSockets()['/customer']).toBe(1);

      // A write reaches node B, and node B is told to shut down while it is being handled.
      const clientMsgId = randomUUID();
      const inFlight = send(customer.socket, 'Sent as the node stops', clientMsgId);
      const lifecycle = b.app.get(NodeLifecycle);
      for (let i = 0; i < 200 && lifecycle.pendingWrites === 0; i++) await new Promise((r) => setTimeout(r, 5));
      const reconnected = new Promise<void>((resolve) => customer.socket.once('disconnect', () => customer.socket.once('connect', () => resolve())));
      const drained = lifecycle.drain(5_000);
      expect(acked(await inFlight)).toMatchObject({ body: 'Sent as the node stops', clientMsgId });
      expect((await drained).closed).toBeGreaterThanOrEqual(1);
      await reconnected;
      expect({ a: a.app.get(NodeLifecycle).localSockets()['/customer'], b: lifecycle.localSockets()['/customer'] }).toEqual({ a: 1, b: 0 });
      // Node B takes no new sockets now.
      expect(await new Promise((resolve) => open(b.url, '/customer', { inboxKey: world.widgetKey }).once('connect_error', () => resolve('refused')).once('connect', () => resolve('connected')))).toBe('refused');

      const rows = await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE client_msg_id = $1', [clientMsgId]);
      expect(rows[0].n).toBe(1);
      const reply = nextEvent<MessageView>(customer.socket, 'message.created', (m) => m.direction === 'outbound');
      await http(a.url, 'POST', `/api/tickets/${opened.ticketId}/messages`, { token: agent.token, body: { clientMsgId: randomUUID(), kind: 'reply', body: 'Still here after the restart' } });
      expect((await reply).body).toBe('Still here after the restart');
    } finally {
      await balancer.stop();
    }
  });
});
