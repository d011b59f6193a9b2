import { NodeLifecycle } from '@switchboard/api-realtime';
import type { OfferView } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld } from '../testing/routing-world';
import { nextEvent } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const TOKEN = `scrape-${randomUUID()}`;

/** The value of one sample (`name{labels} value`) in a Prometheus text exposition; undefined when absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

/** GET /metrics, liveness and readiness as an operator's Prometheus and load balancer see them. */
describe('observability', () => {
  let t: TestApp;
  let world: RoutingWorld;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN, ROUTING_ENABLED: 'true', ROUTING_TICK_MS: '50' });
    world = await createRoutingWorld('metrics');
    const admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    const node = nodeClient(t.url, sockets);
    const queue = await node.queue(admin, world.clientId, { name: 'Observed', channels: ['chat'] });
    await node.route(admin, world.inboxId, { defaultQueueId: queue.id });
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await world.closeAll();
    await t.close();
    await destroyRoutingWorlds();
  });

  const scrape = async () => {
    const r = await http<string>(t.url, 'GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    return r.body;
  };

  it('refuses a scrape without the token or with a wrong one', async () => {
    const none = await http<{ error: { code: string } }>(t.url, 'GET', '/metrics');
    const wrong = await http<{ error: { code: string } }>(t.url, 'GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect([none.status, none.body.error.code, wrong.status, wrong.body.error.code]).toEqual([401, 'AUTH_REQUIRED', 401, 'AUTH_REQUIRED']);
  });

  it('counts sockets, queue depth, offers, routing and delivery latency as the work happens, with event-loop lag', async () => {
    const node = nodeClient(t.url, sockets);
    const before = await scrape();
    expect(sample(before, 'switchboard_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    const deliveredBefore = sample(before, 'switchboard_message_delivery_seconds_count', 'direction="inbound"') ?? 0;
    const offeredBefore = sample(before, 'switchboard_offers_total', 'outcome="offered"') ?? 0;

    // A customer waits (no agent yet): the queue is one deeper and their socket is counted.
    const waiting = await node.chat(world.widgetKey, 'Is anyone there?');
    const queued = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM tickets WHERE status = 'queued' AND channel = 'chat'`);
    const during = await scrape();
    expect(sample(during, 'switchboard_queue_depth', 'channel="chat"')).toBe(queued[0].n);
    expect(sample(during, 'switchboard_sockets', 'namespace="/customer"')).toBe(1);
    expect(sample(during, 'switchboard_message_delivery_seconds_count', 'direction="inbound"')).toBe(deliveredBefore + 1);

    // An agent comes online: the ticket is offered.
    const agent = await node.online(await world.agent('Mo Metrics'));
    const offer = await nextEvent<OfferView>(agent.socket, 'ticket.offered', (o) => o.ticketId === waiting.ticketId, 10_000);
    expect(offer.ticketId).toBe(waiting.ticketId);
    const after = await scrape();
    expect(sample(after, 'switchboard_offers_total', 'outcome="offered"')).toBe(offeredBefore + 1);
    expect(sample(after, 'switchboard_routing_seconds_count', 'channel="chat"')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'switchboard_sockets', 'namespace="/agent"')).toBe(1);
  });

  it('answers liveness and readiness; readiness turns 503 with Retry-After once the node drains', async () => {
    expect((await http(t.url, 'GET', '/api/health/live')).status).toBe(200);
    const ready = await http<{ status: string; redis: string }>(t.url, 'GET', '/api/health/ready');
    expect({ status: ready.status, body: ready.body.status, redis: ready.body.redis }).toEqual({ status: 200, body: 'ready', redis: 'off' });
    await t.app.get(NodeLifecycle).drain(0);
    const draining = await http<{ error: { message: string } }>(t.url, 'GET', '/api/health/ready');
    expect({ status: draining.status, retryAfter: draining.headers.get('retry-after'), says: draining.body.error.message }).toEqual({ status: 503, retryAfter: '5', says: 'Not ready: the node is shutting down.' });
    expect((await http(t.url, 'GET', '/api/health/live')).status).toBe(200);
    expect(sample(await scrape(), 'switchboard_draining')).toBe(1);
  });
});
