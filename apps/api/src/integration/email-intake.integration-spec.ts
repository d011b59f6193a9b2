import { SmtpListener } from '@switchboard/api-channels';
import type { AgentServerEvents, ErrorResponse, MessageView, OutboxEntry, TicketDetail, TicketSummary } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { createConnection } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

describe('inbound email over SMTP', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ SMTP_MAX_MESSAGE_BYTES: '200000', ATTACHMENT_MAX_BYTES: '2048' });
    port = t.app.get(SmtpListener).port as number;
  });
  afterAll(() => t.close());

  const smtp = () => createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });

  /** Talks SMTP by hand, to see the server's own reply codes. */
  function dialogue(lines: string[]): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const replies: string[] = [];
      const socket = createConnection(port, '127.0.0.1');
      let buffer = '';
      let step = 0;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        while (buffer.includes('\r\n')) {
          const line = buffer.slice(0, buffer.indexOf('\r\n'));
          buffer = buffer.slice(buffer.indexOf('\r\n') + 2);
          if (/^\d{3}-/.test(line)) continue; // multi-line reply, wait for its last line
          replies.push(line);
          if (step < lines.length) socket.write(`${lines[step++]}\r\n`);
          else socket.end();
        }
      });
      socket.on('end', () => resolve(replies));
      socket.on('error', reject);
    });
  }

  it('a new mail opens a queued email ticket for the inbox’s client, masked and sanitised, and leads see it live', async () => {
    const { accessToken } = await login(t.url, 'lead2@switchboard.demo');
    const lead = io(`${t.url}/agent`, { auth: { token: accessToken }, transports: ['websocket'], forceNew: true, reconnection: false }) as Socket<AgentServerEvents>;
    await new Promise<void>((resolve) => lead.once('connect', () => resolve()));
    const seen = new Promise<TicketSummary>((resolve) => lead.on('ticket.updated', (ticket) => ticket.channel === 'email' && resolve(ticket)));

    await smtp().sendMail({
      from: 'Pat Doe <Pat.Doe@Example.com>',
      to: 'support@northwind.demo',
      subject: 'Claim for card 4111-1111-1111-1111',
      text: 'My card 4111 1111 1111 1111 and CVV 123 were used. Please help.',
      html: '<p>My card 4111 1111 1111 1111 was used.<script>alert(1)</script><img src="https://track.example/p.gif"></p>',
      messageId: '<claim-1@example.com>',
      attachments: [
        { filename: 'small.txt', content: 'receipt' },
        { filename: 'big.bin', content: Buffer.alloc(4096, 1) },
      ],
    });
    const ticket = await seen;
    lead.disconnect();
    expect(ticket).toMatchObject({ channel: 'email', status: 'queued', contactName: 'Pat Doe' });

    const [row] = await ownerQuery<{ subject: string; body: string; body_html: string; attachments: { filename: string; stored: boolean }[]; client: string }>(
      `SELECT m.subject, m.body, m.body_html, m.attachments, c.slug AS client FROM messages m JOIN clients c ON c.id = m.client_id WHERE m.ticket_id = $1`,
      [ticket.id],
    );
    expect(row.client).toBe('northwind');
    expect(row.subject).toBe('Claim for card ****-****-****-1111');
    expect(row.body).toBe('My card **** **** **** 1111 and CVV *** were used. Please help.');
    expect(row.body_html).not.toMatch(/script|img|4111 1111/);
    expect(row.attachments.map((a) => [a.filename, a.stored])).toEqual([['small.txt', true], ['big.bin', false]]);
    const stored = await ownerQuery<{ filename: string }>('SELECT a.filename FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id = $1', [ticket.id]);
    expect(stored.map((a) => a.filename)).toEqual(['small.txt']);
    const [contact] = await ownerQuery<{ email: string }>(`SELECT c.email FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE t.id = $1`, [ticket.id]);
    expect(contact.email).toBe('pat.doe@example.com');
  });

  it('threads replies by In-Reply-To, by the [SB-n] subject reference, and keeps one message per Message-ID', async () => {
    await smtp().sendMail({ from: 'sam@example.com', to: 'orders@globex.demo', subject: 'Order 77 late', text: 'Where is order 77?', messageId: '<order77@example.com>' });
    const [first] = await ownerQuery<{ ticket_id: string; number: string }>(`SELECT m.ticket_id, t.number FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.external_id = 'order77@example.com'`);

    await smtp().sendMail({ from: 'sam@example.com', to: 'orders@globex.demo', subject: 'Re: Order 77 late', text: 'Any news?', messageId: '<order77-2@example.com>', inReplyTo: '<order77@example.com>', references: ['<order77@example.com>'] });
    await smtp().sendMail({ from: 'sam@example.com', to: 'orders@globex.demo', subject: `Still waiting [SB-${first.number}]`, text: 'Third try', messageId: '<order77-3@example.com>' });
    // The same mail delivered again.
    await smtp().sendMail({ from: 'sam@example.com', to: 'orders@globex.demo', subject: 'Re: Order 77 late', text: 'Any news?', messageId: '<order77-2@example.com>', inReplyTo: '<order77@example.com>' });

    const timeline = await ownerQuery<{ seq: number; body: string }>('SELECT seq, body FROM messages WHERE ticket_id = $1 ORDER BY seq', [first.ticket_id]);
    expect(timeline).toEqual([
      { seq: 1, body: 'Where is order 77?' },
      { seq: 2, body: 'Any news?' },
      { seq: 3, body: 'Third try' },
    ]);
  });

  it('refuses unknown recipients at RCPT with 550 and oversized mail with 552, storing nothing', async () => {
    const [{ count: before }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM messages');
    const unknown = await dialogue(['EHLO test.example', 'MAIL FROM:<a@example.com>', 'RCPT TO:<nobody@northwind.demo>', 'QUIT']);
    expect(unknown[3]).toMatch(/^550 /);

    await expect(
      smtp().sendMail({ from: 'big@example.com', to: 'support@northwind.demo', subject: 'huge', text: 'x'.repeat(300_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const [{ count: after }] = await ownerQuery<{ count: number }>('SELECT count(*)::int AS count FROM messages');
    expect(after).toBe(before);
  });

  it('keeps malformed MIME as text instead of crashing', async () => {
    const replies = await dialogue([
      'EHLO test.example',
      'MAIL FROM:<broken@example.com>',
      'RCPT TO:<support@northwind.demo>',
      'DATA',
      'Content-Type: multipart/mixed; boundary="never-closed"\r\nSubject: broken\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nhalf a message\r\n.',
      'QUIT',
    ]);
    expect(replies[4]).toMatch(/^354 /);
    expect(replies[5]).toMatch(/^250 /);
    const rows = await ownerQuery<{ body: string }>(`SELECT m.body FROM messages m JOIN contacts c ON c.id = (SELECT contact_id FROM tickets WHERE id = m.ticket_id) WHERE c.email = 'broken@example.com'`);
    expect(rows[0].body).toContain('half a message');
  });
  /** The ticket a mail with this Message-ID landed in (the SMTP reply comes after the commit). */
  async function ticketOfMail(messageId: string): Promise<{ id: string; number: string }> {
    const [row] = await ownerQuery<{ id: string; number: string }>('SELECT t.id, t.number FROM tickets t JOIN messages m ON m.ticket_id = t.id WHERE m.external_id = $1', [messageId]);
    return row;
  }

  const reply = (token: string, ticketId: string, body: Record<string, unknown>) =>
    http<MessageView & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token, body: { clientMsgId: randomUUID(), kind: 'reply', ...body } });

  async function outboxMail(adminToken: string, recipient: string, count: number): Promise<OutboxEntry[]> {
    for (let tries = 0; ; tries += 1) {
      const outbox = await http<OutboxEntry[]>(t.url, 'GET', '/api/outbox', { token: adminToken });
      const mails = outbox.body.filter((entry) => entry.kind === 'email' && entry.recipient === recipient);
      if (mails.length >= count || tries > 100) return mails;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('keeps From, To and Cc of a mail and shows the addresses as the client’s PII policy allows', async () => {
    // Northwind shows agents partial email addresses; its own inbox address is shown as it is.
    await smtp().sendMail({ from: 'Ola Nordmann <ola@example.com>', to: 'support@northwind.demo', cc: ['Kari Nordmann <kari@example.com>', 'claims-team@broker.example'], subject: 'Water damage', text: 'The kitchen flooded.', messageId: '<flood-1@example.com>' });
    const ticket = await ticketOfMail('flood-1@example.com');
    const { accessToken } = await login(t.url, 'lead1@switchboard.demo');
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticket.id}`, { token: accessToken });
    expect(detail.body.messages[0]).toMatchObject({
      subject: 'Water damage',
      email: {
        from: { name: 'Ola Nordmann', address: 'o***@e***.com' },
        to: [{ name: null, address: 'support@northwind.demo' }],
        cc: [
          { name: 'Kari Nordmann', address: 'k***@e***.com' },
          { name: null, address: 'c***@b***.example' },
        ],
      },
    });
    const [stored] = await ownerQuery<{ email_envelope: { cc: { address: string }[] } }>('SELECT email_envelope FROM messages WHERE external_id = $1', ['flood-1@example.com']);
    expect(stored.email_envelope.cc.map((c) => c.address)).toEqual(['kari@example.com', 'claims-team@broker.example']);
  });

  it('an email reply goes out with the subject and cc the agent chose, threaded under the customer’s mail', async () => {
    await smtp().sendMail({ from: 'Sam Lee <sam@initech.example>', to: 'orders@globex.demo', subject: 'Invoice 8812', text: 'Please resend invoice 8812.', messageId: '<invoice-8812@initech.example>' });
    const ticket = await ticketOfMail('invoice-8812@initech.example');
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const admin = await login(t.url, 'admin@switchboard.demo');

    const sent = await reply(lead.accessToken, ticket.id, { body: 'Attached again — sorry for the trouble.', subject: 'Re: Invoice 8812 (corrected)', cc: ['Accounts@Initech.example', 'sam@initech.example'] });
    expect([sent.status, sent.body.deliveryStatus]).toEqual([201, 'queued']);

    const [mail] = await outboxMail(admin.accessToken, 'sam@initech.example', 1);
    expect(mail.subject).toBe(`Re: Invoice 8812 (corrected) [SB-${ticket.number}]`);
    const raw = mail.payload;
    expect(raw).toMatch(new RegExp(`^Subject: Re: Invoice 8812 \\(corrected\\) \\[SB-${ticket.number}\\]$`, 'm'));
    expect(raw).toMatch(/^Cc: accounts@initech\.example$/m); // lower-cased; the customer, already in To, is not copied
    expect(raw).toMatch(/^To: Sam Lee <sam@initech\.example>$/m);
    expect(raw).toMatch(/^In-Reply-To: <invoice-8812@initech\.example>$/m);
    expect(raw).toMatch(/^References: <invoice-8812@initech\.example>$/m);

    // The agent's timeline shows the reply as it went out.
    const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticket.id}`, { token: lead.accessToken });
    expect(detail.body.messages.find((m) => m.id === sent.body.id)).toMatchObject({
      subject: `Re: Invoice 8812 (corrected) [SB-${ticket.number}]`,
      email: { from: { name: 'Globex Retail', address: 'orders@globex.demo' }, to: [{ name: 'Sam Lee', address: 'sam@initech.example' }], cc: [{ name: null, address: 'accounts@initech.example' }] },
    });

    // Without a subject, the reply answers the ticket's.
    await reply(lead.accessToken, ticket.id, { body: 'And here is the receipt.' });
    const mails = await outboxMail(admin.accessToken, 'sam@initech.example', 2);
    expect(mails.map((m) => m.subject)).toContain(`Re: Invoice 8812 [SB-${ticket.number}]`);
    expect(mails.find((m) => m.subject === `Re: Invoice 8812 [SB-${ticket.number}]`)?.payload).not.toMatch(/^Cc:/m);
  });

  it('refuses a reply with a bad cc address or a blank subject, storing and sending nothing', async () => {
    await smtp().sendMail({ from: 'lin@example.com', to: 'orders@globex.demo', subject: 'Return label', text: 'I need a return label.', messageId: '<label-1@example.com>' });
    const ticket = await ticketOfMail('label-1@example.com');
    const lead = await login(t.url, 'lead1@switchboard.demo');
    const counts = async () =>
      (
        await ownerQuery<{ messages: number; deliveries: number; outbox: number }>(
          `SELECT (SELECT count(*)::int FROM messages WHERE ticket_id = $1) AS messages, (SELECT count(*)::int FROM deliveries WHERE ticket_id = $1) AS deliveries,
                  (SELECT count(*)::int FROM local_outbox WHERE recipient = 'lin@example.com') AS outbox`,
          [ticket.id],
        )
      )[0];
    const before = await counts();

    const badCc = await reply(lead.accessToken, ticket.id, { body: 'Here it is.', cc: ['ok@example.com', 'lin at example dot com'] });
    expect(badCc.status).toBe(400);
    expect(badCc.body.error).toMatchObject({ code: 'EMAIL_ADDRESS_INVALID', fields: [{ field: 'cc[1]', message: '“lin at example dot com” is not an email address' }] });

    const blank = await reply(lead.accessToken, ticket.id, { body: 'Here it is.', subject: '   ' });
    expect([blank.status, blank.body.error.code, blank.body.error.fields]).toEqual([400, 'VALIDATION_FAILED', [{ field: 'subject', message: 'must not be empty' }]]);

    const ccOnNote = await http<ErrorResponse>(t.url, 'POST', `/api/tickets/${ticket.id}/messages`, { token: lead.accessToken, body: { clientMsgId: randomUUID(), kind: 'note', body: 'fyi', cc: ['boss@example.com'] } });
    expect([ccOnNote.status, ccOnNote.body.error.code]).toEqual([400, 'EMAIL_FIELDS_NOT_ALLOWED']);

    await new Promise((resolve) => setTimeout(resolve, 300)); // a worker run would have sent by now
    expect(await counts()).toEqual(before);
  });
});
