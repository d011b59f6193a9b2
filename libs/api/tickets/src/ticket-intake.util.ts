import { OPEN_TICKET_STATUSES, type Channel, type MessageView } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';
import { messageView } from './ticket-queries';

/**
 * The steps every channel's intake shares, inside the caller's transaction: serialise one sender's
 * messages, resolve the contact by channel identity, find or open the ticket, append the message with
 * the next seq, and write the ticket events. Channels decide only what is channel-specific.
 */

/** One sender at a time: no duplicate contact or ticket, no seq race, and a retry sees its first try. */
export async function lockSender(m: EntityManager, clientId: string, channel: Channel, externalId: string): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`intake:${clientId}:${channel}:${externalId}`]);
}

export async function findContact(m: EntityManager, clientId: string, channel: Channel, externalId: string): Promise<string | null> {
  const [row] = await m.query<{ contact_id: string }[]>('SELECT contact_id FROM contact_identities WHERE client_id = $1 AND channel = $2 AND external_id = $3', [clientId, channel, externalId]);
  return row?.contact_id ?? null;
}

/** The contact known by this identity, created (with the identity) the first time. */
export async function contactFor(m: EntityManager, clientId: string, channel: Channel, externalId: string, details: { displayName: string; email?: string | null; phone?: string | null }): Promise<string> {
  const known = await findContact(m, clientId, channel, externalId);
  if (known) return known;
  const [contact] = await m.query<{ id: string }[]>('INSERT INTO contacts (client_id, display_name, email, phone) VALUES ($1, $2, $3, $4) RETURNING id', [
    clientId,
    details.displayName.slice(0, 200) || 'Unknown contact',
    details.email ?? null,
    details.phone ?? null,
  ]);
  await m.query('INSERT INTO contact_identities (client_id, contact_id, channel, external_id) VALUES ($1, $2, $3, $4)', [clientId, contact.id, channel, externalId]);
  return contact.id;
}

/** The contact's open ticket in this inbox, newest first. */
export async function openTicketOf(m: EntityManager, contactId: string, inboxId: string): Promise<string | null> {
  const [row] = await m.query<{ id: string }[]>('SELECT id FROM tickets WHERE contact_id = $1 AND inbox_id = $2 AND status = ANY ($3) ORDER BY created_at DESC LIMIT 1', [contactId, inboxId, OPEN_TICKET_STATUSES]);
  return row?.id ?? null;
}

export interface InboundMessage {
  clientId: string;
  inboxId: string;
  channel: Channel;
  contactId: string;
  /** The ticket it joins; null opens a new queued ticket. */
  ticketId: string | null;
  /** Already masked. */
  body: string;
  subject?: string | null;
  bodyHtml?: string | null;
  clientMsgId?: string | null;
  externalId?: string | null;
  /** Extra facts for the `message_received` event. */
  eventData?: Record<string, unknown>;
}

export interface AppendedMessage {
  ticketId: string;
  opened: boolean;
  message: MessageView;
}

export async function appendInbound(m: EntityManager, input: InboundMessage): Promise<AppendedMessage> {
  let ticketId = input.ticketId;
  const opened = !ticketId;
  if (!ticketId) {
    const [ticket] = await m.query<{ id: string }[]>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, queued_at) VALUES ($1, $2, $3, $4, 'queued', $5, now()) RETURNING id`,
      [input.clientId, input.inboxId, input.contactId, input.channel, input.subject ?? null],
    );
    ticketId = ticket.id;
    await m.query(`INSERT INTO ticket_events (client_id, ticket_id, type, data) VALUES ($1, $2, 'created', $3), ($1, $2, 'queued', '{}')`, [input.clientId, ticketId, { channel: input.channel, inboxId: input.inboxId }]);
  }
  // TypeORM answers an UPDATE … RETURNING with [rows, affected].
  const [[{ seq }]] = await m.query<[{ seq: number }[], number]>(
    'UPDATE tickets SET next_seq = next_seq + 1, last_message_at = now(), updated_at = now() WHERE id = $1 RETURNING next_seq - 1 AS seq',
    [ticketId],
  );
  const [row] = await m.query(
    `INSERT INTO messages (client_id, ticket_id, seq, direction, subject, body, body_html, client_msg_id, external_id)
     VALUES ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8)
     RETURNING id, ticket_id AS "ticketId", seq, direction, body, client_msg_id AS "clientMsgId", created_at AS "createdAt"`,
    [input.clientId, ticketId, seq, input.subject ?? null, input.body, input.bodyHtml ?? null, input.clientMsgId ?? null, input.externalId ?? null],
  );
  await m.query(`INSERT INTO ticket_events (client_id, ticket_id, type, data) VALUES ($1, $2, 'message_received', $3)`, [input.clientId, ticketId, { messageId: row.id, seq, ...input.eventData }]);
  return { ticketId, opened, message: messageView(row) };
}
