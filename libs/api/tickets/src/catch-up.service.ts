import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { DomainException, NotFoundException, type Principal, type TenantScope } from '@switchboard/api-platform';
import { CATCH_UP_PAGE, cursorProblems } from '@switchboard/shared-domain';
import { ErrorCode, type AttachmentView, type MessageView, type StaffMessageView, type SyncRequest, type SyncResponse, type TicketCatchUp } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';
import type { ChatVisitor } from './chat-intake.service';
import { findContact } from './ticket-intake.util';
import { customerMessageView, MESSAGE_COLUMNS, messageView, type MessageRow } from './ticket-queries';

type Row = MessageRow & { attachments: AttachmentView[] | null };

/**
 * After a reconnect, a recipient asks for what it missed: per ticket, the messages after the last seq
 * it saw. All or nothing: one ticket the caller may not see (absent, another client's, another
 * visitor's) answers NOT_FOUND, one cursor past the ticket's last message SYNC_CURSOR_AHEAD, and no
 * message of any ticket is returned.
 */
@Injectable()
export class CatchUpService {
  constructor(private readonly tenants: TenantDatabase) {}

  /** Staff: every ticket row-level security lets them read; notes and system lines included. */
  async forStaff(principal: Principal, request: SyncRequest): Promise<SyncResponse<StaffMessageView>> {
    return await this.tenants.run(principal, async (m) => {
      const last = await lastSeqs(m, request, 'true', []);
      return { tickets: await catchUp(m, request, last, 'true', (row) => ({ ...messageView(row), attachments: row.attachments ?? [] })) };
    });
  }

  /** A widget visitor: their own chat tickets on this inbox only, and only what customers see. */
  async forVisitor(visitor: ChatVisitor, request: SyncRequest): Promise<SyncResponse<MessageView>> {
    const scope: TenantScope = { role: 'customer', clientIds: [visitor.clientId] };
    return await this.tenants.run(scope, async (m) => {
      const contactId = await findContact(m, visitor.clientId, 'chat', visitor.identity);
      if (!contactId) throw new NotFoundException('Conversation');
      const last = await lastSeqs(m, request, 't.contact_id = $2 AND t.inbox_id = $3', [contactId, visitor.inboxId]);
      return { tickets: await catchUp(m, request, last, `m.direction IN ('inbound', 'outbound')`, customerMessageView) };
    });
  }
}

async function lastSeqs(m: EntityManager, request: SyncRequest, where: string, params: unknown[]): Promise<Map<string, number>> {
  const ids = request.cursors.map((c) => c.ticketId);
  const rows = await m.query<{ id: string; last: number }[]>(`SELECT t.id, t.next_seq - 1 AS last FROM tickets t WHERE t.id = ANY ($1::uuid[]) AND ${where}`, [ids, ...params]);
  const last = new Map(rows.map((r) => [r.id, Number(r.last)]));
  if (ids.some((id) => !last.has(id))) throw new NotFoundException('Ticket');
  const problems = cursorProblems(request.cursors, (id) => last.get(id));
  if (problems.length) {
    const ahead = problems.some((p) => p.field === 'afterSeq');
    throw new DomainException(
      ahead ? ErrorCode.SyncCursorAhead : ErrorCode.ValidationFailed,
      ahead ? 'That cursor is ahead of the conversation: it was not issued for it. Catch up from the last message you have.' : 'Each ticket may be named once.',
      problems.map((p) => ({ field: `cursors.${p.index}.${p.field}`, message: p.message })),
    );
  }
  return last;
}

async function catchUp<M>(m: EntityManager, request: SyncRequest, last: Map<string, number>, visible: string, view: (row: Row) => M): Promise<TicketCatchUp<M>[]> {
  const out: TicketCatchUp<M>[] = [];
  for (const cursor of request.cursors) {
    const rows = await m.query<Row[]>(
      `SELECT ${MESSAGE_COLUMNS}, m.attachments FROM messages m WHERE m.ticket_id = $1 AND m.seq > $2 AND ${visible} ORDER BY m.seq LIMIT ${CATCH_UP_PAGE + 1}`,
      [cursor.ticketId, cursor.afterSeq],
    );
    out.push({ ticketId: cursor.ticketId, messages: rows.slice(0, CATCH_UP_PAGE).map(view), lastSeq: last.get(cursor.ticketId) ?? cursor.afterSeq, more: rows.length > CATCH_UP_PAGE });
  }
  return out;
}
