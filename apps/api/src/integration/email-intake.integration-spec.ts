import { SmtpListener } from '@switchboard/api-channels';
import type { AgentServerEvents, TicketSummary } from '@switchboard/shared-contracts';
import { createTransport } from 'nodemailer';
import { createConnection } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

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
});
