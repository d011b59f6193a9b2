import type {
  AgentServerEvents,
  CustomerTyping,
  AgentTyping,
  CustomerServerEvents,
  ErrorResponse,
  MessageView,
  TicketDetail,
  TicketSummary,
  TimelinePage,
  VisitorSession,
  VisitorTicketStatus,
} from '@switchboard/shared-contracts';
import { simpleParser } from 'mailparser';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { io, type Socket } from 'socket.io-client';
import { SmtpListener } from '@switchboard/api-channels';
import { acked, connected, emitAck, nextEvent, record, refused } from '../testing/socket-events';
import { allPages, http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const META_SECRET = 'conversation-meta-secret-01';
const GRAPH_TOKEN = 'graph-token-for-tests';

/** A mail server that receives our outbound replies (what SMTP_URL points at). */
async function startMailSink(): Promise<{ url: string; mails: Buffer[]; close(): Promise<void> }> {
  const mails: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A stand-in for the Graph API send endpoint that records what it was asked; `failWith` makes it refuse. */
async function startFakeGraph() {
  const requests: { path: string; auth: string | undefined; body: Record<string, unknown> }[] = [];
  const state = { failWith: 0 };
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', auth: req.headers.authorization, body: JSON.parse(raw || '{}') });
      res.setHeader('content-type', 'application/json');
      if (state.failWith) {
        res.statusCode = state.failWith;
        return res.end(JSON.stringify({ error: { message: '(#100) The recipient is not available', code: 100 } }));
      }
      res.end(JSON.stringify({ recipient_id: 'x', message_id: `m_out_${requests.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v21.0`, requests, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('conversations: agents answer on every channel', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startMailSink>>;
  let graph: Awaited<ReturnType<typeof startFakeGraph>>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    sink = await startMailSink();
    graph = await startFakeGraph();
    t = await startTestApp({ SMTP_URL: sink.url, META_APP_SECRET: META_SECRET, META_ACCESS_TOKEN: GRAPH_TOKEN, META_GRAPH_URL: graph.url, OUTBOUND_MAX_ATTEMPTS: '2' });
    await ownerQuery(`UPDATE inboxes SET settings = settings || '{"offlineMessages": false}' WHERE channel = 'chat'`);
  });
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(async () => {
    await ownerQuery(`UPDATE inboxes SET settings = settings - 'offlineMessages', allowed_origins = '{}' WHERE channel = 'chat'`);
    await t.close();
    await sink.close();
    await graph.close();
  });

  function open<S extends Socket>(namespace: string, auth: Record<string, string>, origin?: string): S {
    const socket = io(`${t.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: origin ? { origin } : undefined });
    sockets.push(socket);
    return socket as S;
  }

  async function widget(inboxKey = 'wk_globex_demo', visitorToken?: string) {
    const socket = open<Socket<CustomerServerEvents>>('/customer', visitorToken ? { inboxKey, visitorToken } : { inboxKey });
    const session = await nextEvent<VisitorSession>(socket, 'visitor.session');
    return { socket, session };
  }

  async function staff(email: string) {
    const { accessToken } = await login(t.url, email);
    const socket = open<Socket<AgentServerEvents>>('/agent', { token: accessToken });
    await connected(socket);
    return { token: accessToken, socket };
  }

  const reply = (token: string, ticketId: string, body: string, kind: 'reply' | 'note' = 'reply', clientMsgId = randomUUID()) =>
    http<MessageView & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token, body: { clientMsgId, kind, body } });

  async function chatTicket(body = 'Hi, where is order 5521?') {
    const visitor = await widget();
    const message = acked(await emitAck<MessageView>(visitor.socket, 'message.send', { clientMsgId: randomUUID(), body }));
    return { ...visitor, ticketId: message.ticketId };
  }

  it('an agent takes a chat and replies live; the visitor sees the agent’s first name, never an internal note', async () => {
    const { socket: visitor, ticketId } = await chatTicket();
    const maria = await staff('agent1@switchboard.demo');
    const notesSeen = record<MessageView>(visitor, 'message.created');

    const early = await reply(maria.token, ticketId, 'Hello!');
    expect([early.status, early.body.error?.code]).toEqual([403, 'TICKET_NOT_YOURS']);
    const taken = await http<TicketSummary>(t.url, 'POST', `/api/tickets/${ticketId}/assign`, { token: maria.token, body: {} });
    expect(taken.body).toMatchObject({ status: 'assigned', assigneeId: expect.any(String) });

    const heard = nextEvent<MessageView>(visitor, 'message.created', (m) => m.direction === 'outbound');
    const clientMsgId = randomUUID();
    const sent = await reply(maria.token, ticketId, 'Hi! Your card 4111 1111 1111 1111 is safe; order 5521 ships today.', 'reply', clientMsgId);
    expect(sent.status).toBe(201);
    expect(await heard).toMatchObject({ id: sent.body.id, authorName: 'Maria', body: 'Hi! Your card **** **** **** 1111 is safe; order 5521 ships today.' });
    const retried = await reply(maria.token, ticketId, 'Hi! Your card 4111 1111 1111 1111 is safe; order 5521 ships today.', 'reply', clientMsgId);
    expect(retried.body.id).toBe(sent.body.id);

    await reply(maria.token, ticketId, 'Customer sounded upset — be gentle', 'note');
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: maria.token });
    expect(detail.body.messages.map((m) => [m.direction, m.authorName])).toEqual([
      ['inbound', null],
      ['outbound', 'Maria Santos'],
      ['note', 'Maria Santos'],
    ]);
    const events = await ownerQuery<{ type: string }>('SELECT type FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId]);
    expect(events.map((e) => e.type)).toEqual(['created', 'message_received', 'queued', 'assigned', 'first_response', 'reply', 'note']);
    await new Promise((r) => setTimeout(r, 200));
    expect(notesSeen.filter((m) => m.direction === 'note')).toEqual([]);
  });

  it('the agent’s desk: their own tickets only, the customer’s messages without watching, and word when a lead moves the ticket', async () => {
    const { socket: visitor, ticketId } = await chatTicket('Hello, my order 7781 has not arrived yet');
    const maria = await staff('agent1@switchboard.demo');
    acked(await emitAck(maria.socket, 'ticket.watch', { ticketId })); // watching is not what makes her hear it: unwatch again
    acked(await emitAck(maria.socket, 'ticket.unwatch', { ticketId }));
    await http(t.url, 'POST', `/api/tickets/${ticketId}/assign`, { token: maria.token, body: {} });

    const mine = await allPages<TicketSummary>(t.url, '/api/tickets?assignee=me', maria.token);
    expect(mine.map((ticket) => ticket.id)).toContain(ticketId);
    expect(mine.every((ticket) => ticket.assigneeId === mine[0].assigneeId)).toBe(true);
    const everyone = await allPages<TicketSummary>(t.url, '/api/tickets', maria.token);
    expect(everyone.length).toBeGreaterThanOrEqual(mine.length);
    const bad = await http<ErrorResponse>(t.url, 'GET', '/api/tickets?assignee=someone', { token: maria.token });
    expect([bad.status, bad.body.error.code, bad.body.error.fields?.[0].field]).toEqual([400, 'VALIDATION_FAILED', 'assignee']);

    const heard = nextEvent<MessageView>(maria.socket, 'message.created', (m) => m.ticketId === ticketId && m.direction === 'inbound');
    acked(await emitAck<MessageView>(visitor, 'message.send', { clientMsgId: randomUUID(), body: 'Any news on it?' }));
    expect((await heard).body).toBe('Any news on it?');

    // A lead gives the ticket to Jose: Maria’s desk hears that it is no longer hers.
    const lead = await staff('lead1@switchboard.demo');
    const [jose] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'agent2@switchboard.demo'`);
    const moved = nextEvent<TicketSummary>(maria.socket, 'ticket.updated', (summary) => summary.id === ticketId && summary.assigneeId === jose.id);
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/assign`, { token: lead.token, body: { agentId: jose.id } })).status).toBe(200);
    await moved;
    expect((await allPages<TicketSummary>(t.url, '/api/tickets?assignee=me', maria.token)).map((ticket) => ticket.id)).not.toContain(ticketId);
  });

  it('a long conversation opens on its latest 100 lines and pages back, each line once', async () => {
    const { ticketId } = await chatTicket('Line 1 of a very long chat');
    // 249 more customer lines, written the way intake numbers them (seq 2…250).
    await ownerQuery(
      `INSERT INTO messages (client_id, ticket_id, seq, direction, body, delivery_status)
       SELECT t.client_id, t.id, n, 'inbound', 'Line ' || n || ' of a very long chat', 'received' FROM tickets t, generate_series(2, 250) n WHERE t.id = $1`,
      [ticketId],
    );
    await ownerQuery('UPDATE tickets SET next_seq = 251 WHERE id = $1', [ticketId]);
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: lead.accessToken });
    expect(detail.body.messages.map((m) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 151 + i));
    expect(detail.body.hasEarlierMessages).toBe(true);

    const seen = [...detail.body.messages];
    let before = seen[0].seq;
    for (let more = true; more; ) {
      const page = await http<TimelinePage>(t.url, 'GET', `/api/tickets/${ticketId}/messages?before=${before}`, { token: lead.accessToken });
      expect(page.status).toBe(200);
      seen.unshift(...page.body.messages);
      before = page.body.messages[0].seq;
      more = page.body.hasMore;
    }
    expect(seen.map((m) => m.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));

    for (const query of ['before=0', 'before=abc', 'limit=101', 'limit=0', 'before=1.5']) {
      const refused = await http<ErrorResponse>(t.url, 'GET', `/api/tickets/${ticketId}/messages?${query}`, { token: lead.accessToken });
      expect([query, refused.status, refused.body.error.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
    const foreign = (await login(t.url, 'agent3@switchboard.demo')).accessToken; // Northwind only
    expect((await http(t.url, 'GET', `/api/tickets/${ticketId}/messages?before=100`, { token: foreign })).status).toBe(404);
  });

  it('keeps each client’s tickets to its own staff, and refuses bad requests without writing', async () => {
    const { ticketId } = await chatTicket('Isolation check');
    const northwindAgent = await staff('agent3@switchboard.demo');
    const viewer = await login(t.url, 'viewer@globex.demo');
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const before = await ownerQuery('SELECT id FROM messages WHERE ticket_id = $1', [ticketId]);

    expect((await http(t.url, 'GET', `/api/tickets/${ticketId}`, { token: northwindAgent.token })).status).toBe(404);
    expect((await reply(northwindAgent.token, ticketId, 'sneaky', 'note')).status).toBe(404);
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/assign`, { token: northwindAgent.token, body: {} })).status).toBe(404);
    expect((await http(t.url, 'GET', `/api/tickets/${ticketId}`, { token: viewer.accessToken })).status).toBe(403);
    expect(await emitAck(northwindAgent.socket, 'ticket.watch', { ticketId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await emitAck(northwindAgent.socket, 'typing.set', { ticketId, typing: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await emitAck(northwindAgent.socket, 'typing.set', { ticketId: 'not-a-uuid', typing: true })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    // A lead cannot hand a Globex ticket to an agent who serves only Northwind.
    const [{ id: northwindOnly }] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'agent3@switchboard.demo'`);
    const wrongAgent = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/assign`, { token: lead.accessToken, body: { agentId: northwindOnly } });
    expect([wrongAgent.status, wrongAgent.body.error.fields?.[0].field]).toEqual([400, 'agentId']);

    for (const body of [{ kind: 'reply', body: 'x' }, { clientMsgId: randomUUID(), kind: 'shout', body: 'x' }, { clientMsgId: randomUUID(), kind: 'reply', body: '  ' }, { clientMsgId: randomUUID(), kind: 'reply', body: 'x', clientId: randomUUID() }]) {
      expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token: lead.accessToken, body })).status).toBe(400);
    }
    expect((await http(t.url, 'GET', '/api/tickets/not-a-uuid', { token: lead.accessToken })).status).toBe(400);
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { token: lead.accessToken, body: { status: 'abandoned' } })).status).toBe(400);
    expect(await ownerQuery('SELECT id FROM messages WHERE ticket_id = $1', [ticketId])).toEqual(before);
  });

  it('typing is heard both ways, only by those watching the conversation', async () => {
    const { socket: visitor, ticketId } = await chatTicket('Typing check please');
    const maria = await staff('agent1@switchboard.demo');
    const otherLead = await staff('lead2@switchboard.demo');
    const unwatchedSaw = record<CustomerTyping>(otherLead.socket, 'customer.typing');
    acked(await emitAck(maria.socket, 'ticket.watch', { ticketId }));

    const customerTyping = nextEvent<CustomerTyping>(maria.socket, 'customer.typing');
    acked(await emitAck(visitor, 'typing.set', { typing: true }));
    expect(await customerTyping).toEqual({ ticketId, typing: true });

    const agentTyping = nextEvent<AgentTyping>(visitor, 'agent.typing');
    acked(await emitAck(maria.socket, 'typing.set', { ticketId, typing: true }));
    expect(await agentTyping).toEqual({ typing: true, name: 'Maria' });
    expect(await emitAck(visitor, 'typing.set', { typing: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await new Promise((r) => setTimeout(r, 200));
    expect(unwatchedSaw).toEqual([]);
  });

  it('resolving a chat takes one of the client’s dispositions and asks the visitor for a rating, once', async () => {
    const { socket: visitor, session, ticketId } = await chatTicket('Rate me later');
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const asked = nextEvent<VisitorTicketStatus>(visitor, 'ticket.status');
    const resolve = (body: Record<string, unknown>) => http<TicketSummary & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/status`, { token: lead.accessToken, body: { status: 'resolved', ...body } });

    // Wrap-up: without a code, or with another client's code — refused, nothing changes.
    for (const [body, message] of [
      [{}, 'disposition: is required: choose one of order_status, replacement_sent, refund_issued, no_action'],
      [{ disposition: 'claim_opened' }, 'disposition: must be one of order_status, replacement_sent, refund_issued, no_action'],
    ] as const) {
      const refused = await resolve(body);
      expect([refused.status, refused.body.error.code, refused.body.error.message]).toEqual([400, 'VALIDATION_FAILED', message]);
    }
    expect((await ownerQuery<{ status: string; disposition_code: string | null }>('SELECT status, disposition_code FROM tickets WHERE id = $1', [ticketId]))[0]).toEqual({ status: 'queued', disposition_code: null });

    const resolved = await resolve({ disposition: 'order_status' });
    expect(resolved.body.status).toBe('resolved');
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: lead.accessToken });
    expect(detail.body.disposition).toBe('order_status');
    expect(await asked).toEqual({ ticketId, status: 'resolved', csatRequested: true });

    // A visitor who closed the tab is asked again when they come back.
    const back = await widget('wk_globex_demo', session.visitorToken);
    expect(back.session.csatPending).toEqual({ ticketId });
    expect(acked(await emitAck<VisitorTicketStatus>(back.socket, 'csat.submit', { ticketId, score: 5, comment: 'Quick and kind' }))).toMatchObject({ ticketId, csatRequested: false });
    expect(await emitAck(back.socket, 'csat.submit', { ticketId, score: 1 })).toMatchObject({ ok: false, error: { code: 'CSAT_ALREADY_GIVEN' } });
    expect(await emitAck(back.socket, 'csat.submit', { ticketId, score: 9 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const stranger = await widget();
    expect(await emitAck(stranger.socket, 'csat.submit', { ticketId, score: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const [row] = await ownerQuery<{ csat_score: number }>('SELECT csat_score FROM tickets WHERE id = $1', [ticketId]);
    expect(row.csat_score).toBe(5);
    expect((await http(t.url, 'POST', `/api/tickets/${ticketId}/status`, { token: lead.accessToken, body: { status: 'pending' } })).status).toBe(409);

    // The visitor writes again: a new ticket, whose customer panel lists the one before with how it ended.
    const again = acked(await emitAck<MessageView>(back.socket, 'message.send', { clientMsgId: randomUUID(), body: 'One more question about my order' }));
    expect(again.ticketId).not.toBe(ticketId);
    const next = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${again.ticketId}`, { token: lead.accessToken });
    expect(next.body.earlierTickets).toEqual([expect.objectContaining({ id: ticketId, status: 'resolved', disposition: 'order_status', channel: 'chat' })]);
  });

  it('masks a card number typed across two messages, in storage and on the agent’s screen', async () => {
    const { socket: visitor, ticketId } = await chatTicket('my card is 4111 1111');
    // The start of a card is blanked at once: it never reaches a screen while the rest is still being typed.
    expect(await ownerQuery<{ body: string }>('SELECT body FROM messages WHERE ticket_id = $1', [ticketId])).toEqual([{ body: 'my card is **** ****' }]);
    const maria = await staff('agent1@switchboard.demo');
    acked(await emitAck(maria.socket, 'ticket.watch', { ticketId }));
    const shown = nextEvent<MessageView>(maria.socket, 'message.created');
    const second = acked(await emitAck<MessageView>(visitor, 'message.send', { clientMsgId: randomUUID(), body: '1111 1111' }));
    expect(second.body).toBe('**** 1111');
    expect((await shown).body).toBe('**** 1111');
    // A start too short to tell (four digits) is re-masked when the rest arrives.
    const short = await chatTicket('card 4111');
    const watcher = await staff('agent1@switchboard.demo');
    acked(await emitAck(watcher.socket, 'ticket.watch', { ticketId: short.ticketId }));
    const corrected = nextEvent<MessageView>(watcher.socket, 'message.updated');
    acked(await emitAck<MessageView>(short.socket, 'message.send', { clientMsgId: randomUUID(), body: '1111 1111 1111' }));
    expect((await corrected).body).toBe('card ****');
    const stored = await ownerQuery<{ body: string }>('SELECT body FROM messages WHERE ticket_id = $1 ORDER BY seq', [ticketId]);
    expect(stored.map((m) => m.body)).toEqual(['my card is **** ****', '**** 1111']);
  });

  it('detects the language of a ticket among the client’s languages', async () => {
    const { ticketId } = await chatTicket('Kumusta, gusto kong ibalik ang aking order kasi sira');
    const [row] = await ownerQuery<{ language: string }>('SELECT language FROM tickets WHERE id = $1', [ticketId]);
    expect(row.language).toBe('tl');
  });

  it('the widget works only on the web sites its inbox allows', async () => {
    await ownerQuery(`UPDATE inboxes SET allowed_origins = '{https://shop.globex.example}' WHERE widget_key = 'wk_globex_demo'`);
    const allowed = open('/customer', { inboxKey: 'wk_globex_demo' }, 'https://shop.globex.example');
    await connected(allowed);
    expect((await refused(open('/customer', { inboxKey: 'wk_globex_demo' }, 'https://evil.example'))).code).toBe('ORIGIN_NOT_ALLOWED');
    expect((await refused(open('/customer', { inboxKey: 'wk_northwind_demo' }, 'https://shop.globex.example'))).code).toBe('ORIGIN_NOT_ALLOWED');
    // A client's web site is not a way into the staff console.
    const { accessToken } = await login(t.url, 'lead1@switchboard.demo');
    expect((await refused(open('/agent', { token: accessToken }, 'https://shop.globex.example'))).code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('an email reply goes out over SMTP threaded under the customer’s mail, and their answer joins the same ticket', async () => {
    const smtp = t.app.get(SmtpListener);
    const customer = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const original = await customer.sendMail({ from: 'Ola Nordmann <ola@example.com>', to: 'orders@globex.demo', subject: 'Wrong size delivered', text: 'I ordered a medium and got a small.' });
    const [ticket] = await eventually(
      () => ownerQuery<{ id: string; number: string }>(`SELECT t.id, t.number FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.external_id = $1`, [original.messageId.replace(/[<>]/g, '')]),
      (rows) => rows.length === 1,
    );
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const sent = await reply(lead.accessToken, ticket.id, 'Sorry about that — a medium is on its way.');
    expect(sent.body.deliveryStatus).toBe('queued');

    await eventually(async () => sink.mails.length, (n) => n > 0);
    const mail = await simpleParser(sink.mails[sink.mails.length - 1]);
    expect(mail.subject).toBe(`Re: Wrong size delivered [SB-${ticket.number}]`);
    expect(mail.inReplyTo).toBe(original.messageId);
    expect(mail.references).toEqual(original.messageId);
    expect(mail.to && 'value' in mail.to ? mail.to.value[0].address : null).toBe('ola@example.com');
    expect(mail.from?.value[0]).toEqual({ address: 'orders@globex.demo', name: 'Globex Retail' });
    expect(mail.text).toContain('a medium is on its way');
    const [delivered] = await eventually(() => ownerQuery<{ delivery_status: string }>('SELECT delivery_status FROM messages WHERE id = $1', [sent.body.id]), (rows) => rows[0]?.delivery_status === 'sent');
    expect(delivered.delivery_status).toBe('sent');

    // The customer answers our reply (a mail client that keeps the headers but drops the subject tag).
    await customer.sendMail({ from: 'ola@example.com', to: 'orders@globex.demo', subject: 'Re: Wrong size', text: 'Thanks!', inReplyTo: mail.messageId, references: [original.messageId, mail.messageId as string] });
    const thread = await eventually(() => ownerQuery<{ body: string }>('SELECT body FROM messages WHERE ticket_id = $1 ORDER BY seq', [ticket.id]), (rows) => rows.length === 3);
    expect(thread.map((m) => m.body.trim())).toEqual(['I ordered a medium and got a small.', 'Sorry about that — a medium is on its way.', 'Thanks!']);
  });

  it('a social reply goes to the Graph API; receipts mark it delivered; a refusal marks it failed', async () => {
    const post = (payload: unknown) => {
      const raw = JSON.stringify(payload);
      return http(t.url, 'POST', '/api/webhooks/meta', { rawBody: raw, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(raw).digest('hex')}` } });
    };
    const whatsapp = (value: Record<string, unknown>) => ({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '109876543210' }, ...value } }] }] });
    expect((await post(whatsapp({ contacts: [{ wa_id: '447700900777', profile: { name: 'Ola' } }], messages: [{ from: '447700900777', id: `wamid.${randomUUID()}`, timestamp: '1700000000', type: 'text', text: { body: 'Is the blue kettle back in stock?' } }] }))).status).toBe(200);
    const [ticket] = await ownerQuery<{ id: string }>(`SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.phone = '+447700900777' ORDER BY t.created_at DESC LIMIT 1`);
    const lead = await login(t.url, 'lead1@switchboard.demo');

    const sent = await reply(lead.accessToken, ticket.id, 'Yes — back since Monday.');
    const request = await eventually(async () => graph.requests.at(-1), (r) => r?.body['to'] === '447700900777');
    expect(request).toEqual({ path: '/v21.0/109876543210/messages', auth: `Bearer ${GRAPH_TOKEN}`, body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '447700900777', type: 'text', text: { preview_url: false, body: 'Yes — back since Monday.' } } });
    const [stored] = await eventually(() => ownerQuery<{ external_id: string; delivery_status: string }>('SELECT external_id, delivery_status FROM messages WHERE id = $1', [sent.body.id]), (rows) => rows[0]?.delivery_status === 'sent');
    expect(stored.external_id).toMatch(/^m_out_\d+$/);

    expect((await post(whatsapp({ statuses: [{ id: stored.external_id, status: 'delivered', recipient_id: '447700900777' }] }))).status).toBe(200);
    expect((await ownerQuery<{ delivery_status: string }>('SELECT delivery_status FROM messages WHERE id = $1', [sent.body.id]))[0].delivery_status).toBe('delivered');

    graph.state.failWith = 400;
    try {
      const refusedReply = await reply(lead.accessToken, ticket.id, 'One more thing…');
      const [failed] = await eventually(() => ownerQuery<{ delivery_status: string; delivery_error: string }>('SELECT delivery_status, delivery_error FROM messages WHERE id = $1', [refusedReply.body.id]), (rows) => rows[0]?.delivery_status === 'failed');
      expect(failed.delivery_error).toContain('The recipient is not available');
      const events = await ownerQuery<{ type: string }>(`SELECT type FROM ticket_events WHERE ticket_id = $1 AND type = 'delivery_failed'`, [ticket.id]);
      expect(events).toHaveLength(1);
    } finally {
      graph.state.failWith = 0;
    }
  });
  it('refuses subject and cc on a chat reply with EMAIL_FIELDS_NOT_ALLOWED, writing nothing', async () => {
    const { ticketId } = await chatTicket('Can someone copy my manager?');
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const before = await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1', [ticketId]);
    const refusedReply = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token: lead.accessToken, body: { clientMsgId: randomUUID(), kind: 'reply', body: 'Sure', cc: ['manager@example.com'] } });
    expect([refusedReply.status, refusedReply.body.error.code, refusedReply.body.error.fields]).toEqual([400, 'EMAIL_FIELDS_NOT_ALLOWED', [{ field: 'cc', message: 'is for email replies only' }]]);
    expect(await ownerQuery('SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1', [ticketId])).toEqual(before);
  });

  it('a social ticket names its network and handle; replies over the length limit or after the 24-hour window are refused before anything is stored', async () => {
    const post = (payload: unknown) => {
      const raw = JSON.stringify(payload);
      return http(t.url, 'POST', '/api/webhooks/meta', { rawBody: raw, headers: { 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(raw).digest('hex')}` } });
    };
    const sender = `6600${Math.floor(Math.random() * 1e6)}`;
    const mid = `m_${randomUUID()}`;
    await post({ object: 'page', entry: [{ id: '1029384756', time: 1, messaging: [{ sender: { id: sender }, recipient: { id: '1029384756' }, timestamp: Date.now(), message: { mid, text: 'Do you ship to Norway?' } }] }] });
    const [{ ticket_id: ticketId }] = await ownerQuery<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE external_id = $1', [mid]);
    const lead = await login(t.url, 'lead1@switchboard.demo');

    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: lead.accessToken });
    expect(detail.body.social).toMatchObject({ network: 'messenger', handle: `Messenger user …${sender.slice(-4)}` });
    expect(Date.parse(detail.body.social?.replyWindowEndsAt ?? '') - Date.now()).toBeGreaterThan(23.9 * 3_600_000);

    const count = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE ticket_id = $1', [ticketId]))[0].n;
    const tooLong = await reply(lead.accessToken, ticketId, 'x'.repeat(2001)) as unknown as { status: number; body: ErrorResponse };
    expect([tooLong.status, tooLong.body.error.code]).toEqual([413, 'MESSAGE_TOO_LARGE']);
    expect(tooLong.body.error.message).toBe('Messenger takes at most 2,000 characters; this reply has 2,001.');

    await ownerQuery(`UPDATE messages SET created_at = now() - interval '25 hours' WHERE ticket_id = $1`, [ticketId]);
    const late = await reply(lead.accessToken, ticketId, 'Yes, we do!') as unknown as { status: number; body: ErrorResponse };
    expect([late.status, late.body.error.code]).toEqual([409, 'SOCIAL_WINDOW_CLOSED']);
    expect(await count()).toBe(1);
    const after = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: lead.accessToken });
    expect(Date.parse(after.body.social?.replyWindowEndsAt ?? '')).toBeLessThan(Date.now());
  });
});
