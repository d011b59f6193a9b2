import type { Ack, ConnectErrorData, MessageView, StaffMessageView, SyncResponse, VisitorSession } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { acked, connected, emitAck, nextEvent } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * No loss, no duplicates: after a reconnect a client asks for what came after the last seq it saw on
 * each ticket and gets exactly that; a retried send never makes a second message; a cursor that is not
 * the caller's gets an error and nothing else; a reconnect loop is refused without slowing anyone else.
 */
describe('catch-up after a reconnect', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let leadToken: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // 6 connections a minute per identity, burst 3: small enough to flood in a test.
    t = await startTestApp({ RECONNECTS_PER_MINUTE: '6' });
    world = await createRoutingWorld('sync');
    leadToken = (await login(t.url, world.lead.email)).accessToken;
  });
  afterEach(() => {
    sockets.splice(0).forEach((s) => s.disconnect());
  });
  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  function open(namespace: string, auth: Record<string, string>): Socket {
    const socket = io(`${t.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }
  async function visitor(visitorToken?: string) {
    const socket = open('/customer', visitorToken ? { inboxKey: world.widgetKey, visitorToken } : { inboxKey: world.widgetKey });
    const session = await nextEvent<VisitorSession>(socket, 'visitor.session');
    return { socket, session };
  }
  async function agentSocket(agent: WorldAgent) {
    const { accessToken } = await login(t.url, agent.email);
    const socket = open('/agent', { token: accessToken });
    await connected(socket);
    return { socket, token: accessToken };
  }
  const send = (socket: Socket, body: string, clientMsgId = randomUUID()) => emitAck<MessageView>(socket, 'message.send', { clientMsgId, body });
  const sync = <M>(socket: Socket, payload: unknown) => emitAck<SyncResponse<M>>(socket, 'messages.sync', payload);
  const write = (token: string, ticketId: string, kind: 'reply' | 'note', body: string) =>
    http<MessageView>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token, body: { clientMsgId: randomUUID(), kind, body } }).then((r) => {
      if (r.status !== 201) throw new Error(`${kind} failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    });

  /** A conversation with an assigned agent: the customer wrote once. */
  async function conversation(name: string) {
    const agent = await world.agent(name);
    const staff = await agentSocket(agent);
    const customer = await visitor();
    const first = acked(await send(customer.socket, 'My parcel has not arrived'));
    expect((await http(t.url, 'POST', `/api/tickets/${first.ticketId}/assign`, { token: leadToken, body: { agentId: agent.id } })).status).toBe(200);
    return { agent, staff, customer, ticketId: first.ticketId, first };
  }

  it('a customer who was away gets exactly the replies they missed — not the internal note, not what they already had', async () => {
    const { staff, customer, ticketId } = await conversation('Ari Away');
    const seen = nextEvent<MessageView>(customer.socket, 'message.created', (m) => m.body === 'Let me check.');
    await write(staff.token, ticketId, 'reply', 'Let me check.');
    const cursor = (await seen).seq;
    customer.socket.disconnect();

    await write(staff.token, ticketId, 'note', 'Carrier says lost — offer a refund');
    const missed = [await write(staff.token, ticketId, 'reply', 'It was lost in transit.'), await write(staff.token, ticketId, 'reply', 'I have refunded you.')];

    const back = await visitor(customer.session.visitorToken);
    const caught = acked(await sync<MessageView>(back.socket, { cursors: [{ ticketId, afterSeq: cursor }] }));
    expect(caught.tickets).toEqual([{ ticketId, messages: missed.map((m) => expect.objectContaining({ id: m.id, seq: m.seq, body: m.body, direction: 'outbound' })), lastSeq: missed[1].seq, more: false }]);
    // Caught up: asking again from the new cursor gives nothing more.
    const again = acked(await sync<MessageView>(back.socket, { cursors: [{ ticketId, afterSeq: missed[1].seq }] }));
    expect(again.tickets[0].messages).toEqual([]);
  });

  it("the agent's console catches up on everything after its cursor, notes included, each line once", async () => {
    const { agent, staff, customer, ticketId, first } = await conversation('Bea Back');
    staff.socket.disconnect();
    const second = acked(await send(customer.socket, 'Hello?'));
    const note = await write(leadToken, ticketId, 'note', 'Lead: watch the tone here');
    const third = acked(await send(customer.socket, 'Anyone there?'));

    const again = await agentSocket(agent);
    const caught = acked(await sync<StaffMessageView>(again.socket, { cursors: [{ ticketId, afterSeq: first.seq }] }));
    expect(caught.tickets[0].messages.map((m) => [m.seq, m.direction, m.body])).toEqual([
      [second.seq, 'inbound', 'Hello?'],
      [note.seq, 'note', 'Lead: watch the tone here'],
      [third.seq, 'inbound', 'Anyone there?'],
    ]);
    expect(caught.tickets[0].messages.every((m) => Array.isArray(m.attachments))).toBe(true);
  });

  it('a send retried with the same clientMsgId — on the same socket or after a reconnect — makes one message', async () => {
    const customer = await visitor();
    const clientMsgId = randomUUID();
    const once = acked(await send(customer.socket, 'Only once please', clientMsgId));
    const twice = acked(await send(customer.socket, 'Only once please', clientMsgId));
    customer.socket.disconnect();
    const back = await visitor(customer.session.visitorToken);
    const thrice = acked(await send(back.socket, 'Only once please', clientMsgId));
    expect([twice.id, thrice.id]).toEqual([once.id, once.id]);
    expect(await ownerQuery('SELECT id FROM messages WHERE client_msg_id = $1', [clientMsgId])).toHaveLength(1);
  });

  it("refuses a cursor from the future, another visitor's or another client's ticket, and malformed cursors — with a code and no messages", async () => {
    const { staff, customer, ticketId, first } = await conversation('Cal Cursor');
    const stranger = await visitor();
    acked(await send(stranger.socket, 'I am someone else'));
    const ahead = await sync<MessageView>(customer.socket, { cursors: [{ ticketId, afterSeq: first.seq + 50 }] });
    expect(ahead).toMatchObject({ ok: false, error: { code: 'SYNC_CURSOR_AHEAD', fields: [{ field: 'cursors.0.afterSeq' }] } });
    expect(await sync(stranger.socket, { cursors: [{ ticketId, afterSeq: 0 }] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // One foreign ticket among the caller's own: the whole request is refused, so nothing leaks.
    const mixed = await sync(stranger.socket, { cursors: [{ ticketId: (await ownerQuery<{ ticket_id: string }>(`SELECT ticket_id FROM messages WHERE body = 'I am someone else'`))[0].ticket_id, afterSeq: 0 }, { ticketId, afterSeq: 0 }] });
    expect(mixed).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
    // Staff of another client (a demo agent) cannot read this client's ticket.
    const outsider = open('/agent', { token: (await login(t.url, 'agent1@switchboard.demo')).accessToken });
    await connected(outsider);
    expect(await sync(outsider, { cursors: [{ ticketId, afterSeq: 0 }] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    for (const bad of [{}, { cursors: [] }, { cursors: [{ ticketId, afterSeq: -1 }] }, { cursors: [{ ticketId, afterSeq: 'x' }] }, { cursors: [{ ticketId: 'nope', afterSeq: 0 }] }, { cursors: [{ ticketId, afterSeq: 0 }, { ticketId, afterSeq: 1 }] }, { cursors: Array.from({ length: 101 }, () => ({ ticketId: randomUUID(), afterSeq: 0 })) }, 'all', null]) {
      const ack = (await sync(staff.socket, bad)) as Ack<unknown>;
      expect({ bad, code: ack.ok ? 'ok' : ack.error.code }).toEqual({ bad, code: 'VALIDATION_FAILED' });
    }
  });

  it("refuses one agent's reconnect loop with RATE_LIMITED and a wait, while another agent connects at once", async () => {
    const looping = await world.agent('Lou Loop');
    const calm = await world.agent('Cam Calm');
    const { accessToken } = await login(t.url, looping.email);
    const outcomes: string[] = [];
    let limited: ConnectErrorData | undefined;
    for (let i = 0; i < 8; i++) {
      const socket = open('/agent', { token: accessToken });
      const result = await new Promise<ConnectErrorData | 'connected'>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error: Error & { data?: ConnectErrorData }) => resolve(error.data ?? { code: 'INTERNAL', message: error.message }));
      });
      outcomes.push(result === 'connected' ? 'connected' : result.code);
      if (result !== 'connected') limited = result;
      socket.disconnect();
    }
    // The burst (3) passes, the rest of the loop is refused.
    expect(outcomes).toEqual(['connected', 'connected', 'connected', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(limited?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await agentSocket(calm);
    // A flood of catch-up requests on one socket is cut off the same way.
    const { staff, ticketId } = await conversation('Syd Sync');
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ack = (await sync(staff.socket, { cursors: [{ ticketId, afterSeq: 0 }] })) as Ack<unknown>;
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes).toEqual([...Array(10).fill('ok'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });
});
