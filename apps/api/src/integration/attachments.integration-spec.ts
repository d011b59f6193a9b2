import { SmtpListener } from '@switchboard/api-channels';
import { AttachmentSweepJob } from '@switchboard/api-tickets';
import { ATTACHMENT_MAX_BYTES, type CustomerServerEvents, type ErrorResponse, type MessageView, type OutboxEntry, type StaffMessageView, type TicketDetail, type UploadedAttachment, type VisitorSession } from '@switchboard/shared-contracts';
import { simpleParser } from 'mailparser';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { io, type Socket } from 'socket.io-client';
import { acked, emitAck, nextEvent } from '../testing/socket-events';
import { AttachmentUploads1764800000000 } from '../database/migrations/1764800000000-attachment-uploads';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('attachments: upload, send, download', () => {
  let t: TestApp;
  let smtpPort: number;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp(); // the default limits: 10 MB a file
    smtpPort = t.app.get(SmtpListener).port as number;
  });
  afterAll(() => t.close());

  async function tokenOf(email: string): Promise<string> {
    if (!tokens.has(email)) tokens.set(email, (await login(t.url, email)).accessToken);
    return tokens.get(email) as string;
  }

  /** A customer's mail to an inbox; resolves with the ticket it opened (SMTP answers after the commit). */
  async function mailTicket(to: string, extra: Record<string, unknown> = {}): Promise<{ ticketId: string; messageId: string; number: string }> {
    const messageId = `${randomUUID()}@customer.example`;
    const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'Sam Lee <sam@initech.example>', to, subject: 'Files', text: 'See attached.', messageId: `<${messageId}>`, ...extra });
    const [row] = await ownerQuery<{ ticket_id: string; id: string; number: string }>('SELECT m.ticket_id, m.id, t.number FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.external_id = $1', [messageId]);
    return { ticketId: row.ticket_id, messageId: row.id, number: row.number };
  }

  async function upload(token: string, ticketId: string, content: Buffer | string, filename: string | null, contentType = 'application/pdf') {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': contentType };
    if (filename !== null) headers['x-filename'] = encodeURIComponent(filename);
    const response = await fetch(`${t.url}/api/tickets/${ticketId}/attachments`, { method: 'POST', headers, body: new Uint8Array(typeof content === 'string' ? Buffer.from(content) : content) });
    return { status: response.status, body: (await response.json()) as UploadedAttachment & ErrorResponse };
  }

  async function download(token: string | null, id: string) {
    const response = await fetch(`${t.url}/api/attachments/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) as ErrorResponse };
  }

  const send = (token: string, ticketId: string, body: Record<string, unknown>) =>
    http<MessageView & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/messages`, { token, body: { clientMsgId: randomUUID(), kind: 'reply', body: 'Here you are.', ...body } });

  const countAttachments = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM attachments'))[0].n;

  async function outboxMail(recipient: string, count: number): Promise<OutboxEntry[]> {
    const admin = await tokenOf('admin@switchboard.demo');
    for (let tries = 0; ; tries += 1) {
      const outbox = await http<OutboxEntry[]>(t.url, 'GET', '/api/outbox', { token: admin });
      const mails = outbox.body.filter((entry) => entry.kind === 'email' && entry.recipient === recipient);
      if (mails.length >= count || tries > 100) return mails;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  describe('download', () => {
    let html: { id: string };
    let png: { id: string };

    beforeAll(async () => {
      const { messageId } = await mailTicket('support@northwind.demo', {
        attachments: [
          { filename: 'invoice.html', content: '<script>alert(document.cookie)</script>', contentType: 'text/html' },
          { filename: 'Überweisung "März".png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' },
        ],
      });
      const rows = await ownerQuery<{ id: string; filename: string }>('SELECT id, filename FROM attachments WHERE message_id = $1 ORDER BY filename', [messageId]);
      [html, png] = [rows.find((r) => r.filename === 'invoice.html') as { id: string }, rows.find((r) => r.filename.endsWith('.png')) as { id: string }];
    });

    it('gives staff of the client the file, as an attachment that cannot run in our origin, never sniffed or cached', async () => {
      const lead = await tokenOf('lead1@switchboard.demo'); // covers Northwind
      const file = await download(lead, html.id);
      expect(file.status).toBe(200);
      expect(file.bytes.toString('utf8')).toBe('<script>alert(document.cookie)</script>');
      expect(file.headers.get('content-type')).toBe('application/octet-stream'); // HTML is not on the safe list
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="invoice.html"; filename*=UTF-8''invoice.html`);
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(file.headers.get('cache-control')).toBe('private, no-store');

      const image = await download(await tokenOf('agent4@switchboard.demo'), png.id); // an agent serving Northwind
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toBe('image/png');
      expect(image.headers.get('content-disposition')).toBe(`attachment; filename="_berweisung _M_rz_.png"; filename*=UTF-8''%C3%9Cberweisung%20%22M%C3%A4rz%22.png`);
      expect([...image.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    });

    it('answers another client’s agent, a client user and an unknown id alike: not found; a malformed id is a validation error', async () => {
      const unknown = await download(await tokenOf('lead1@switchboard.demo'), randomUUID());
      expect([unknown.status, unknown.json().error.code]).toEqual([404, 'NOT_FOUND']);

      const globexOnly = await download(await tokenOf('agent1@switchboard.demo'), html.id);
      expect(globexOnly.status).toBe(404);
      expect(globexOnly.json().error.message).toBe(unknown.json().error.message);
      expect(globexOnly.bytes.toString('utf8')).not.toContain('script');

      const viewer = await download(await tokenOf('viewer@northwind.demo'), html.id);
      expect([viewer.status, viewer.json().error.code]).toEqual([404, 'NOT_FOUND']);

      const anonymous = await download(null, html.id);
      expect(anonymous.status).toBe(401);

      const malformed = await download(await tokenOf('lead1@switchboard.demo'), '1');
      expect([malformed.status, malformed.json().error.fields]).toEqual([400, [{ field: 'attachmentId', message: 'must be a UUID' }]]);
    });
  });

  describe('upload', () => {
    let ticketId: string;
    beforeAll(async () => ({ ticketId } = await mailTicket('orders@globex.demo')));

    it('keeps the file as a pending upload of the caller, under a random id and a cleaned name', async () => {
      const lead = await tokenOf('lead1@switchboard.demo');
      const sent = await upload(lead, ticketId, '%PDF-1.4 label', 'C:\\fakepath\\return\u0007 label.pdf', 'application/pdf; name=x');
      expect(sent.status).toBe(201);
      expect(sent.body).toEqual({ id: expect.stringMatching(UUID_V4), filename: 'return label.pdf', contentType: 'application/pdf', size: 14 });
      const [row] = await ownerQuery<{ message_id: string | null; ticket_id: string; uploaded_by: string; content: Buffer }>('SELECT message_id, ticket_id, uploaded_by, content FROM attachments WHERE id = $1', [sent.body.id]);
      const [{ id: leadId }] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'lead1@switchboard.demo'`);
      expect(row).toMatchObject({ message_id: null, ticket_id: ticketId, uploaded_by: leadId });
      expect(row.content.toString()).toBe('%PDF-1.4 label');

      // Two uploads never get neighbouring ids.
      const next = await upload(lead, ticketId, 'x', 'b.txt', 'text/plain');
      expect(next.body.id).toMatch(UUID_V4);
      expect(next.body.id.slice(0, 8)).not.toBe(sent.body.id.slice(0, 8));

      // The uploader may read their pending file; a colleague may not, until it is sent.
      expect((await download(lead, sent.body.id)).status).toBe(200);
      expect((await download(await tokenOf('lead2@switchboard.demo'), sent.body.id)).status).toBe(404);
    });

    it('refuses a file over 10 MB with 413 and stores nothing', async () => {
      const lead = await tokenOf('lead1@switchboard.demo');
      const before = await countAttachments();
      const tooBig = await upload(lead, ticketId, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1, 7), 'video.mp4', 'video/mp4');
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(tooBig.body.error.message).toBe('The file is 10,485,761 bytes; attachments may be at most 10 MB (10,485,760 bytes). Nothing was stored.');
      expect(await countAttachments()).toBe(before);

      const atLimit = await upload(lead, ticketId, Buffer.alloc(ATTACHMENT_MAX_BYTES, 7), 'exactly-10mb.bin', 'application/octet-stream');
      expect([atLimit.status, atLimit.body.size]).toEqual([201, ATTACHMENT_MAX_BYTES]);
    });

    it('refuses an empty file, a missing or empty name, storing nothing', async () => {
      const lead = await tokenOf('lead1@switchboard.demo');
      const before = await countAttachments();
      const empty = await upload(lead, ticketId, '', 'empty.txt', 'text/plain');
      expect([empty.status, empty.body.error.fields]).toEqual([400, [{ field: 'file', message: 'is empty: send the file as the request body' }]]);
      const noName = await upload(lead, ticketId, 'data', null);
      expect([noName.status, noName.body.error.fields?.[0].field]).toEqual([400, 'filename']);
      const onlyPath = await upload(lead, ticketId, 'data', '../..');
      expect([onlyPath.status, onlyPath.body.error.fields?.[0].field]).toEqual([400, 'filename']);
      const badEncoding = await fetch(`${t.url}/api/tickets/${ticketId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${lead}`, 'x-filename': '%E0%A4%A', 'content-type': 'text/plain' }, body: 'x' });
      expect(badEncoding.status).toBe(400);
      expect(await countAttachments()).toBe(before);
    });

    it('refuses staff who may not write on the ticket: a client user (403), another client’s agent (404 like any foreign ticket)', async () => {
      const before = await countAttachments();
      const viewer = await upload(await tokenOf('viewer@globex.demo'), ticketId, 'data', 'a.txt', 'text/plain');
      expect([viewer.status, viewer.body.error.code]).toEqual([403, 'FORBIDDEN']);
      const northwindAgent = await upload(await tokenOf('agent3@switchboard.demo'), ticketId, 'data', 'a.txt', 'text/plain');
      expect([northwindAgent.status, northwindAgent.body.error.code]).toEqual([404, 'NOT_FOUND']);
      const anonymous = await fetch(`${t.url}/api/tickets/${ticketId}/attachments`, { method: 'POST', headers: { 'x-filename': 'a.txt' }, body: 'data' });
      expect(anonymous.status).toBe(401);
      // Not read at all without a valid token: an oversized body from a stranger is a 401, never the 413 of reading it.
      const stranger = await fetch(`${t.url}/api/tickets/${ticketId}/attachments`, {
        method: 'POST',
        headers: { authorization: 'Bearer not-a-token', 'x-filename': 'big.bin', 'content-type': 'application/octet-stream' },
        body: Buffer.alloc(11 * 1024 * 1024),
      });
      expect(stranger.status).toBe(401);
      expect(await countAttachments()).toBe(before);
    });

    it('keeps at most 10 unsent uploads per agent and ticket', async () => {
      const { ticketId: fresh } = await mailTicket('orders@globex.demo', { from: 'many@files.example' });
      const lead = await tokenOf('lead2@switchboard.demo');
      for (let i = 0; i < 10; i += 1) expect((await upload(lead, fresh, `file ${i}`, `f${i}.txt`, 'text/plain')).status).toBe(201);
      const eleventh = await upload(lead, fresh, 'one more', 'f10.txt', 'text/plain');
      expect([eleventh.status, eleventh.body.error.fields?.[0].field]).toEqual([400, 'file']);
      expect((await upload(await tokenOf('lead1@switchboard.demo'), fresh, 'mine', 'mine.txt', 'text/plain')).status).toBe(201); // per agent
    });

    it('lets the uploader remove a pending file; nobody else can', async () => {
      const mine = await upload(await tokenOf('lead1@switchboard.demo'), ticketId, 'draft', 'draft.txt', 'text/plain');
      const other = await http(t.url, 'DELETE', `/api/attachments/${mine.body.id}`, { token: await tokenOf('lead2@switchboard.demo') });
      expect(other.status).toBe(404);
      const own = await http(t.url, 'DELETE', `/api/attachments/${mine.body.id}`, { token: await tokenOf('lead1@switchboard.demo') });
      expect(own.status).toBe(204);
      expect(await ownerQuery('SELECT 1 FROM attachments WHERE id = $1', [mine.body.id])).toEqual([]);
    });

    it('sweeps uploads never sent after a day, keeping newer ones and sent ones', async () => {
      const lead = await tokenOf('lead1@switchboard.demo');
      const old = await upload(lead, ticketId, 'old', 'old.txt', 'text/plain');
      const fresh = await upload(lead, ticketId, 'fresh', 'fresh.txt', 'text/plain');
      await ownerQuery(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`, [old.body.id]);
      expect(await t.app.get(AttachmentSweepJob).sweep()).toBeGreaterThanOrEqual(1);
      const left = await ownerQuery<{ id: string }>('SELECT id FROM attachments WHERE id = ANY ($1::uuid[])', [[old.body.id, fresh.body.id]]);
      expect(left.map((r) => r.id)).toEqual([fresh.body.id]);
    });
  });

  describe('sending', () => {
    it('an email reply carries the files: listed on the message and sent as a multipart/mixed mail', async () => {
      const { ticketId, number } = await mailTicket('orders@globex.demo', { from: 'Rin <rin@files.example>' });
      const lead = await tokenOf('lead1@switchboard.demo');
      const pdf = await upload(lead, ticketId, '%PDF-1.4 return label', 'return-label.pdf', 'application/pdf');
      const png = await upload(lead, ticketId, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'parcel photo.png', 'image/png');

      const sent = await send(lead, ticketId, { body: 'The label and a photo are attached.', attachmentIds: [pdf.body.id, png.body.id] });
      expect(sent.status).toBe(201);

      const detail = await http<TicketDetail>(t.url, 'GET', `/api/tickets/${ticketId}`, { token: lead });
      expect(detail.body.messages.find((m) => m.id === sent.body.id)?.attachments).toEqual([
        { id: pdf.body.id, filename: 'return-label.pdf', contentType: 'application/pdf', size: 21, stored: true },
        { id: png.body.id, filename: 'parcel photo.png', contentType: 'image/png', size: 7, stored: true },
      ]);
      const linked = await ownerQuery<{ message_id: string }>('SELECT message_id FROM attachments WHERE id = ANY ($1::uuid[])', [[pdf.body.id, png.body.id]]);
      expect(linked).toEqual([{ message_id: sent.body.id }, { message_id: sent.body.id }]);
      // Sent, the file is the ticket's: colleagues of the client read it too.
      expect((await download(await tokenOf('lead2@switchboard.demo'), pdf.body.id)).status).toBe(200);

      const [mail] = await outboxMail('rin@files.example', 1);
      expect(mail.subject).toBe(`Re: Files [SB-${number}]`);
      expect(mail.payload).toMatch(/^Content-Type: multipart\/mixed; boundary=/m);
      const parsed = await simpleParser(mail.payload);
      expect(parsed.text).toContain('The label and a photo are attached.');
      expect(parsed.attachments.map((a) => [a.filename, a.contentType, a.contentDisposition, a.content.toString('base64')])).toEqual([
        ['return-label.pdf', 'application/pdf', 'attachment', Buffer.from('%PDF-1.4 return label').toString('base64')],
        ['parcel photo.png', 'image/png', 'attachment', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]).toString('base64')],
      ]);
    });

    it('a note carries files on any channel, and nothing is sent to the customer', async () => {
      const { ticketId } = await mailTicket('orders@globex.demo', { from: 'noter@files.example' });
      const lead = await tokenOf('lead1@switchboard.demo');
      const file = await upload(lead, ticketId, 'internal memo', 'memo.txt', 'text/plain');
      // A colleague who has the ticket open hears the note with its files.
      const colleague = io(`${t.url}/agent`, { auth: { token: await tokenOf('agent1@switchboard.demo') }, transports: ['websocket'], reconnection: false, forceNew: true });
      try {
        acked(await emitAck(colleague, 'ticket.watch', { ticketId }));
        const heard = nextEvent<StaffMessageView>(colleague, 'message.created', (m) => m.ticketId === ticketId);
        const note = await send(lead, ticketId, { kind: 'note', body: 'See the memo.', attachmentIds: [file.body.id] });
        expect(note.status).toBe(201);
        expect((await heard).attachments).toEqual([{ id: file.body.id, filename: 'memo.txt', contentType: 'text/plain', size: 13, stored: true }]);
      } finally {
        colleague.disconnect();
      }
      const [{ id: noteId }] = await ownerQuery<{ id: string }>("SELECT id FROM messages WHERE ticket_id = $1 AND direction = 'note' ORDER BY seq DESC LIMIT 1", [ticketId]);
      const note = { body: { id: noteId } };
      const [row] = await ownerQuery<{ attachments: { filename: string }[]; deliveries: number }>(
        'SELECT m.attachments, (SELECT count(*)::int FROM deliveries d WHERE d.message_id = m.id) AS deliveries FROM messages m WHERE m.id = $1',
        [note.body.id],
      );
      expect([row.attachments.map((a) => a.filename), row.deliveries]).toEqual([['memo.txt'], 0]);
    });

    it('refuses ids that are not the caller’s pending uploads of this ticket, writing nothing', async () => {
      const { ticketId } = await mailTicket('orders@globex.demo', { from: 'strict@files.example' });
      const { ticketId: otherTicket } = await mailTicket('orders@globex.demo', { from: 'other@files.example' });
      const lead = await tokenOf('lead1@switchboard.demo');
      const colleague = await tokenOf('lead2@switchboard.demo');
      const mine = await upload(lead, ticketId, 'mine', 'mine.txt', 'text/plain');
      const theirs = await upload(colleague, ticketId, 'theirs', 'theirs.txt', 'text/plain');
      const elsewhere = await upload(lead, otherTicket, 'elsewhere', 'elsewhere.txt', 'text/plain');
      const counts = async () =>
        (
          await ownerQuery<{ messages: number; deliveries: number; pending: number }>(
            `SELECT (SELECT count(*)::int FROM messages WHERE ticket_id = $1) AS messages, (SELECT count(*)::int FROM deliveries WHERE ticket_id = $1) AS deliveries,
                    (SELECT count(*)::int FROM attachments WHERE message_id IS NULL AND id = ANY ($2::uuid[])) AS pending`,
            [ticketId, [mine.body.id, theirs.body.id, elsewhere.body.id]],
          )
        )[0];
      const before = await counts();
      expect(before.pending).toBe(3);

      for (const ids of [[mine.body.id, theirs.body.id], [elsewhere.body.id], [randomUUID()]]) {
        const refused = await send(lead, ticketId, { attachmentIds: ids });
        expect([refused.status, refused.body.error.code, refused.body.error.fields?.[0].field]).toEqual([400, 'VALIDATION_FAILED', 'attachmentIds']);
      }
      const tooMany = await send(lead, ticketId, { attachmentIds: Array.from({ length: 6 }, () => randomUUID()) });
      expect([tooMany.status, tooMany.body.error.fields?.[0].field]).toEqual([400, 'attachmentIds']);
      const notIds = await send(lead, ticketId, { attachmentIds: ['1'] });
      expect(notIds.status).toBe(400);

      await new Promise((resolve) => setTimeout(resolve, 300)); // a worker run would have sent by now
      expect(await counts()).toEqual(before);

      // Once sent, a file cannot go out again on another message.
      expect((await send(lead, ticketId, { attachmentIds: [mine.body.id] })).status).toBe(201);
      const again = await send(lead, ticketId, { attachmentIds: [mine.body.id] });
      expect([again.status, again.body.error.fields?.[0].field]).toEqual([400, 'attachmentIds']);
    });

    it('refuses files on a chat reply with ATTACHMENTS_NOT_ALLOWED, writing nothing; a note on the chat may carry them', async () => {
      const visitor = io(`${t.url}/customer`, { auth: { inboxKey: 'wk_globex_demo' }, transports: ['websocket'], reconnection: false, forceNew: true }) as Socket<CustomerServerEvents>;
      try {
        await nextEvent<VisitorSession>(visitor, 'visitor.session');
        // Nobody is on shift in the tests: the widget takes an offline message, which asks for an address.
        acked(await emitAck(visitor, 'visitor.profile', { name: 'Ana Lim', email: 'ana.lim@files.example' }));
        const first = acked(await emitAck<MessageView>(visitor, 'message.send', { clientMsgId: randomUUID(), body: 'Can I send you a photo?' }));
        const lead = await tokenOf('lead1@switchboard.demo');
        const file = await upload(lead, first.ticketId, 'photo', 'photo.jpg', 'image/jpeg');
        expect(file.status).toBe(201);
        const refused = await send(lead, first.ticketId, { attachmentIds: [file.body.id] });
        expect([refused.status, refused.body.error.code, refused.body.error.fields]).toEqual([400, 'ATTACHMENTS_NOT_ALLOWED', [{ field: 'attachmentIds', message: 'are not sent on chat replies' }]]);
        const [after] = await ownerQuery<{ messages: number; pending: boolean }>(
          'SELECT (SELECT count(*)::int FROM messages WHERE ticket_id = $1) AS messages, (SELECT message_id IS NULL FROM attachments WHERE id = $2) AS pending',
          [first.ticketId, file.body.id],
        );
        expect(after).toEqual({ messages: 1, pending: true });
        expect((await send(lead, first.ticketId, { kind: 'note', body: 'Photo for the team.', attachmentIds: [file.body.id] })).status).toBe(201);
      } finally {
        visitor.disconnect();
      }
    });
  });

  it('the pending-upload migration reverts cleanly and applies again (in a transaction rolled back)', async () => {
    const client = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await client.connect();
    const runner = { query: (sql: string) => client.query(sql) } as unknown as QueryRunner;
    const columns = async () => (await client.query<{ column_name: string; is_nullable: string }>(`SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'attachments' AND column_name IN ('message_id', 'uploaded_by', 'ticket_id') ORDER BY column_name`)).rows;
    try {
      await client.query('BEGIN');
      expect(await columns()).toEqual([{ column_name: 'message_id', is_nullable: 'YES' }, { column_name: 'ticket_id', is_nullable: 'YES' }, { column_name: 'uploaded_by', is_nullable: 'YES' }]);
      await expect(client.query(`INSERT INTO attachments (client_id, filename, content_type, size_bytes, content) SELECT id, 'x', 'text/plain', 1, 'x' FROM clients LIMIT 1`)).rejects.toThrow(/attachments_pending_owner/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await new AttachmentUploads1764800000000().down(runner);
      expect(await columns()).toEqual([{ column_name: 'message_id', is_nullable: 'NO' }]);
      await new AttachmentUploads1764800000000().up(runner);
      expect(await columns()).toHaveLength(3);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
