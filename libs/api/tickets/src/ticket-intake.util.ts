import { OPEN_TICKET_STATUSES, type Channel, type EmailEnvelope, type InboxRouting, type MessageView, type TicketSummary } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';
import { chooseQueue, maskCardAfterBlankedStart, maskCardSplitAcrossMessages, slaDueTimes } from '@switchboard/shared-domain';
import { detectLanguage } from './language-detection.util';
import { messageView, ticketSummaries, type MessageRow } from './ticket-queries';

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
export async function contactFor(m: EntityManager, clientId: string, channel: Channel, externalId: string, details: ContactDetails): Promise<string> {
  return (await contactOf(m, clientId, channel, externalId, details)).id;
}

export interface ContactDetails {
  displayName: string;
  email?: string | null;
  phone?: string | null;
}

/**
 * contactFor in one statement, saying whether the contact is new (it then has no ticket and an empty
 * profile: the caller need not ask). Call it under lockSender, so two messages never both create one.
 */
export async function contactOf(m: EntityManager, clientId: string, channel: Channel, externalId: string, details: ContactDetails): Promise<{ id: string; created: boolean }> {
  const [contact] = await m.query<{ id: string; created: boolean }[]>(
    `WITH known AS (SELECT contact_id FROM contact_identities WHERE client_id = $1 AND channel = $5 AND external_id = $6),
          c AS (INSERT INTO contacts (client_id, display_name, email, phone) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM known) RETURNING id),
          ci AS (INSERT INTO contact_identities (client_id, contact_id, channel, external_id) SELECT $1, c.id, $5, $6 FROM c RETURNING contact_id)
     SELECT contact_id AS id, false AS created FROM known UNION ALL SELECT contact_id AS id, true AS created FROM ci`,
    [clientId, details.displayName.slice(0, 200) || 'Unknown contact', details.email ?? null, details.phone ?? null, channel, externalId],
  );
  return contact;
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
  /** An email's From, To and Cc as received (addresses unmasked: the PII policy applies when shown). */
  emailEnvelope?: EmailEnvelope | null;
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
  /** The ticket as it stands after this message, read in the same transaction (announced after commit). */
  summary: TicketSummary;
}

/** A card number split across two messages is only caught if they follow each other closely. */
const SPLIT_CARD_WINDOW = '10 minutes';

export async function appendInbound(m: EntityManager, input: InboundMessage): Promise<AppendedMessage> {
  const appended = input.ticketId ? await appendToTicket(m, input, input.ticketId) : await openTicket(m, input);
  const [summary] = await ticketSummaries(m, 't.id = $1', [appended.ticketId]);
  return { ...appended, summary };
}

/** A follow-up goes back to the agent who served the contact within this long (sticky routing). */
const STICKY_LOOKBACK = '7 days';

/**
 * A first message opens a ticket already in line: the queue the inbox's rules choose (else its
 * default) from the message's text and language, that queue's priority and answer target, and the
 * agent who last served the contact, for sticky routing. Without a queue the ticket waits to be
 * picked by hand. Events: created, message_received, queued — in that order.
 */
async function openTicket(m: EntityManager, input: InboundMessage): Promise<Omit<AppendedMessage, 'summary'>> {
  const [setting] = await m.query<{ routing: InboxRouting | null; languages: string[] }[]>(
    'SELECT i.routing, c.languages FROM clients c LEFT JOIN inboxes i ON i.id = $2 AND i.client_id = c.id WHERE c.id = $1',
    [input.clientId, input.inboxId],
  );
  const language = input.detectLanguage === false ? null : detectLanguage(input.body, setting.languages);
  const choice = chooseQueue(setting.routing ?? { defaultQueueId: null, rules: [] }, { language, text: `${input.subject ?? ''}\n${input.body}` });
  const [ticket] = await m.query<{ id: string; queue_id: string | null; last_agent_id: string | null; queued_at: Date; sla_seconds: number | null; resolution_seconds: number | null; next_response_seconds: number | null }[]>(
    `WITH q AS (SELECT id, priority, sla_seconds, resolution_seconds, next_response_seconds FROM queues WHERE id = $7 AND client_id = $1),
          last AS (SELECT assignee_id FROM tickets WHERE contact_id = $3 AND assignee_id IS NOT NULL AND updated_at > now() - interval '${STICKY_LOOKBACK}' ORDER BY updated_at DESC LIMIT 1),
          t AS (
            INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, mode, queued_at, language, next_seq, last_message_at, queue_id, priority, sla_due_at, last_agent_id)
            SELECT $1, $2, $3, $4, 'queued', $5, $6, now(), $8, 2, now(), q.id, coalesce($9::int, q.priority, 3),
                   CASE WHEN q.sla_seconds IS NULL THEN NULL ELSE now() + make_interval(secs => q.sla_seconds) END, (SELECT assignee_id FROM last)
              FROM (SELECT 1) one LEFT JOIN q ON true
            RETURNING id, queue_id, last_agent_id, queued_at)
     SELECT t.id, t.queue_id, t.last_agent_id, t.queued_at, q.sla_seconds, q.resolution_seconds, q.next_response_seconds FROM t LEFT JOIN q ON q.id = t.queue_id`,
    [input.clientId, input.inboxId, input.contactId, input.channel, input.subject ?? null, input.mode ?? 'live', choice.queueId, language, choice.priority],
  );
  // The queue's targets as due times on the queued event (the inbox clock's sla_due_at is the first-response one): reporting judges attainment from the log alone.
  const due = ticket.queue_id
    ? slaDueTimes(ticket.queued_at.toISOString(), { slaSeconds: ticket.sla_seconds, resolutionSeconds: ticket.resolution_seconds, nextResponseSeconds: ticket.next_response_seconds })
    : null;
  const row = await insertInbound(m, input, ticket.id, 1, input.body);
  await recordEventsInBulk(m, [
    { clientId: input.clientId, ticketId: ticket.id, type: 'created', data: { channel: input.channel, inboxId: input.inboxId } },
    { clientId: input.clientId, ticketId: ticket.id, type: 'message_received', data: { messageId: row.id, seq: 1, ...input.eventData } },
    { clientId: input.clientId, ticketId: ticket.id, type: 'queued', data: { queueId: ticket.queue_id, rule: choice.rule, lastAgentId: ticket.last_agent_id, ...due } },
  ]);
  return { ticketId: ticket.id, opened: true, message: messageView(row), remasked: null };
}

/** A message on an open ticket: re-masks a card number split across it and the previous one; a pending ticket reopens. */
async function appendToTicket(m: EntityManager, input: InboundMessage, ticketId: string): Promise<Omit<AppendedMessage, 'summary'>> {
  let body = input.body;
  let remasked: MessageView | null = null;
  // One round trip: the ticket's language, the client's languages and the customer's previous message.
  const [ticket] = await m.query<{ language: string | null; languages: string[]; previous_id: string | null; previous_body: string | null }[]>(
    `SELECT t.language, c.languages, p.id AS previous_id, p.body AS previous_body
       FROM tickets t JOIN clients c ON c.id = t.client_id
       LEFT JOIN LATERAL (SELECT id, body FROM messages WHERE ticket_id = t.id AND direction = 'inbound' AND created_at > now() - interval '${SPLIT_CARD_WINDOW}' ORDER BY seq DESC LIMIT 1) p ON true
      WHERE t.id = $1`,
    [ticketId],
  );
  const previous = ticket.previous_id !== null && ticket.previous_body !== null ? { id: ticket.previous_id, body: ticket.previous_body } : null;
  // The previous message ended with a card's start, blanked at once: blank this one's part of it too.
  const completed = previous ? maskCardAfterBlankedStart(previous.body, body) : null;
  if (completed) body = completed;
  const split = previous && !completed ? maskCardSplitAcrossMessages(previous.body, body) : null;
  if (previous && split) {
    body = split.later;
    const [[row]] = await m.query<[MessageRow[], number]>(`UPDATE messages SET body = $2 WHERE id = $1 RETURNING ${RETURNED_MESSAGE}`, [previous.id, split.earlier]);
    remasked = messageView(row);
  }
  // The ticket's language, from the first text that tells it, among the client's languages.
  const language = ticket.language ?? (input.detectLanguage === false ? null : detectLanguage(body, ticket.languages));
  // TypeORM answers an UPDATE … RETURNING with [rows, affected]. A pending ticket reopens to its agent (or its queue).
  const [[{ seq, reopened, assignee_id }]] = await m.query<[{ seq: number; reopened: boolean; assignee_id: string | null }[], number]>(
    `UPDATE tickets t SET next_seq = t.next_seq + 1, last_message_at = now(), updated_at = now(), language = $2,
            status = CASE WHEN t.status = 'pending' THEN CASE WHEN t.assignee_id IS NULL THEN 'queued' ELSE 'assigned' END ELSE t.status END
       FROM tickets before WHERE t.id = $1 AND before.id = t.id
     RETURNING t.next_seq - 1 AS seq, before.status = 'pending' AS reopened, t.assignee_id`,
    [ticketId, language],
  );
  const row = await insertInbound(m, input, ticketId, seq, body);
  const events: TicketEventRow[] = [{ clientId: input.clientId, ticketId, type: 'message_received', data: { messageId: row.id, seq, ...input.eventData, ...(remasked ? { splitCardMasked: true } : {}) } }];
  if (reopened) events.push({ clientId: input.clientId, ticketId, type: 'reopened', data: { agentId: assignee_id } });
  await recordEventsInBulk(m, events);
  return { ticketId, opened: false, message: messageView(row), remasked };
}

async function insertInbound(m: EntityManager, input: InboundMessage, ticketId: string, seq: number, body: string): Promise<MessageRow> {
  const [row] = await m.query<MessageRow[]>(
    `INSERT INTO messages (client_id, ticket_id, seq, direction, subject, body, body_html, client_msg_id, external_id, email_envelope)
     VALUES ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8, $9)
     RETURNING ${RETURNED_MESSAGE}`,
    [input.clientId, ticketId, seq, input.subject ?? null, body, input.bodyHtml ?? null, input.clientMsgId ?? null, input.externalId ?? null, input.emailEnvelope ? JSON.stringify(input.emailEnvelope) : null],
  );
  return row;
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

export interface TicketEventRow {
  clientId: string;
  ticketId: string;
  type: string;
  data: Record<string, unknown>;
  actorUserId?: string | null;
}

/** Appends many ticket events in one statement, in the order given (a round may write thousands). */
export async function recordEventsInBulk(m: EntityManager, events: TicketEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await m.query(insertEventsSql('$1'), [eventsParameter(events)]);
}

/**
 * The INSERT of recordEventsInBulk, reading the events (`eventsParameter`) from the parameter named
 * `parameter`: for a statement that writes them beside other rows (as a data-modifying WITH).
 */
export function insertEventsSql(parameter: string): string {
  return `INSERT INTO ticket_events (client_id, ticket_id, type, actor_user_id, data)
     SELECT r.client_id, r.ticket_id, r.type, r.actor_user_id, r.data
       FROM ROWS FROM (jsonb_to_recordset(${parameter}) AS (client_id uuid, ticket_id uuid, type text, actor_user_id uuid, data jsonb)) WITH ORDINALITY AS r(client_id, ticket_id, type, actor_user_id, data, n)
      ORDER BY r.n`;
}

export function eventsParameter(events: TicketEventRow[]): string {
  return JSON.stringify(events.map((e) => ({ client_id: e.clientId, ticket_id: e.ticketId, type: e.type, actor_user_id: e.actorUserId ?? null, data: e.data })));
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
