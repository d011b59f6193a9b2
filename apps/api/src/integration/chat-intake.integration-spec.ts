import type { AgentServerEvents, OutboxEntry, VisitorProfile, CustomerClientEvents, CustomerServerEvents, ErrorResponse, MessageView, TicketSummary, VisitorSession } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { allPages, http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';
import { acked, emitAck, nextEvent } from '../testing/socket-events';

type Widget = Socket<CustomerServerEvents, CustomerClientEvents>;

describe('chat intake through the widget socket', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  // Live chat whatever the hour and whoever is signed in; the offline test below turns offline messages back on.
  const setOfflineMessages = (on: boolean) => ownerQuery(`UPDATE inboxes SET settings = settings || jsonb_build_object('offlineMessages', $1::boolean) WHERE widget_key = 'wk_globex_demo'`, [on]);

  beforeAll(async () => {
    t = await startTestApp();
    await ownerQuery(`UPDATE agent_profiles SET state = 'offline', state_reason = NULL`);
    await setOfflineMessages(false);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => {
    await ownerQuery(`UPDATE inboxes SET settings = settings - 'offlineMessages' WHERE widget_key = 'wk_globex_demo'`);
    await t.close();
  });

  function open<S extends Socket>(namespace: string, auth: Record<string, string>): S {
    const socket = io(`${t.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket as S;
  }


  async function widget(visitorToken?: string): Promise<{ socket: Widget; session: VisitorSession }> {
    const socket = open<Widget>('/customer', visitorToken ? { inboxKey: 'wk_globex_demo', visitorToken } : { inboxKey: 'wk_globex_demo' });
    const session = await nextEvent<VisitorSession>(socket, 'visitor.session');
    return { socket, session };
  }

  const send = (socket: Widget, request: unknown) => emitAck<MessageView>(socket, 'message.send', request);

  async function staffSocket(email: string) {
    const { accessToken } = await login(t.url, email);
    const socket = open<Socket<AgentServerEvents>>('/agent', { token: accessToken });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return { socket, accessToken };
  }

  it('a first message opens a queued ticket the client’s leads see live, with the card number masked', async () => {
    const lead = await staffSocket('lead1@switchboard.demo');
    const otherClientsAgent = await staffSocket('agent3@switchboard.demo'); // Northwind only
    const strangerSaw: TicketSummary[] = [];
    otherClientsAgent.socket.on('ticket.updated', (ticket) => strangerSaw.push(ticket));

    const { socket, session } = await widget();
    expect(session).toMatchObject({ ticketId: null, messages: [] });
    expect(session.visitorToken).toMatch(/^[\w-]+\.[\w-]+$/);

    const seenByLead = nextEvent<TicketSummary>(lead.socket, 'ticket.updated');
    const ack = await send(socket, { clientMsgId: randomUUID(), body: 'Hi, my card 4111 1111 1111 1111 was charged twice' });
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.data).toMatchObject({ seq: 1, direction: 'inbound', body: 'Hi, my card **** **** **** 1111 was charged twice' });

    const ticket = await seenByLead;
    expect(ticket).toMatchObject({ id: ack.data.ticketId, channel: 'chat', status: 'queued', preview: 'Hi, my card **** **** **** 1111 was charged twice' });
    expect(ticket.reference).toMatch(/^SB-\d+$/);
    // Committed before anyone was told.
    expect(await ownerQuery('SELECT body FROM messages WHERE id = $1', [ack.data.id])).toHaveLength(1);
    const stored = await ownerQuery<{ body: string }>('SELECT body FROM messages WHERE ticket_id = $1', [ticket.id]);
    expect(JSON.stringify(stored)).not.toContain('4111 1111 1111 1111');
    const events = await ownerQuery<{ type: string }>('SELECT type FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticket.id]);
    expect(events.map((e) => e.type)).toEqual(['created', 'message_received', 'queued']);
    // It waits in the queue the inbox's default routing names.
    const [queue] = await ownerQuery<{ name: string }>('SELECT q.name FROM tickets t JOIN queues q ON q.id = t.queue_id WHERE t.id = $1', [ticket.id]);
    expect(queue?.name).toBe('Web chat & social');

    await new Promise((r) => setTimeout(r, 300));
    expect(strangerSaw).toEqual([]);
  });

  it('a retried send with the same clientMsgId makes one message; a returning visitor continues the conversation', async () => {
    const { socket, session } = await widget();
    const clientMsgId = randomUUID();
    const first = await send(socket, { clientMsgId, body: 'Where is my order?' });
    const retry = await send(socket, { clientMsgId, body: 'Where is my order?' });
    if (!first.ok || !retry.ok) throw new Error('send failed');
    expect(retry.data.id).toBe(first.data.id);
    expect(await ownerQuery('SELECT id FROM messages WHERE client_msg_id = $1', [clientMsgId])).toHaveLength(1);

    socket.disconnect();
    const back = await widget(session.visitorToken);
    expect(back.session.visitorToken).toBe(session.visitorToken);
    expect(back.session.ticketId).toBe(first.data.ticketId);
    expect(back.session.messages.map((m) => m.body)).toEqual(['Where is my order?']);

    const otherTab = await widget(session.visitorToken);
    const echoed = nextEvent<MessageView>(otherTab.socket, 'message.created');
    const second = await send(back.socket, { clientMsgId: randomUUID(), body: 'It was due Monday.' });
    if (!second.ok) throw new Error('send failed');
    expect(second.data).toMatchObject({ ticketId: first.data.ticketId, seq: 2 });
    expect((await echoed).id).toBe(second.data.id);
  });

  it('a forged visitor token gets a fresh identity, not someone else’s conversation', async () => {
    const { session } = await widget();
    const [id] = session.visitorToken.split('.');
    const forged = await widget(`${id}.not-the-signature`);
    expect(forged.session.visitorToken).not.toBe(session.visitorToken);
    expect(forged.session.ticketId).toBeNull();
  });

  it('refuses oversized and malformed messages in the ack and stores nothing', async () => {
    const { socket } = await widget();
    const [{ count: before }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM messages');
    const tooBig = await send(socket, { clientMsgId: randomUUID(), body: 'é'.repeat(4097) }); // 8,194 bytes
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'MESSAGE_TOO_LARGE' } });
    for (const bad of [{ body: 'hi' }, { clientMsgId: randomUUID(), body: '   ' }, { clientMsgId: 'x', body: 'hi' }, { clientMsgId: randomUUID(), body: 'hi', ticketId: randomUUID() }, 'hi']) {
      expect(await send(socket, bad)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    const [{ count: after }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM messages');
    expect(after).toBe(before);
  });

  it('lists open tickets to the staff of their client only', async () => {
    const { socket } = await widget();
    const ack = await send(socket, { clientMsgId: randomUUID(), body: 'Listing check' });
    if (!ack.ok) throw new Error('send failed');
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const northwindAgent = await login(t.url, 'agent3@switchboard.demo');
    const viewer = await login(t.url, 'viewer@globex.demo');
    const leadList = await allPages<TicketSummary>(t.url, '/api/tickets', lead.accessToken);
    expect(leadList.map((x) => x.id)).toContain(ack.data.ticketId);
    const agentList = await allPages<TicketSummary>(t.url, '/api/tickets', northwindAgent.accessToken);
    expect(agentList.map((x) => x.id)).not.toContain(ack.data.ticketId);
    const viewerList = await http<ErrorResponse>(t.url, 'GET', '/api/tickets', { token: viewer.accessToken });
    expect(viewerList.status).toBe(403);
  });

  it('outside hours or with nobody available, takes a message with the visitor’s email and answers it by email', async () => {
    await setOfflineMessages(true);
    try {
      const { socket } = await widget();
      const [{ count: before }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM messages');
      const withoutEmail = await send(socket, { clientMsgId: randomUUID(), body: 'Do you ship to Cebu?' });
      expect(withoutEmail).toMatchObject({ ok: false, error: { code: 'VISITOR_DETAILS_REQUIRED', fields: [{ field: 'email' }] } });
      expect(await emitAck(socket, 'visitor.profile', { name: 'Ana', email: 'not-an-email' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', fields: [{ field: 'email' }] } });
      expect((await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM messages'))[0].count).toBe(before);

      expect(acked(await emitAck<VisitorProfile>(socket, 'visitor.profile', { name: 'Ana Lim', email: 'Ana.Lim@Example.com' }))).toEqual({ name: 'Ana Lim', email: 'ana.lim@example.com' });
      const message = acked(await send(socket, { clientMsgId: randomUUID(), body: 'Do you ship to Cebu? I need it by Friday.' }));
      const [ticket] = await ownerQuery<{ mode: string; display_name: string; email: string }>('SELECT t.mode, c.display_name, c.email FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1', [message.ticketId]);
      expect(ticket).toEqual({ mode: 'async', display_name: 'Ana Lim', email: 'ana.lim@example.com' });

      const lead = await login(t.url, 'lead1@switchboard.demo');
      const reply = await http(t.url, 'POST', `/api/tickets/${message.ticketId}/messages`, { token: lead.accessToken, body: { clientMsgId: randomUUID(), kind: 'reply', body: 'Yes, we ship to Cebu in 3 days.' } });
      expect(reply.status).toBe(201);
      // Without SMTP_URL the email lands in the local outbox, which admins read.
      const admin = await login(t.url, 'admin@switchboard.demo');
      let mail: OutboxEntry | undefined;
      for (let i = 0; i < 50 && !mail; i++) {
        const outbox = await http<OutboxEntry[]>(t.url, 'GET', '/api/outbox', { token: admin.accessToken });
        mail = outbox.body.find((entry) => entry.recipient === 'ana.lim@example.com');
        if (!mail) await new Promise((r) => setTimeout(r, 100));
      }
      expect(mail).toMatchObject({ kind: 'email', subject: expect.stringMatching(/\[SB-\d+\]$/) });
      expect(mail?.payload).toContain('Yes, we ship to Cebu in 3 days.');
      expect(mail?.payload).toMatch(/^From: Globex Retail <orders@globex\.demo>$/m);
      expect((await http(t.url, 'GET', '/api/outbox', { token: lead.accessToken })).status).toBe(403);
      const [delivered] = await ownerQuery<{ delivery_status: string }>('SELECT delivery_status FROM messages WHERE ticket_id = $1 AND direction = $2', [message.ticketId, 'outbound']);
      expect(delivered.delivery_status).toBe('sent');
    } finally {
      await setOfflineMessages(false);
    }
  });
});
