import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, ForbiddenException, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import { QA_COMMENT_MAX, type CreateEvaluationRequest, type EvaluationSummary, type EvaluationView, type FieldError, type Page, type ReviewCandidate, type SaveEvaluationRequest } from '@switchboard/shared-contracts';
import { mergeDraftAnswers, scorecardQuestions, scoreEvaluation, submitProblems } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { EvaluationSubmittedEvent } from './evaluation-submitted.event';
import { evaluationPage, evaluationRow, evaluationView, type EvaluationFilter, type EvaluationRow } from './evaluation-queries';
import { QaException } from './qa.exception';

interface CandidateRow {
  id: string;
  client_id: string;
  number: string;
  channel: ReviewCandidate['channel'];
  subject: string | null;
  status: ReviewCandidate['status'];
  assignee_id: string;
  agent_name: string;
  resolved_at: Date | null;
}

/** PostgreSQL's unique_violation. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505' || (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505';

/**
 * A lead's review of a ticket: a draft on the client's active scorecard (its latest version, kept
 * for good), answers and comments saved as they go, then submitted — scored by `scoreEvaluation`
 * and stored with its result. Only the reviewer changes or submits their draft.
 */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * A draft evaluation of a resolved or closed ticket's agent (the assignee, or `agentId`: an agent
   * serving the client). A ticket of a client the caller does not cover is not found, like everywhere.
   */
  async create(principal: Principal, ticketId: string, request: CreateEvaluationRequest): Promise<EvaluationView> {
    checkedUuid(ticketId, 'ticketId');
    return await this.tenants.run(principal, async (m) => {
      const [ticket] = await m.query<{ client_id: string; status: string; assignee_id: string | null }[]>('SELECT client_id, status, assignee_id FROM tickets WHERE id = $1 AND client_id = ANY ($2)', [
        ticketId,
        [...principal.clientIds],
      ]);
      if (!ticket) throw new NotFoundException('Ticket');
      if (ticket.status !== 'resolved' && ticket.status !== 'closed') throw QaException.ticketNotEvaluable(ticket.status);
      const agentId = request.agentId ?? ticket.assignee_id;
      if (!agentId) throw new ValidationException([{ field: 'agentId', message: 'is required: the ticket has no assignee' }]);
      const [agent] = await m.query<unknown[]>(`SELECT 1 FROM users u JOIN staff_clients sc ON sc.user_id = u.id AND sc.client_id = $2 WHERE u.id = $1 AND u.role = 'agent'`, [agentId, ticket.client_id]);
      if (!agent) throw new ValidationException([{ field: 'agentId', message: "is not an agent serving the ticket's client" }]);
      const [version] = await m.query<{ id: string }[]>(
        'SELECT v.id FROM scorecards s JOIN scorecard_versions v ON v.scorecard_id = s.id AND v.version = s.latest_version WHERE s.client_id = $1 AND s.active',
        [ticket.client_id],
      );
      if (!version) throw QaException.noScorecard();
      let id: string;
      try {
        [{ id }] = await m.query<{ id: string }[]>(
          `INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream) VALUES ($1, $2, $3, $4, $5, 'manual') RETURNING id`,
          [ticket.client_id, ticketId, agentId, principal.userId, version.id],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw QaException.evaluationExists();
        throw error;
      }
      return await evaluationView(m, await evaluationRow(m, principal, id));
    });
  }

  async get(principal: Principal, id: string): Promise<EvaluationView> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => evaluationView(m, await evaluationRow(m, principal, id)));
  }

  /** Agents: their own (another agent's `agentId` is refused); leads and admins: their clients', `clientId` one of them. */
  async list(principal: Principal, filter: EvaluationFilter, page: PageRequest): Promise<Page<EvaluationSummary>> {
    if (filter.agentId) checkedUuid(filter.agentId, 'agentId');
    if (filter.clientId && !principal.clientIds.includes(checkedUuid(filter.clientId, 'clientId'))) throw new NotFoundException('Client');
    if (principal.role === 'agent' && filter.agentId && filter.agentId !== principal.userId) throw new ForbiddenException('Agents read only their own evaluations.');
    return await this.tenants.run(principal, (m) => evaluationPage(m, principal, filter, page));
  }

  /**
   * Resolved or closed tickets of the caller's clients (or of `clientId`, one of them) with an assignee
   * who has no evaluation on it yet: what a lead may pick to review by hand. Newest ticket first.
   */
  async candidates(principal: Principal, clientId: string | undefined, page: PageRequest): Promise<Page<ReviewCandidate>> {
    if (clientId && !principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
    return await this.tenants.run(principal, async (m) => {
      const params: unknown[] = [clientId ? [clientId] : [...principal.clientIds]];
      if (page.after) params.push(page.after[0]);
      const rows = await m.query<CandidateRow[]>(
        `SELECT t.id, t.client_id, t.number::text AS number, t.channel, t.subject, t.status, t.assignee_id, u.display_name AS agent_name, t.resolved_at
           FROM tickets t JOIN users u ON u.id = t.assignee_id
          WHERE t.client_id = ANY ($1) AND t.status IN ('resolved', 'closed')
            AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.ticket_id = t.id AND e.agent_id = t.assignee_id)
            ${page.after ? 'AND t.number < $2::bigint' : ''}
          ORDER BY t.number DESC LIMIT ${page.limit + 1}`,
        params,
      );
      return pageOf(rows, page.limit, (row) => [row.number], (row) => ({
        ticketId: row.id,
        clientId: row.client_id,
        reference: `SB-${row.number}`,
        channel: row.channel,
        subject: row.subject,
        status: row.status,
        agentId: row.assignee_id,
        agentName: row.agent_name,
        resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
      }));
    });
  }

  /** Saves part of a draft: the answers given are checked against its scorecard version (missing ones are fine until submit). */
  async save(principal: Principal, id: string, request: SaveEvaluationRequest): Promise<EvaluationView> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => {
      const row = await this.ownDraft(m, principal, id);
      const { answers, problems } = mergeDraftAnswers(row.definition, row.answers, request.answers ?? {});
      const comments = Object.entries(request.comments ?? {});
      problems.push(...commentProblems(row, comments));
      if (problems.length) throw new ValidationException(problems);
      await m.query('UPDATE evaluations SET answers = $2, updated_at = now() WHERE id = $1', [id, JSON.stringify(answers)]);
      for (const [key, body] of comments) {
        const text = (body as string).trim();
        if (text) {
          await m.query(
            `INSERT INTO evaluation_comments (evaluation_id, client_id, question_key, body) VALUES ($1, $2, $3, $4)
             ON CONFLICT (evaluation_id, question_key) DO UPDATE SET body = EXCLUDED.body, updated_at = now()`,
            [id, row.client_id, key, text],
          );
        } else {
          await m.query('DELETE FROM evaluation_comments WHERE evaluation_id = $1 AND question_key = $2', [id, key]);
        }
      }
      return await evaluationView(m, await evaluationRow(m, principal, id));
    });
  }

  /** Scores the draft and stores the result; refuses (listing each answer) unless every question has a valid answer. */
  async submit(principal: Principal, id: string): Promise<EvaluationView> {
    checkedUuid(id, 'id');
    const view = await this.tenants.run(principal, async (m) => {
      const row = await this.ownDraft(m, principal, id);
      const result = scoreEvaluation(row.definition, row.answers);
      if (!result.complete) {
        const { problems, onlyMissing } = submitProblems(row.definition, result);
        throw QaException.cannotSubmit(problems, onlyMissing);
      }
      await m.query(
        `UPDATE evaluations SET status = 'submitted', score = $2, score_before_auto_fail = $3, critical_failed = $4, section_scores = $5,
                submitted_answers = answers, submitted_score = $2, submitted_at = now(), updated_at = now() WHERE id = $1`,
        [id, result.score, result.scoreBeforeAutoFail, result.criticalFailed, JSON.stringify(result.sections)],
      );
      await this.audit.record(m, {
        action: 'evaluation.submitted',
        actorUserId: principal.userId,
        clientId: row.client_id,
        targetType: 'evaluation',
        targetId: id,
        details: { ticketId: row.ticket_id, agentId: row.agent_id, scorecardId: row.scorecard_id, version: row.version, score: result.score, criticalFailed: result.criticalFailed },
      });
      return await evaluationView(m, await evaluationRow(m, principal, id));
    });
    this.events.emit(EvaluationSubmittedEvent.eventName, new EvaluationSubmittedEvent(summaryOfView(view)));
    return view;
  }

  /** The caller's own draft, locked: another lead's draft is theirs to change, a submitted one is no draft. */
  private async ownDraft(m: EntityManager, principal: Principal, id: string): Promise<EvaluationRow> {
    const row = await evaluationRow(m, principal, id, { lock: true });
    if (row.reviewer_id !== principal.userId) throw new ForbiddenException('Only the reviewer who started this evaluation may change or submit it.');
    if (row.status !== 'draft') throw QaException.state('This evaluation was submitted: it no longer changes, except through a dispute.');
    return row;
  }
}

function commentProblems(row: EvaluationRow, comments: [string, unknown][]): FieldError[] {
  const known = new Set(scorecardQuestions(row.definition).map((q) => q.key));
  return comments.flatMap(([key, body]): FieldError[] => {
    if (!known.has(key)) return [{ field: `comments.${key}`, message: 'is not a question of this scorecard' }];
    if (typeof body !== 'string' || body.length > QA_COMMENT_MAX) return [{ field: `comments.${key}`, message: `must be text of at most ${QA_COMMENT_MAX} characters (empty removes it)` }];
    return [];
  });
}

/** The summary part of a full view, for live events (no answers or comments travel on the socket). */
export function summaryOfView(view: EvaluationView): EvaluationSummary {
  const { definition: _d, answers: _a, comments: _c, submittedAnswers: _s, result: _r, disputes: _x, disputesLeft: _l, ...summary } = view;
  return summary;
}
