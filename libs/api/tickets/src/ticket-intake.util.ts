import { OPEN_TICKET_STATUSES, type Channel, type InboxRouting, type MessageView } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';
import { chooseQueue, maskCardSplitAcrossMessages } from '@switchboard/shared-domain';
import { detectLanguage } from './language-detection.util';
import { messageView, type MessageRow } from './ticket-queries';

/** RETURNING list of an inserted message, shaped as a MessageRow. */
export const RETURNED_MESSAGE = `id, ticket_id AS "ticketId", seq, direction, body, client_msg_id AS "clientMsgId", author_name AS "authorName", delivery_status AS "deliveryStatus", created_at AS "createdAt"`;

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
  /** False when the text is ours, not the customer's (a call's first line): it says nothing of their language. */
  detectLanguage?: boolean;
  /** Mode of a ticket this message opens. */
  mode?: 'live' | 'async';
}

export interface AppendedMessage {
  ticketId: string;
  opened: boolean;
  message: MessageView;
  /** The customer's previous message, re-masked because a card number ran across both. */
  remasked: MessageView | null;
}

/** A card number split across two messages is only caught if they follow each other closely. */
const SPLIT_CARD_WINDOW = '10 minutes';

export async function appendInbound(m: EntityManager, input: InboundMessage): Promise<AppendedMessage> {
  let ticketId = input.ticketId;
  const opened = !ticketId;
  if (!ticketId) {
    const [ticket] = await m.query<{ id: string }[]>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, mode, queued_at) VALUES ($1, $2, $3, $4, 'queued', $5, $6, now()) RETURNING id`,
      [input.clientId, input.inboxId, input.contactId, input.channel, input.subject ?? null, input.mode ?? 'live'],
    );
    ticketId = ticket.id;
    await m.query(`INSERT INTO ticket_events (client_id, ticket_id, type, data) VALUES ($1, $2, 'created', $3)`, [input.clientId, ticketId, { channel: input.channel, inboxId: input.inboxId }]);
  }
  let body = input.body;
  let remasked: MessageView | null = null;
  if (!opened) {
    const [previous] = await m.query<{ id: string; body: string }[]>(
      `SELECT id, body FROM messages WHERE ticket_id = $1 AND direction = 'inbound' AND created_at > now() - interval '${SPLIT_CARD_WINDOW}' ORDER BY seq DESC LIMIT 1`,
      [ticketId],
    );
    const split = previous ? maskCardSplitAcrossMessages(previous.body, body) : null;
    if (previous && split) {
      body = split.later;
      const [[row]] = await m.query<[MessageRow[], number]>(`UPDATE messages SET body = $2 WHERE id = $1 RETURNING ${RETURNED_MESSAGE}`, [previous.id, split.earlier]);
      remasked = messageView(row);
    }
  }
  // The ticket's language, from the first text that tells it, among the client's languages.
  const [ticket] = await m.query<{ language: string | null; languages: string[] }[]>('SELECT t.language, c.languages FROM tickets t JOIN clients c ON c.id = t.client_id WHERE t.id = $1', [ticketId]);
  const language = ticket.language ?? (input.detectLanguage === false ? null : detectLanguage(body, ticket.languages));
  // TypeORM answers an UPDATE … RETURNING with [rows, affected].
  const [[{ seq }]] = await m.query<[{ seq: number }[], number]>(
    'UPDATE tickets SET next_seq = next_seq + 1, last_message_at = now(), updated_at = now(), language = $2 WHERE id = $1 RETURNING next_seq - 1 AS seq',
    [ticketId, language],
  );
  const [row] = await m.query(
    `INSERT INTO messages (client_id, ticket_id, seq, direction, subject, body, body_html, client_msg_id, external_id)
     VALUES ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8)
     RETURNING ${RETURNED_MESSAGE}`,
    [input.clientId, ticketId, seq, input.subject ?? null, body, input.bodyHtml ?? null, input.clientMsgId ?? null, input.externalId ?? null],
  );
  await m.query(`INSERT INTO ticket_events (client_id, ticket_id, type, data) VALUES ($1, $2, 'message_received', $3)`, [
    input.clientId,
    ticketId,
    { messageId: row.id, seq, ...input.eventData, ...(remasked ? { splitCardMasked: true } : {}) },
  ]);
  if (opened) await landInQueue(m, { ...input, ticketId, language, text: `${input.subject ?? ''}\n${body}` });
  else await reopenIfPending(m, input.clientId, ticketId);
  return { ticketId, opened, message: messageView(row), remasked };
}

/** A follow-up goes back to the agent who served the contact within this long (sticky routing). */
const STICKY_LOOKBACK = '7 days';

/**
 * Puts a new ticket in line: the queue the inbox's rules choose (else its default), that queue's
 * priority and answer target, and the agent who last served the contact, for sticky routing.
 * Without a queue the ticket waits to be picked by hand.
 */
async function landInQueue(m: EntityManager, ticket: { clientId: string; inboxId: string; contactId: string; ticketId: string; language: string | null; text: string }): Promise<void> {
  const [inbox] = await m.query<{ routing: InboxRouting }[]>('SELECT routing FROM inboxes WHERE id = $1', [ticket.inboxId]);
  const choice = chooseQueue(inbox?.routing ?? { defaultQueueId: null, rules: [] }, { language: ticket.language, text: ticket.text });
  const [queue] = choice.queueId ? await m.query<{ id: string; priority: number; sla_seconds: number }[]>('SELECT id, priority, sla_seconds FROM queues WHERE id = $1 AND client_id = $2', [choice.queueId, ticket.clientId]) : [];
  const [last] = await m.query<{ assignee_id: string }[]>(
    `SELECT assignee_id FROM tickets WHERE contact_id = $1 AND id <> $2 AND assignee_id IS NOT NULL AND updated_at > now() - interval '${STICKY_LOOKBACK}' ORDER BY updated_at DESC LIMIT 1`,
    [ticket.contactId, ticket.ticketId],
  );
  await m.query(
    `UPDATE tickets SET queue_id = $2, priority = $3, sla_due_at = CASE WHEN $4::int IS NULL THEN NULL ELSE queued_at + make_interval(secs => $4::int) END, last_agent_id = $5 WHERE id = $1`,
    [ticket.ticketId, queue?.id ?? null, choice.priority ?? queue?.priority ?? 3, queue?.sla_seconds ?? null, last?.assignee_id ?? null],
  );
  await recordEvent(m, ticket.clientId, ticket.ticketId, 'queued', { queueId: queue?.id ?? null, rule: choice.rule, lastAgentId: last?.assignee_id ?? null });
}

/** A customer's answer to a ticket waiting on them brings it back to the agent who has it. */
async function reopenIfPending(m: EntityManager, clientId: string, ticketId: string): Promise<void> {
  const [[reopened]] = await m.query<[{ assignee_id: string | null }[], number]>(`UPDATE tickets SET status = CASE WHEN assignee_id IS NULL THEN 'queued' ELSE 'assigned' END WHERE id = $1 AND status = 'pending' RETURNING assignee_id`, [ticketId]);
  if (reopened) await recordEvent(m, clientId, ticketId, 'reopened', { agentId: reopened.assignee_id });
}

/** Takes the next seq of a ticket (locking its row until commit). */
export async function nextSeq(m: EntityManager, ticketId: string): Promise<number> {
  const [[{ seq }]] = await m.query<[{ seq: number }[], number]>('UPDATE tickets SET next_seq = next_seq + 1, updated_at = now() WHERE id = $1 RETURNING next_seq - 1 AS seq', [ticketId]);
  return seq;
}

/** A system line in the timeline (call events, recordings): staff see it, customers do not. */
export async function appendSystemLine(m: EntityManager, clientId: string, ticketId: string, body: string): Promise<MessageView> {
  const seq = await nextSeq(m, ticketId);
  const [row] = await m.query(`INSERT INTO messages (client_id, ticket_id, seq, direction, body, delivery_status) VALUES ($1, $2, $3, 'system', $4, 'sent') RETURNING ${RETURNED_MESSAGE}`, [clientId, ticketId, seq, body]);
  return messageView(row);
}

export async function recordEvent(m: EntityManager, clientId: string, ticketId: string, type: string, data: Record<string, unknown> = {}, actorUserId: string | null = null): Promise<void> {
  await m.query('INSERT INTO ticket_events (client_id, ticket_id, type, actor_user_id, data) VALUES ($1, $2, $3, $4, $5)', [clientId, ticketId, type, actorUserId, data]);
}

/** Writes to the local outbox: what a mail server or provider API would have received. */
export async function writeLocalOutbox(m: EntityManager, entry: { clientId: string; kind: 'email' | 'social_message' | 'call_update'; recipient: string; subject?: string | null; payload: string }): Promise<string> {
  const [row] = await m.query<{ id: string }[]>('INSERT INTO local_outbox (client_id, kind, recipient, subject, payload) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
    entry.clientId,
    entry.kind,
    entry.recipient,
    entry.subject ?? null,
    entry.payload,
  ]);
  return row.id;
}
