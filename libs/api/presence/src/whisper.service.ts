import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { NotFoundException, ValidationException, type Principal } from '@switchboard/api-platform';
import type { WhisperRequest, WhisperView } from '@switchboard/shared-contracts';
import { maskSensitiveData } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { agentsLedBy } from './agents-led.util';
import { WhisperSentEvent } from './whisper-sent.event';

/** The agent's whispers shown at once: the newest, read or not. */
const WHISPERS_PAGE = 50;

interface WhisperRow {
  id: string;
  from_user_id: string;
  from_name: string;
  to_user_id: string;
  ticket_id: string | null;
  ticket_reference: string | null;
  client_id: string | null;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

const WHISPER_SQL = `
  SELECT w.id, w.from_user_id, u.display_name AS from_name, w.to_user_id, w.ticket_id, 'SB-' || t.number AS ticket_reference, w.client_id, w.body, w.created_at, w.read_at
    FROM whispers w JOIN users u ON u.id = w.from_user_id LEFT JOIN tickets t ON t.id = w.ticket_id`;

/**
 * Whispers: a lead's private note to an agent of their teams, maybe about a ticket of a client that
 * agent serves. Only the agent reads it (live, and later until they mark it read).
 */
@Injectable()
export class WhisperService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly events: EventEmitter2,
  ) {}

  async send(principal: Principal, agentId: string, request: WhisperRequest): Promise<WhisperView> {
    const whisper = await this.tenants.run(principal, async (m) => {
      if ((await agentsLedBy(m, principal, [agentId])).length === 0) throw new NotFoundException('Agent');
      const clientId = request.ticketId ? await this.clientOfTicketFor(m, request.ticketId, agentId) : null;
      const [{ id }] = await m.query<{ id: string }[]>('INSERT INTO whispers (from_user_id, to_user_id, client_id, ticket_id, body) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        principal.userId,
        agentId,
        clientId,
        request.ticketId ?? null,
        maskSensitiveData(request.body.trim()).text,
      ]);
      const [row] = await m.query<WhisperRow[]>(`${WHISPER_SQL} WHERE w.id = $1`, [id]);
      return viewOf(row);
    });
    this.events.emit(WhisperSentEvent.eventName, new WhisperSentEvent(whisper));
    return whisper;
  }

  /** The caller's whispers, newest first: the unread ones and the latest read, at most WHISPERS_PAGE. */
  async mine(principal: Principal): Promise<WhisperView[]> {
    return await this.tenants.run(principal, async (m) => {
      const rows = await m.query<WhisperRow[]>(`${WHISPER_SQL} WHERE w.to_user_id = $1 ORDER BY w.created_at DESC LIMIT ${WHISPERS_PAGE}`, [principal.userId]);
      return rows.map(viewOf);
    });
  }

  async markRead(principal: Principal, whisperId: string): Promise<WhisperView> {
    return await this.tenants.run(principal, async (m) => {
      const [[updated]] = await m.query<[{ id: string }[], number]>('UPDATE whispers SET read_at = coalesce(read_at, now()) WHERE id = $1 AND to_user_id = $2 RETURNING id', [whisperId, principal.userId]);
      if (!updated) throw new NotFoundException('Whisper');
      const [row] = await m.query<WhisperRow[]>(`${WHISPER_SQL} WHERE w.id = $1`, [whisperId]);
      return viewOf(row);
    });
  }

  /** The ticket's client, when the caller sees the ticket and the agent serves its client. */
  private async clientOfTicketFor(m: EntityManager, ticketId: string, agentId: string): Promise<string> {
    const [ticket] = await m.query<{ client_id: string; served: boolean }[]>(
      'SELECT t.client_id, EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = $2 AND sc.client_id = t.client_id) AS served FROM tickets t WHERE t.id = $1',
      [ticketId, agentId],
    );
    if (!ticket) throw new NotFoundException('Ticket');
    if (!ticket.served) throw new ValidationException([{ field: 'ticketId', message: "is a ticket of a client the agent does not serve" }]);
    return ticket.client_id;
  }
}

function viewOf(row: WhisperRow): WhisperView {
  return {
    id: row.id,
    fromUserId: row.from_user_id,
    fromName: row.from_name,
    toUserId: row.to_user_id,
    ticketId: row.ticket_id,
    ticketReference: row.ticket_reference,
    clientId: row.client_id,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
