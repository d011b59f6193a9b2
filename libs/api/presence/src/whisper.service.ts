import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TenantDatabase } from '@switchboard/api-database';
import { NotFoundException, ValidationException, type Principal } from '@switchboard/api-platform';
import type { WhisperRequest, WhisperView } from '@switchboard/shared-contracts';
import { maskSensitiveData } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { agentsLedBy } from './agents-led.util';
import { WhisperSentEvent } from './whisper-sent.event';

/** The whispers and mentions shown at once: the newest, read or not. */
const WHISPERS_PAGE = 50;

interface WhisperRow {
  id: string;
  kind: WhisperView['kind'];
  message_id: string | null;
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
  SELECT w.id, w.kind, w.message_id, w.from_user_id, u.display_name AS from_name, w.to_user_id, w.ticket_id, 'SB-' || t.number AS ticket_reference, w.client_id, w.body, w.created_at, w.read_at
    FROM whispers w JOIN users u ON u.id = w.from_user_id LEFT JOIN tickets t ON t.id = w.ticket_id`;

/**
 * Whispers: a lead's private note to an agent of their teams, maybe about a ticket of a client that
 * agent serves; and mentions of colleagues in internal notes (see mentionInNote). Only the one they
 * are for reads them (live, and later until they mark them read).
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

/** What a mention carries of the note: its start. */
const MENTION_EXCERPT_CHARS = 280;

/**
 * The colleagues a new internal note mentions hear of it, in the note's transaction: each must be
 * active staff serving the ticket's client (else a field error on `mentions` and nothing is written);
 * the author is not told of their own note. Returns the mentions to announce once committed.
 */
export async function mentionInNote(
  m: EntityManager,
  note: { authorId: string; ticketId: string; clientId: string; messageId: string; body: string },
  mentions: readonly string[],
): Promise<WhisperView[]> {
  const wanted = [...new Set(mentions)].filter((id) => id !== note.authorId);
  if (wanted.length === 0) return [];
  const serving = await m.query<{ user_id: string }[]>(
    `SELECT sc.user_id FROM staff_clients sc JOIN users u ON u.id = sc.user_id AND u.disabled_at IS NULL AND u.role IN ('agent', 'team_lead', 'admin')
      WHERE sc.client_id = $1 AND sc.user_id = ANY ($2::uuid[])`,
    [note.clientId, wanted],
  );
  const known = new Set(serving.map((row) => row.user_id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length) throw new ValidationException([{ field: 'mentions', message: `are not all colleagues serving this ticket's client (${unknown.length} not)` }]);
  const excerpt = note.body.length > MENTION_EXCERPT_CHARS ? `${note.body.slice(0, MENTION_EXCERPT_CHARS - 1)}…` : note.body;
  const ids = await m.query<{ id: string }[]>(
    `INSERT INTO whispers (kind, message_id, from_user_id, to_user_id, client_id, ticket_id, body)
     SELECT 'mention', $1, $2, unnest($3::uuid[]), $4, $5, $6 RETURNING id`,
    [note.messageId, note.authorId, wanted, note.clientId, note.ticketId, excerpt],
  );
  const rows = await m.query<WhisperRow[]>(`${WHISPER_SQL} WHERE w.id = ANY ($1::uuid[])`, [ids.map((row) => row.id)]);
  return rows.map(viewOf);
}

function viewOf(row: WhisperRow): WhisperView {
  return {
    id: row.id,
    kind: row.kind,
    messageId: row.message_id,
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
