import type { MessageView, TicketSummary } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';

/** Reads shared by the ticket services. RLS scopes them; callers add their own filters. */
const SUMMARY_SQL = `
  SELECT t.id, 'SB-' || t.number AS reference, t.client_id AS "clientId", t.inbox_id AS "inboxId", t.channel, t.status,
         t.priority, t.language, c.display_name AS "contactName", t.created_at AS "createdAt", t.queued_at AS "queuedAt",
         t.last_message_at AS "lastMessageAt",
         coalesce((SELECT left(split_part(m.body, E'\\n', 1), 140) FROM messages m
                    WHERE m.ticket_id = t.id AND m.direction = 'inbound' ORDER BY m.seq DESC LIMIT 1), '') AS preview
    FROM tickets t JOIN contacts c ON c.id = t.contact_id`;

export async function ticketSummaries(m: EntityManager, where: string, params: unknown[]): Promise<TicketSummary[]> {
  const rows = await m.query<(Omit<TicketSummary, 'createdAt' | 'queuedAt' | 'lastMessageAt'> & { createdAt: Date; queuedAt: Date | null; lastMessageAt: Date })[]>(
    `${SUMMARY_SQL} WHERE ${where} ORDER BY t.created_at, t.number`,
    params,
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), queuedAt: r.queuedAt?.toISOString() ?? null, lastMessageAt: r.lastMessageAt.toISOString() }));
}

export async function messagesOf(m: EntityManager, ticketId: string): Promise<MessageView[]> {
  const rows = await m.query<(Omit<MessageView, 'createdAt'> & { createdAt: Date })[]>(
    `SELECT id, ticket_id AS "ticketId", seq, direction, body, client_msg_id AS "clientMsgId", created_at AS "createdAt"
       FROM messages WHERE ticket_id = $1 AND direction IN ('inbound', 'outbound') ORDER BY seq`,
    [ticketId],
  );
  return rows.map(messageView);
}

export function messageView(row: Omit<MessageView, 'createdAt'> & { createdAt: Date }): MessageView {
  return { id: row.id, ticketId: row.ticketId, seq: row.seq, direction: row.direction, body: row.body, clientMsgId: row.clientMsgId, createdAt: row.createdAt.toISOString() };
}
