import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, ValidationException, type Principal } from '@switchboard/api-platform';
import type { DisputeView, EvaluationView, RaiseDisputeRequest, ResolveDisputeRequest } from '@switchboard/shared-contracts';
import { disputeDeadline, disputeRefusal, mergeDraftAnswers, scorecardQuestions, scoreEvaluation } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { DisputeUpdatedEvent } from './dispute-updated.event';
import { EvaluationAcknowledgedEvent } from './evaluation-submitted.event';
import { evaluationRow, evaluationView } from './evaluation-queries';
import { summaryOfView } from './evaluation.service';
import { QaException } from './qa.exception';

/**
 * The agent's answer to a submitted evaluation — acknowledge it, or dispute questions with a reason
 * within the client's window and up to its limit — and the resolution of a dispute by a lead of the
 * client who did not review the evaluation: `upheld` (the answer stands) or `adjusted` (the answer
 * changes and the evaluation is rescored; the submitted answers and score stay recorded).
 */
@Injectable()
export class DisputeService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  /** The evaluated agent accepts the evaluation; final (no dispute after it). Acknowledging again answers the same. */
  async acknowledge(principal: Principal, id: string): Promise<EvaluationView> {
    checkedUuid(id, 'id');
    let changed = false;
    const view = await this.tenants.run(principal, async (m) => {
      const row = await evaluationRow(m, principal, id, { lock: true });
      if (row.status === 'disputed') throw QaException.state('Disputes of this evaluation are still open: it can be acknowledged once they are resolved.');
      if (row.status !== 'acknowledged') {
        changed = true;
        await m.query(`UPDATE evaluations SET status = 'acknowledged', acknowledged_at = now(), updated_at = now() WHERE id = $1`, [id]);
        await this.audit.record(m, { action: 'evaluation.acknowledged', actorUserId: principal.userId, clientId: row.client_id, targetType: 'evaluation', targetId: id });
      }
      return await evaluationView(m, await evaluationRow(m, principal, id));
    });
    if (changed) this.events.emit(EvaluationAcknowledgedEvent.eventName, new EvaluationAcknowledgedEvent(summaryOfView(view)));
    return view;
  }

  /** The evaluated agent disputes one question. */
  async raise(principal: Principal, evaluationId: string, request: RaiseDisputeRequest): Promise<DisputeView> {
    checkedUuid(evaluationId, 'id');
    const { dispute, evaluation } = await this.tenants.run(principal, async (m) => {
      const row = await evaluationRow(m, principal, evaluationId, { lock: true });
      if (row.status === 'acknowledged') throw QaException.state('You acknowledged this evaluation: it can no longer be disputed.');
      if (!scorecardQuestions(row.definition).some((q) => q.key === request.questionKey)) {
        throw new ValidationException([{ field: 'questionKey', message: 'is not a question of this scorecard' }]);
      }
      const submittedAt = new Date(row.submitted_at as Date);
      const refusal = disputeRefusal(submittedAt, new Date(row.now), row.window_days, row.raised_disputes, row.max_disputes);
      if (refusal === 'window_closed') throw QaException.disputeWindowClosed(disputeDeadline(submittedAt, row.window_days));
      const [open] = await m.query<unknown[]>(`SELECT 1 FROM evaluation_disputes WHERE evaluation_id = $1 AND question_key = $2 AND status = 'open'`, [evaluationId, request.questionKey]);
      if (open) throw QaException.disputeAlreadyOpen(request.questionKey);
      if (refusal === 'limit_reached') throw QaException.disputeLimitReached(row.max_disputes);
      const [{ id }] = await m.query<{ id: string }[]>(
        'INSERT INTO evaluation_disputes (evaluation_id, client_id, question_key, reason, raised_by, original_answer) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
        [evaluationId, row.client_id, request.questionKey, request.reason.trim(), principal.userId, JSON.stringify(row.answers[request.questionKey] ?? null)],
      );
      await m.query(`UPDATE evaluations SET status = 'disputed', updated_at = now() WHERE id = $1`, [evaluationId]);
      await this.audit.record(m, { action: 'dispute.raised', actorUserId: principal.userId, clientId: row.client_id, targetType: 'evaluation_dispute', targetId: id, details: { evaluationId, questionKey: request.questionKey } });
      return await this.disputeAndEvaluation(m, principal, evaluationId, id);
    });
    this.events.emit(DisputeUpdatedEvent.eventName, new DisputeUpdatedEvent({ dispute, evaluation: summaryOfView(evaluation) }));
    return dispute;
  }

  /** A lead covering the client, not the evaluation's reviewer, settles an open dispute. */
  async resolve(principal: Principal, disputeId: string, request: ResolveDisputeRequest): Promise<DisputeView> {
    checkedUuid(disputeId, 'id');
    const { dispute, evaluation } = await this.tenants.run(principal, async (m) => {
      const [found] = await m.query<{ evaluation_id: string }[]>('SELECT evaluation_id FROM evaluation_disputes WHERE id = $1 AND client_id = ANY ($2)', [disputeId, [...principal.clientIds]]);
      if (!found) throw new NotFoundException('Dispute');
      const row = await evaluationRow(m, principal, found.evaluation_id, { lock: true });
      if (row.reviewer_id === principal.userId) throw QaException.needsAnotherLead();
      const [current] = await m.query<{ status: string; question_key: string }[]>('SELECT status, question_key FROM evaluation_disputes WHERE id = $1', [disputeId]);
      if (current.status !== 'open') throw QaException.state('This dispute was already resolved.');
      const key = current.question_key;
      let answers = row.answers;
      if (request.outcome === 'adjusted') {
        if (request.answer === undefined || request.answer === null) throw new ValidationException([{ field: 'answer', message: 'is required to adjust: the new answer to the question' }]);
        const merged = mergeDraftAnswers(row.definition, row.answers, { [key]: request.answer });
        if (merged.problems.length) throw new ValidationException(merged.problems.map((p) => ({ field: 'answer', message: p.message })));
        if (row.answers[key] === request.answer) throw new ValidationException([{ field: 'answer', message: 'is the answer already given: resolve as upheld instead' }]);
        answers = merged.answers;
      } else if (request.answer !== undefined) {
        throw new ValidationException([{ field: 'answer', message: 'is only given when the outcome is adjusted' }]);
      }
      await m.query(`UPDATE evaluation_disputes SET status = $2, adjusted_answer = $3, resolved_by = $4, resolution_note = $5, resolved_at = now() WHERE id = $1`, [
        disputeId,
        request.outcome,
        request.outcome === 'adjusted' ? JSON.stringify(request.answer) : null,
        principal.userId,
        request.note.trim(),
      ]);
      const rescored = request.outcome === 'adjusted' ? scoreEvaluation(row.definition, answers) : null;
      if (rescored) {
        await m.query('UPDATE evaluations SET answers = $2, score = $3, score_before_auto_fail = $4, critical_failed = $5, section_scores = $6, updated_at = now() WHERE id = $1', [
          row.id,
          JSON.stringify(answers),
          rescored.score,
          rescored.scoreBeforeAutoFail,
          rescored.criticalFailed,
          JSON.stringify(rescored.sections),
        ]);
      }
      await m.query(
        `UPDATE evaluations SET status = 'resolved', updated_at = now() WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM evaluation_disputes WHERE evaluation_id = $1 AND status = 'open')`,
        [row.id],
      );
      await this.audit.record(m, {
        action: 'dispute.resolved',
        actorUserId: principal.userId,
        clientId: row.client_id,
        targetType: 'evaluation_dispute',
        targetId: disputeId,
        details: { evaluationId: row.id, questionKey: key, outcome: request.outcome, from: row.answers[key] ?? null, to: request.answer ?? null, scoreBefore: row.score, scoreAfter: rescored ? rescored.score : row.score },
      });
      return await this.disputeAndEvaluation(m, principal, row.id, disputeId);
    });
    this.events.emit(DisputeUpdatedEvent.eventName, new DisputeUpdatedEvent({ dispute, evaluation: summaryOfView(evaluation) }));
    return dispute;
  }

  private async disputeAndEvaluation(m: EntityManager, principal: Principal, evaluationId: string, disputeId: string): Promise<{ dispute: DisputeView; evaluation: EvaluationView }> {
    const evaluation = await evaluationView(m, await evaluationRow(m, principal, evaluationId));
    const dispute = evaluation.disputes.find((d) => d.id === disputeId);
    if (!dispute) throw new NotFoundException('Dispute');
    return { dispute, evaluation };
  }
}
