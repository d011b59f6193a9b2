import type { OfferView, QueueView, TicketAssigned } from '@switchboard/shared-contracts';
import type { Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld } from '../testing/routing-world';
import { acked, emitAck, nextEvent, record } from '../testing/socket-events';
import { login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * A round plans with the node's picture of the ready agents, which may be older than the last change
 * (here: ten minutes, so the picture is surely stale). The agents it chooses are checked again under
 * lock; an agent whose clients or skills changed since gets nothing from the old picture.
 */
describe('routing with an old picture of the ready agents', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let general: QueueView;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ ROUTING_ENABLED: 'true', ROUTING_TICK_MS: '100', ROUTING_AGENTS_MAX_AGE_MS: '600000' });
    world = await createRoutingWorld('snapshot');
    const node = nodeClient(t.url, sockets);
    const admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    general = await node.queue(admin, world.clientId, { name: 'General', channels: ['chat'] });
    await node.route(admin, world.inboxId, { defaultQueueId: general.id });
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await world.closeAll();
    await t.close();
    await destroyRoutingWorlds();
  });

  it('never offers a ticket to an agent taken off its client after the picture was read', async () => {
    const node = nodeClient(t.url, sockets);
    const ivy = await node.online(await world.agent('Ivy Moved', { capacity: { voice: 1, chat: 3, email: 5, social: 3 } }));

    // A first chat makes the node read its picture: Ivy, ready, serving the client.
    const first = await node.chat(world.widgetKey, 'Hello, I would like to change my delivery address');
    const offer = await nextEvent<OfferView>(ivy.socket, 'ticket.offered', (o) => o.ticketId === first.ticketId);
    acked(await emitAck<TicketAssigned>(ivy.socket, 'offer.accept', { offerId: offer.id }));

    // Taken off the client. The node's picture (ten minutes old at most) still has her serving it.
    await ownerQuery('DELETE FROM staff_clients WHERE user_id = $1 AND client_id = $2', [ivy.id, world.clientId]);
    const offers = record<OfferView>(ivy.socket, 'ticket.offered');
    const second = await node.chat(world.widgetKey, 'Good morning, where is my refund for the last order');
    await new Promise((r) => setTimeout(r, 1_000));

    expect(offers).toEqual([]);
    expect(await ownerQuery('SELECT agent_id FROM offers WHERE ticket_id = $1', [second.ticketId])).toEqual([]);
    expect((await ownerQuery<{ status: string }>('SELECT status FROM tickets WHERE id = $1', [second.ticketId]))[0].status).toBe('queued');
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [ivy.id, world.clientId]);
  });
});
