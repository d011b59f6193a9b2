import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, ForbiddenException, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { CoachingNoteView, CreateCoachingNoteRequest, FieldError, Page } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';
import { CoachingUpdatedEvent } from './coaching-updated.event';

interface NoteRow {
  id: string;
  client_id: string;
  agent_id: string;
  agent_name: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  status: CoachingNoteView['status'];
  created_at: Date;
  created_key: string;
  acknowledged_at: Date | null;
}

const NOTE_SQL = `
  SELECT n.id, n.client_id, n.agent_id, a.display_name AS agent_name, n.author_id, w.display_name AS author_name, n.body, n.status, n.created_at, n.created_at::text AS created_key, n.acknowledged_at
    FROM coaching_notes n JOIN users a ON a.id = n.agent_id LEFT JOIN users w ON w.id = n.author_id`;

export interface CoachingFilter {
  agentId?: string;
  clientId?: string;
  status?: CoachingNoteView['status'];
}

/**
 * Coaching notes: a lead (or admin) of the client writes one for an agent serving it, linking submitted
 * evaluations of that agent; the agent reads their own and acknowledges them. Leads read the notes of
 * the clients they cover. Audited; everyone concerned hears it live.
 */
@Injectable()
export class CoachingService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async create(principal: Principal, request: CreateCoachingNoteRequest): Promise<CoachingNoteView> {
    if (!principal.clientIds.includes(request.clientId)) throw new NotFoundException('Client');
    const note = await this.tenants.run(principal, async (m) => {
      const problems: FieldError[] = [];
      const [agent] = await m.query<unknown[]>(`SELECT 1 FROM users u JOIN staff_clients sc ON sc.user_id = u.id AND sc.client_id = $2 WHERE u.id = $1 AND u.role = 'agent'`, [request.agentId, request.clientId]);
      if (!agent) problems.push({ field: 'agentId', message: 'is not an agent serving this client' });
      const evaluations = await m.query<{ id: string; agent_id: string; status: string }[]>('SELECT id, agent_id, status FROM evaluations WHERE id = ANY ($1) AND client_id = $2', [request.evaluationIds, request.clientId]);
      request.evaluationIds.forEach((id, i) => {
        const evaluation = evaluations.find((e) => e.id === id);
        if (!evaluation) problems.push({ field: `evaluationIds.${i}`, message: 'is not an evaluation of this client' });
        else if (evaluation.agent_id !== request.agentId) problems.push({ field: `evaluationIds.${i}`, message: 'is an evaluation of another agent' });
        else if (evaluation.status === 'draft') problems.push({ field: `evaluationIds.${i}`, message: 'is still a draft' });
      });
      if (problems.length) throw new ValidationException(problems);
      const [{ id }] = await m.query<{ id: string }[]>('INSERT INTO coaching_notes (client_id, agent_id, author_id, body) VALUES ($1, $2, $3, $4) RETURNING id', [request.clientId, request.agentId, principal.userId, request.body.trim()]);
      for (const evaluationId of request.evaluationIds) await m.query('INSERT INTO coaching_note_evaluations (note_id, evaluation_id, client_id) VALUES ($1, $2, $3)', [id, evaluationId, request.clientId]);
      await this.audit.record(m, { action: 'coaching.created', actorUserId: principal.userId, clientId: request.clientId, targetType: 'coaching_note', targetId: id, details: { agentId: request.agentId, evaluationIds: request.evaluationIds } });
      return await this.view(m, await this.row(m, principal, id));
    });
    this.events.emit(CoachingUpdatedEvent.eventName, new CoachingUpdatedEvent(note));
    return note;
  }

  async get(principal: Principal, id: string): Promise<CoachingNoteView> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => this.view(m, await this.row(m, principal, id)));
  }

  /** Agents: their own (another agent's id is refused); leads and admins: their clients'. Newest first. */
  async list(principal: Principal, filter: CoachingFilter, page: PageRequest): Promise<Page<CoachingNoteView>> {
    if (filter.agentId) checkedUuid(filter.agentId, 'agentId');
    if (filter.clientId && !principal.clientIds.includes(checkedUuid(filter.clientId, 'clientId'))) throw new NotFoundException('Client');
    if (principal.role === 'agent' && filter.agentId && filter.agentId !== principal.userId) throw new ForbiddenException('Agents read only their own coaching notes.');
    return await this.tenants.run(principal, async (m) => {
      const visible = whereVisible(principal);
      const params: unknown[] = [...visible.params];
      const where = [visible.sql];
      if (filter.agentId) where.push(`n.agent_id = $${params.push(filter.agentId)}`);
      if (filter.clientId) where.push(`n.client_id = $${params.push(filter.clientId)}`);
      if (filter.status) where.push(`n.status = $${params.push(filter.status)}`);
      if (page.after) where.push(`(n.created_at, n.id) < ($${params.push(page.after[0])}::timestamptz, $${params.push(page.after[1])}::uuid)`);
      const rows = await m.query<NoteRow[]>(`${NOTE_SQL} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT ${page.limit + 1}`, params);
      const items = await Promise.all(rows.slice(0, page.limit).map((r) => this.view(m, r)));
      const next = pageOf(rows, page.limit, (r) => [r.created_key, r.id], (r) => r.id);
      return { items, nextCursor: next.nextCursor };
    });
  }

  /** The coached agent acknowledges the note; acknowledging again answers the same. */
  async acknowledge(principal: Principal, id: string): Promise<CoachingNoteView> {
    checkedUuid(id, 'id');
    let changed = false;
    const note = await this.tenants.run(principal, async (m) => {
      const row = await this.row(m, principal, id, true);
      if (row.agent_id !== principal.userId) throw new ForbiddenException('Only the agent coached acknowledges a coaching note.');
      if (row.status === 'open') {
        changed = true;
        await m.query(`UPDATE coaching_notes SET status = 'acknowledged', acknowledged_at = now() WHERE id = $1`, [id]);
        await this.audit.record(m, { action: 'coaching.acknowledged', actorUserId: principal.userId, clientId: row.client_id, targetType: 'coaching_note', targetId: id });
      }
      return await this.view(m, await this.row(m, principal, id));
    });
    if (changed) this.events.emit(CoachingUpdatedEvent.eventName, new CoachingUpdatedEvent(note));
    return note;
  }

  private async row(m: EntityManager, principal: Principal, id: string, lock = false): Promise<NoteRow> {
    const visible = whereVisible(principal, 2);
    const [row] = await m.query<NoteRow[]>(`${NOTE_SQL} WHERE n.id = $1 AND ${visible.sql}${lock ? ' FOR UPDATE OF n' : ''}`, [id, ...visible.params]);
    if (!row) throw new NotFoundException('Coaching note');
    return row;
  }

  private async view(m: EntityManager, row: NoteRow): Promise<CoachingNoteView> {
    const evaluations = await m.query<{ id: string; reference: string; score: number | null; submitted_at: Date | null }[]>(
      `SELECT e.id, 'SB-' || t.number AS reference, e.score::float8 AS score, e.submitted_at FROM coaching_note_evaluations ce JOIN evaluations e ON e.id = ce.evaluation_id JOIN tickets t ON t.id = e.ticket_id
        WHERE ce.note_id = $1 ORDER BY e.submitted_at, e.id`,
      [row.id],
    );
    return {
      id: row.id,
      clientId: row.client_id,
      agentId: row.agent_id,
      agentName: row.agent_name,
      authorId: row.author_id,
      authorName: row.author_name,
      body: row.body,
      evaluations: evaluations.map((e) => ({ id: e.id, ticketReference: e.reference, score: e.score, submittedAt: e.submitted_at ? new Date(e.submitted_at).toISOString() : null })),
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
      acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    };
  }
}

/** An agent: their own notes; leads and admins: the notes of their clients. */
function whereVisible(principal: Principal, from = 1): { sql: string; params: unknown[] } {
  if (principal.role === 'agent') return { sql: `n.agent_id = $${from}`, params: [principal.userId] };
  return { sql: `n.client_id = ANY ($${from})`, params: [[...principal.clientIds]] };
}
