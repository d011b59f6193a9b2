import { Inject, Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, systemScopeFor, type AppConfig } from '@switchboard/api-platform';
import { appendInbound, contactFor, lockSender, TicketPublisher, type AppendedMessage } from '@switchboard/api-tickets';
import { maskSensitiveData, normaliseMessageId, threadCandidates, ticketNumberInSubject } from '@switchboard/shared-domain';
import { OPEN_TICKET_STATUSES, type EmailAddressView, type EmailEnvelope } from '@switchboard/shared-contracts';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { htmlToText, sanitizeEmailHtml } from './html-sanitizer.util';

export interface EmailInbox {
  inboxId: string;
  clientId: string;
  address: string;
}

export interface EmailIntakeResult {
  inboxId: string;
  ticketId: string;
  messageId: string;
  duplicate: boolean;
}

interface ReadableMail {
  messageId: string;
  inReplyTo: string | null;
  references: string | string[] | null;
  subject: string;
  fromAddress: string;
  fromName: string | null;
  /** To and Cc as written (the envelope's recipients may differ: Bcc, forwarding). */
  to: EmailAddressView[];
  cc: EmailAddressView[];
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string; content: Buffer }[];
  unreadable: boolean;
}

/**
 * Inbound email: each inbox a mail was addressed to gets it once. A reply joins its ticket (by the
 * message ids it answers, or the `[SB-n]` reference in its subject); anything else opens a queued
 * ticket. Text, subject and HTML are masked; HTML is sanitised; attachments over the cap are listed,
 * not stored. The same mail delivered twice (same Message-ID) makes one message.
 */
@Injectable()
export class EmailIntakeService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly publisher: TicketPublisher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: EmailIntakeService.name });
  }

  /** The inbox receiving mail at this address, if any (case-insensitive). */
  async inboxFor(address: string): Promise<EmailInbox | null> {
    const [row] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<{ id: string; client_id: string; address: string }[]>(`SELECT id, client_id, address FROM inboxes WHERE channel = 'email' AND lower(address) = lower($1)`, [address.trim()]),
    );
    return row ? { inboxId: row.id, clientId: row.client_id, address: row.address } : null;
  }

  async receive(raw: Buffer, inboxes: EmailInbox[], envelopeFrom: string | null): Promise<EmailIntakeResult[]> {
    const mail = await this.read(raw, envelopeFrom);
    const results: EmailIntakeResult[] = [];
    for (const inbox of inboxes) results.push(await this.deliver(mail, inbox));
    return results;
  }

  private async read(raw: Buffer, envelopeFrom: string | null): Promise<ReadableMail> {
    const fallbackId = `generated-${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@switchboard`;
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
    } catch (error) {
      // Malformed MIME is kept as raw text, never dropped.
      this.log.warn({ err: error }, 'unreadable email kept as raw text');
      return { messageId: fallbackId, inReplyTo: null, references: null, subject: '(unreadable message)', fromAddress: envelopeFrom ?? 'unknown@invalid', fromName: null, to: [], cc: [], text: raw.toString('utf8').slice(0, 100_000), html: null, attachments: [], unreadable: true };
    }
    const from = parsed.from?.value?.[0];
    return {
      messageId: normaliseMessageId(parsed.messageId) ?? fallbackId,
      inReplyTo: parsed.inReplyTo ?? null,
      references: parsed.references ?? null,
      subject: (parsed.subject ?? '').slice(0, 500) || '(no subject)',
      fromAddress: (from?.address ?? envelopeFrom ?? 'unknown@invalid').toLowerCase(),
      fromName: from?.name || null,
      to: addressesOf(parsed.to),
      cc: addressesOf(parsed.cc),
      text: (parsed.text?.trim() || (parsed.html ? htmlToText(parsed.html) : '')).slice(0, 200_000),
      html: parsed.html ? sanitizeEmailHtml(parsed.html) : null,
      attachments: parsed.attachments.map((a) => ({ filename: (a.filename ?? 'attachment').slice(0, 255), contentType: a.contentType || 'application/octet-stream', content: a.content })),
      unreadable: false,
    };
  }

  private async deliver(mail: ReadableMail, inbox: EmailInbox): Promise<EmailIntakeResult> {
    const scope = systemScopeFor(inbox.clientId);
    const subject = maskSensitiveData(mail.subject).text;
    const body = maskSensitiveData(mail.text || '(empty message)').text;
    const html = mail.html ? maskSensitiveData(mail.html).text : null;

    const outcome = await this.tenants.run(scope, async (m) => {
      await lockSender(m, inbox.clientId, 'email', mail.fromAddress);
      const [existing] = await m.query<{ id: string; ticket_id: string }[]>('SELECT id, ticket_id FROM messages WHERE client_id = $1 AND external_id = $2', [inbox.clientId, mail.messageId]);
      if (existing) return { result: { inboxId: inbox.inboxId, ticketId: existing.ticket_id, messageId: existing.id, duplicate: true }, appended: null };

      const contactId = await contactFor(m, inbox.clientId, 'email', mail.fromAddress, { displayName: mail.fromName ?? mail.fromAddress, email: mail.fromAddress });
      const appended = await appendInbound(m, {
        clientId: inbox.clientId,
        inboxId: inbox.inboxId,
        channel: 'email',
        contactId,
        ticketId: await this.threadTicket(m, inbox.clientId, mail),
        subject,
        body,
        bodyHtml: html,
        emailEnvelope: envelopeOf(mail),
        externalId: mail.messageId,
        eventData: { unreadable: mail.unreadable },
      });
      const listed = [];
      for (const attachment of mail.attachments) {
        const stored = attachment.content.length <= this.config.attachments.maxBytes;
        let id: string | null = null;
        if (stored) {
          [{ id }] = await m.query<{ id: string }[]>(
            'INSERT INTO attachments (client_id, message_id, filename, content_type, size_bytes, content) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
            [inbox.clientId, appended.message.id, attachment.filename, attachment.contentType, attachment.content.length, attachment.content],
          );
        }
        listed.push({ id, filename: attachment.filename, contentType: attachment.contentType, size: attachment.content.length, stored });
      }
      if (listed.length) await m.query('UPDATE messages SET attachments = $2 WHERE id = $1', [appended.message.id, JSON.stringify(listed)]);
      return { result: { inboxId: inbox.inboxId, ticketId: appended.ticketId, messageId: appended.message.id, duplicate: false }, appended: appended as AppendedMessage | null };
    });

    if (outcome.appended) {
      this.log.info({ clientId: inbox.clientId, ticketId: outcome.result.ticketId }, 'email received');
      this.publisher.inboundAppended(inbox.clientId, outcome.appended, null);
    }
    return outcome.result;
  }

  private async threadTicket(m: EntityManager, clientId: string, mail: ReadableMail): Promise<string | null> {
    const candidates = threadCandidates(mail.inReplyTo, mail.references);
    if (candidates.length) {
      const [row] = await m.query<{ ticket_id: string }[]>(
        `SELECT msg.ticket_id FROM messages msg JOIN tickets t ON t.id = msg.ticket_id
          WHERE msg.client_id = $1 AND msg.external_id = ANY ($2) AND t.status = ANY ($3) ORDER BY msg.created_at DESC LIMIT 1`,
        [clientId, candidates, OPEN_TICKET_STATUSES],
      );
      if (row) return row.ticket_id;
    }
    const number = ticketNumberInSubject(mail.subject);
    if (number === null) return null;
    const [row] = await m.query<{ id: string }[]>('SELECT id FROM tickets WHERE client_id = $1 AND number = $2 AND status = ANY ($3)', [clientId, number, OPEN_TICKET_STATUSES]);
    return row?.id ?? null;
  }
}

/** Every address of a To or Cc header (groups flattened), lower-cased, at most 50. */
function addressesOf(header: AddressObject | AddressObject[] | undefined): EmailAddressView[] {
  const objects = header ? (Array.isArray(header) ? header : [header]) : [];
  const flat = objects.flatMap((object) => object.value.flatMap((entry) => (entry.group ? entry.group : [entry])));
  return flat
    .filter((entry) => entry.address)
    .slice(0, 50)
    .map((entry) => ({ name: entry.name ? entry.name.slice(0, 200) : null, address: (entry.address as string).toLowerCase().slice(0, 254) }));
}

function envelopeOf(mail: ReadableMail): EmailEnvelope {
  return { from: { name: mail.fromName, address: mail.fromAddress }, to: mail.to, cc: mail.cc };
}
