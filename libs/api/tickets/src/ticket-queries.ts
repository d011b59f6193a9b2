import { TIMELINE_PAGE_SIZE, type EmailAddressView, type Page, type EmailEnvelope, type MessageView, type PiiVisibility, type TicketMessage, type TicketSummary, type TimelinePage } from '@switchboard/shared-contracts';
import { displayEmail } from '@switchboard/shared-domain';
import { pageOf, type PageRequest } from '@switchboard/api-platform';
import type { EntityManager } from 'typeorm';

/** Reads shared by the ticket services. RLS scopes them; callers add their own filters. */
const SUMMARY_SQL = `
  SELECT t.id, 'SB-' || t.number AS reference, t.client_id AS "clientId", t.inbox_id AS "inboxId", t.channel, t.status,
         t.priority, t.language, t.mode, t.assignee_id AS "assigneeId", t.queue_id AS "queueId", t.sla_due_at AS "slaDueAt", t.first_response_at AS "firstResponseAt", c.display_name AS "contactName",
         t.created_at AS "createdAt", t.queued_at AS "queuedAt", t.last_message_at AS "lastMessageAt", t.updated_at AS "updatedAt",
         coalesce((SELECT left(split_part(m.body, E'\\n', 1), 140) FROM messages m
                    WHERE m.ticket_id = t.id AND m.direction = 'inbound' ORDER BY m.seq DESC LIMIT 1), '') AS preview
    FROM tickets t JOIN contacts c ON c.id = t.contact_id`;

type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] extends string ? Date : Date | null };

type SummaryRow = Dated<TicketSummary, 'createdAt' | 'queuedAt' | 'slaDueAt' | 'firstResponseAt' | 'lastMessageAt' | 'updatedAt'>;

export async function ticketSummaries(m: EntityManager, where: string, params: unknown[]): Promise<TicketSummary[]> {
  const rows = await m.query<SummaryRow[]>(`${SUMMARY_SQL} WHERE ${where} ORDER BY t.number`, params);
  return rows.map(summaryOf);
}

/** A page of summaries in ticket-number order (oldest first); the cursor is the last ticket's number. */
export async function ticketSummaryPage(m: EntityManager, where: string, params: unknown[], page: PageRequest): Promise<Page<TicketSummary>> {
  const after = page.after ? `t.number > $${params.length + 1}::bigint` : 'true';
  const rows = await m.query<(SummaryRow & { number: string })[]>(
    `${SUMMARY_SQL.replace('SELECT t.id,', 'SELECT t.number::text AS number, t.id,')} WHERE (${where}) AND ${after} ORDER BY t.number LIMIT ${page.limit + 1}`,
    page.after ? [...params, page.after[0]] : params,
  );
  return pageOf(rows, page.limit, (row) => [row.number], ({ number: _number, ...row }) => summaryOf(row));
}

function summaryOf(r: SummaryRow): TicketSummary {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    queuedAt: r.queuedAt?.toISOString() ?? null,
    slaDueAt: r.slaDueAt?.toISOString() ?? null,
    firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
    lastMessageAt: r.lastMessageAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Columns of `messages` as MessageView wants them; `m` is the alias. */
export const MESSAGE_COLUMNS = `m.id, m.ticket_id AS "ticketId", m.seq, m.direction, m.body, m.client_msg_id AS "clientMsgId",
  m.author_name AS "authorName", m.delivery_status AS "deliveryStatus", m.created_at AS "createdAt"`;

export type MessageRow = Dated<MessageView, 'createdAt'>;

/** What the customer sees of a conversation: their messages and the replies, agents by first name. */
export async function messagesOf(m: EntityManager, ticketId: string): Promise<MessageView[]> {
  const rows = await m.query<MessageRow[]>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.ticket_id = $1 AND m.direction IN ('inbound', 'outbound') ORDER BY m.seq`, [ticketId]);
  return rows.map(customerMessageView);
}

/** Everything staff see of a ticket's timeline, notes and system lines included. */
/** A page of the timeline: the `limit` lines before `beforeSeq` (the latest without it), in seq order. */
export async function timelinePage(m: EntityManager, ticketId: string, { beforeSeq = null, limit = TIMELINE_PAGE_SIZE }: { beforeSeq?: number | null; limit?: number } = {}): Promise<TimelinePage> {
  const rows = await m.query<(MessageRow & Omit<TicketMessage, keyof MessageView | 'email'> & { email: EmailEnvelope | null })[]>(
    `SELECT ${MESSAGE_COLUMNS}, m.subject, m.body_html AS "bodyHtml", m.attachments, m.delivery_error AS "deliveryError", m.email_envelope AS email
       FROM messages m WHERE m.ticket_id = $1 AND ($2::int IS NULL OR m.seq < $2) ORDER BY m.seq DESC LIMIT $3`,
    [ticketId, beforeSeq, limit + 1],
  );
  const page = rows.slice(0, limit).reverse();
  const show = page.some((r) => r.email) ? await addressDisplay(m, ticketId) : (address: EmailAddressView) => address;
  return {
    messages: page.map((r) => ({
      ...messageView(r),
      subject: r.subject,
      bodyHtml: r.bodyHtml,
      attachments: r.attachments,
      deliveryError: r.deliveryError,
      email: r.email ? { from: r.email.from ? show(r.email.from) : null, to: r.email.to.map(show), cc: r.email.cc.map(show) } : null,
    })),
    hasMore: rows.length > limit,
  };
}

/** How staff see an address in an email's headers: the client's own inbox addresses as they are, every other per the client's PII policy. */
async function addressDisplay(m: EntityManager, ticketId: string): Promise<(address: EmailAddressView) => EmailAddressView> {
  const [row] = await m.query<{ visibility: PiiVisibility; own: string[] }[]>(
    `SELECT cl.pii_policy->>'email' AS visibility, coalesce((SELECT array_agg(lower(i.address)) FROM inboxes i WHERE i.client_id = t.client_id AND i.channel = 'email'), '{}') AS own
       FROM tickets t JOIN clients cl ON cl.id = t.client_id WHERE t.id = $1`,
    [ticketId],
  );
  const visibility: PiiVisibility = row?.visibility ?? 'hidden';
  const own = new Set(row?.own ?? []);
  return (address) => (own.has(address.address.toLowerCase()) ? address : { name: address.name, address: displayEmail(address.address, visibility) });
}

export function messageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    ticketId: row.ticketId,
    seq: row.seq,
    direction: row.direction,
    body: row.body,
    clientMsgId: row.clientMsgId,
    authorName: row.authorName ?? null,
    deliveryStatus: row.deliveryStatus,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Customers learn an agent's first name only. */
export function customerView(view: MessageView): MessageView {
  return { ...view, authorName: view.authorName ? view.authorName.split(/\s+/)[0] : null };
}

export function customerMessageView(row: MessageRow): MessageView {
  return customerView(messageView(row));
}
