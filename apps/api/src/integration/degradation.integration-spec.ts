import { FanOutConnection } from '@switchboard/api-realtime';
import type { MessageView, StaffMessageView, SyncRequired, SyncResponse, VisitorSession } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld } from '../testing/routing-world';
import { acked, connected, emitAck, nextEvent } from '../testing/socket-events';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';
import { describeWithRedis, TEST_REDIS_URL } from '../testing/redis-available';

const REDIS = TEST_REDIS_URL;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Graceful degradation. Database unreachable: HTTP answers 503 with Retry-After, sockets stay
 * connected, a customer's send gets an error ack (and the retry, once it is back, makes one message).
 * Redis unreachable: each node keeps serving its own sockets; when Redis returns, cross-node delivery
 * resumes and clients are told to catch up. PostgreSQL and Redis are the machine's, reached through
 * proxies the test cuts: the services themselves are never touched.
 */
describeWithRedis('graceful degradation', () => {
  let postgres: TcpProxy;
  let redis: TcpProxy;
  let a: TestApp;
  let b: TestApp;
  let world: RoutingWorld;
  let leadToken: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    const owner = new URL(process.env['TEST_DATABASE_URL'] ?? '');
    postgres = await startTcpProxy([`${owner.hostname}:${owner.port || 5432}`]);
    redis = await startTcpProxy([`${REDIS.hostname}:${REDIS.port || 6379}`]);
    const viaProxy = new URL(owner);
    viaProxy.host = `${postgres.host}:${postgres.port}`;
    const env = { REDIS_URL: `redis://${redis.host}:${redis.port}`, REDIS_STREAM: `switchboard:test:${randomUUID()}` };
    // Node A reaches PostgreSQL through the proxy the test cuts; node B directly.
    [a, b] = await Promise.all([startTestApp({ ...env, DATABASE_URL: viaProxy.toString(), NODE_ID: 'node-a' }), startTestApp({ ...env, NODE_ID: 'node-b' })]);
    world = await createRoutingWorld('degrade');
    leadToken = (await login(b.url, world.lead.email)).accessToken;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(async () => {
    await Promise.all([postgres.start(), redis.start()]);
    await Promise.all([a.close(), b.close()]);
    await Promise.all([postgres.stop(), redis.stop()]);
    await destroyRoutingWorlds();
  });

  function open(base: string, namespace: string, auth: Record<string, string>): Socket {
    const socket = io(`${base}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }
  async function customer(base: string) {
    const socket = open(base, '/customer', { inboxKey: world.widgetKey });
    const session = await nextEvent<VisitorSession>(socket, 'visitor.session');
    return { socket, session };
  }
  const send = (socket: Socket, body: string, clientMsgId = randomUUID()) => emitAck<MessageView>(socket, 'message.send', { clientMsgId, body });

  it('database away: 503 with Retry-After over HTTP, an error ack for the send, sockets stay up; back: the retried send makes one message', async () => {
    const visitor = await customer(a.url);
    const opened = acked(await send(visitor.socket, 'Hello before the outage'));
    const agent = await world.agent('Dee Down');
    const { accessToken } = await login(a.url, agent.email);
    const agentSocket = open(a.url, '/agent', { token: accessToken });
    await connected(agentSocket);

    await postgres.stop();
    try {
      const health = await http(a.url, 'GET', '/api/health');
      expect({ status: health.status, retryAfter: health.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
      const ready = await http<{ error: { code: string; message: string } }>(a.url, 'GET', '/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.error.message).toContain('database');
      expect((await http(a.url, 'GET', '/api/health/live')).status).toBe(200);
      const list = await http<{ error: { code: string } }>(a.url, 'GET', '/api/tickets', { token: accessToken });
      expect({ status: list.status, code: list.body.error.code, retryAfter: list.headers.get('retry-after') }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });

      const clientMsgId = randomUUID();
      const refusedSend = await send(visitor.socket, 'Sent while the database is away', clientMsgId);
      expect(refusedSend).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
      expect([visitor.socket.connected, agentSocket.connected]).toEqual([true, true]);

      await postgres.start();
      await until(async () => (await http(a.url, 'GET', '/api/health/ready')).status === 200, 'node A to be ready again');
      const retried = acked(await send(visitor.socket, 'Sent while the database is away', clientMsgId));
      expect(retried.ticketId).toBe(opened.ticketId);
      expect(await ownerQuery('SELECT 1 FROM messages WHERE client_msg_id = $1', [clientMsgId])).toHaveLength(1);
    } finally {
      await postgres.start();
    }
  });

  it('Redis away: each node still serves its own sockets; back: events cross nodes again, clients are told to catch up and get what they missed', async () => {
    const agent = await world.agent('Rex Redis');
    const { accessToken } = await login(a.url, agent.email);
    const onA = open(a.url, '/agent', { token: accessToken });
    const onB = open(b.url, '/agent', { token: accessToken });
    await Promise.all([connected(onA), connected(onB)]);
    const visitor = await customer(b.url);
    const first = acked(await send(visitor.socket, 'Before Redis goes'));
    expect((await http(b.url, 'POST', `/api/tickets/${first.ticketId}/assign`, { token: leadToken, body: { agentId: agent.id } })).status).toBe(200);

    await redis.stop();
    try {
      await until(() => a.app.get(FanOutConnection).state === 'down' && b.app.get(FanOutConnection).state === 'down', 'both nodes to notice Redis is gone');
      // Still ready (every node would be unready at once otherwise), and it says why events may lag.
      const ready = await http<{ redis: string }>(b.url, 'GET', '/api/health/ready');
      expect({ status: ready.status, redis: ready.body.redis }).toEqual({ status: 200, redis: 'down' });
      // Node B's own socket hears the customer on node B at once.
      const local = nextEvent<StaffMessageView>(onB, 'message.created', (m) => m.body === 'While Redis is away');
      const during = acked(await send(visitor.socket, 'While Redis is away'));
      expect((await local).id).toBe(during.id);

      const told = nextEvent<SyncRequired>(onA, 'sync.required');
      await redis.start();
      expect(await told).toEqual({ reason: 'fan_out_restored' });
      await until(() => b.app.get(FanOutConnection).state === 'up', 'node B to reconnect to Redis');
      // Node A's console catches up on what it may have missed …
      const caught = acked(await emitAck<SyncResponse<StaffMessageView>>(onA, 'messages.sync', { cursors: [{ ticketId: first.ticketId, afterSeq: first.seq }] }));
      expect(caught.tickets[0].messages.map((m) => m.id)).toEqual([during.id]);
      // … and hears the next line live across nodes again.
      const live = nextEvent<StaffMessageView>(onA, 'message.created', (m) => m.body === 'After Redis is back');
      const after = acked(await send(visitor.socket, 'After Redis is back'));
      expect((await live).id).toBe(after.id);
      expect([onA.connected, onB.connected, visitor.socket.connected]).toEqual([true, true, true]);
    } finally {
      await redis.start();
    }
  });
});
