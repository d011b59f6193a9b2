import { NotFoundException, pageOf, type PageRequest, type Principal } from '@switchboard/api-platform';
import type {
  DisputeView,
  EvaluationScore,
  EvaluationStatus,
  EvaluationStream,
  EvaluationSummary,
  EvaluationView,
  Page,
  QaAnswer,
  QaAnswers,
  ScorecardDefinition,
  SectionScore,
} from '@switchboard/shared-contracts';
import { disputeDeadline, disputeRefusal, scoreEvaluation } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

/** One evaluation with what its views and the rules need. RLS scopes the reads; `whereVisible` narrows them to the caller. */
export interface EvaluationRow {
  id: string;
  seq: string;
  client_id: string;
  ticket_id: string;
  ticket_reference: string;
  agent_id: string;
  agent_name: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  scorecard_id: string;
  scorecard_name: string;
  version: number;
  definition: ScorecardDefinition;
  stream: EvaluationStream;
  status: EvaluationStatus;
  answers: Record<string, QaAnswer>;
  submitted_answers: QaAnswers | null;
  score: number | null;
  score_before_auto_fail: number | null;
  submitted_score: number | null;
  critical_failed: string[];
  section_scores: SectionScore[];
  open_disputes: number;
  raised_disputes: number;
  window_days: number;
  max_disputes: number;
  created_at: Date;
  submitted_at: Date | null;
  acknowledged_at: Date | null;
  now: Date;
}

const EVALUATION_SQL = `
  SELECT e.id, e.seq::text AS seq, e.client_id, e.ticket_id, 'SB-' || t.number AS ticket_reference, e.agent_id, a.display_name AS agent_name,
         e.reviewer_id, r.display_name AS reviewer_name, v.scorecard_id, v.definition ->> 'name' AS scorecard_name, v.version, v.definition,
         e.stream, e.status, e.answers, e.submitted_answers, e.score::float8 AS score, e.score_before_auto_fail::float8 AS score_before_auto_fail,
         e.submitted_score::float8 AS submitted_score, e.critical_failed, e.section_scores,
         (SELECT count(*)::int FROM evaluation_disputes d WHERE d.evaluation_id = e.id AND d.status = 'open') AS open_disputes,
         (SELECT count(*)::int FROM evaluation_disputes d WHERE d.evaluation_id = e.id) AS raised_disputes,
         c.qa_dispute_window_days AS window_days, c.qa_max_disputes AS max_disputes,
         e.created_at, e.submitted_at, e.acknowledged_at, now() AS now
    FROM evaluations e
    JOIN tickets t ON t.id = e.ticket_id
    JOIN users a ON a.id = e.agent_id
    LEFT JOIN users r ON r.id = e.reviewer_id
    JOIN scorecard_versions v ON v.id = e.scorecard_version_id
    JOIN clients c ON c.id = e.client_id`;

/**
 * What of the evaluations the caller may see, as SQL over `e` with its parameters from `$<from>`:
 * an agent their own, once submitted (a draft is the reviewer's work in progress); leads and admins
 * every evaluation of their clients. Row-level security says "staff of the client" on its own; the
 * agent's "own" needs the user id, so it lives here, in every query.
 */
export function whereVisible(principal: Principal, from: number): { sql: string; params: unknown[] } {
  if (principal.role === 'agent') return { sql: `e.agent_id = $${from} AND e.status <> 'draft'`, params: [principal.userId] };
  return { sql: `e.client_id = ANY ($${from})`, params: [[...principal.clientIds]] };
}

/** One evaluation the caller may see (404 otherwise); `lock` takes its row for the rest of the transaction. */
export async function evaluationRow(m: EntityManager, principal: Principal, id: string, { lock = false } = {}): Promise<EvaluationRow> {
  const visible = whereVisible(principal, 2);
  const [row] = await m.query<EvaluationRow[]>(`${EVALUATION_SQL} WHERE e.id = $1 AND ${visible.sql}${lock ? ' FOR UPDATE OF e' : ''}`, [id, ...visible.params]);
  if (!row) throw new NotFoundException('Evaluation');
  return row;
}

export interface EvaluationFilter {
  agentId?: string;
  clientId?: string;
  status?: EvaluationStatus;
  /** Only the evaluations this user reviews (drafts sampling assigned them included). */
  reviewerId?: string;
}

/** A page of the evaluations the caller may see, newest first. */
export async function evaluationPage(m: EntityManager, principal: Principal, filter: EvaluationFilter, page: PageRequest): Promise<Page<EvaluationSummary>> {
  const visible = whereVisible(principal, 1);
  const params: unknown[] = [...visible.params];
  const where = [visible.sql];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (filter.agentId) add((n) => `e.agent_id = $${n}`, filter.agentId);
  if (filter.clientId) add((n) => `e.client_id = $${n}`, filter.clientId);
  if (filter.status) add((n) => `e.status = $${n}`, filter.status);
  if (filter.reviewerId) add((n) => `e.reviewer_id = $${n}`, filter.reviewerId);
  if (page.after) add((n) => `e.seq < $${n}::bigint`, page.after[0]);
  const rows = await m.query<EvaluationRow[]>(`${EVALUATION_SQL} WHERE ${where.join(' AND ')} ORDER BY e.seq DESC LIMIT ${page.limit + 1}`, params);
  return pageOf(rows, page.limit, (row) => [row.seq], summaryOf);
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export function summaryOf(row: EvaluationRow): EvaluationSummary {
  return {
    id: row.id,
    clientId: row.client_id,
    ticketId: row.ticket_id,
    ticketReference: row.ticket_reference,
    agentId: row.agent_id,
    agentName: row.agent_name,
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    scorecardId: row.scorecard_id,
    scorecardName: row.scorecard_name,
    scorecardVersion: row.version,
    stream: row.stream,
    status: row.status,
    score: row.status === 'draft' ? null : row.score,
    submittedScore: row.submitted_score,
    criticalFailed: row.critical_failed.length > 0,
    openDisputes: row.open_disputes,
    createdAt: new Date(row.created_at).toISOString(),
    submittedAt: iso(row.submitted_at),
    acknowledgedAt: iso(row.acknowledged_at),
    disputeDeadline: row.submitted_at ? disputeDeadline(new Date(row.submitted_at), row.window_days).toISOString() : null,
  };
}

interface DisputeRow {
  id: string;
  evaluation_id: string;
  question_key: string;
  reason: string;
  status: DisputeView['status'];
  raised_by: string | null;
  raised_by_name: string | null;
  original_answer: QaAnswer | null;
  adjusted_answer: QaAnswer | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolution_note: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

export async function disputesOf(m: EntityManager, evaluationId: string): Promise<DisputeView[]> {
  const rows = await m.query<DisputeRow[]>(
    `SELECT d.id, d.evaluation_id, d.question_key, d.reason, d.status, d.raised_by, rb.display_name AS raised_by_name, d.original_answer, d.adjusted_answer,
            d.resolved_by, sb.display_name AS resolved_by_name, d.resolution_note, d.created_at, d.resolved_at
       FROM evaluation_disputes d LEFT JOIN users rb ON rb.id = d.raised_by LEFT JOIN users sb ON sb.id = d.resolved_by
      WHERE d.evaluation_id = $1 ORDER BY d.created_at, d.id`,
    [evaluationId],
  );
  return rows.map((r) => ({
    id: r.id,
    evaluationId: r.evaluation_id,
    questionKey: r.question_key,
    reason: r.reason,
    status: r.status,
    raisedById: r.raised_by,
    raisedByName: r.raised_by_name,
    originalAnswer: r.original_answer,
    adjustedAnswer: r.adjusted_answer,
    resolvedById: r.resolved_by,
    resolvedByName: r.resolved_by_name,
    resolutionNote: r.resolution_note,
    createdAt: new Date(r.created_at).toISOString(),
    resolvedAt: iso(r.resolved_at),
  }));
}

/** The evaluation in full: its version's definition, answers, comments, the score and the disputes. */
export async function evaluationView(m: EntityManager, row: EvaluationRow): Promise<EvaluationView> {
  const comments = await m.query<{ question_key: string; body: string }[]>('SELECT question_key, body FROM evaluation_comments WHERE evaluation_id = $1', [row.id]);
  const open = row.status === 'submitted' || row.status === 'disputed' || row.status === 'resolved';
  const refusal = open && row.submitted_at ? disputeRefusal(new Date(row.submitted_at), new Date(row.now), row.window_days, row.raised_disputes, row.max_disputes) : 'closed';
  return {
    ...summaryOf(row),
    definition: row.definition,
    answers: row.answers,
    comments: Object.fromEntries(comments.map((c) => [c.question_key, c.body])),
    submittedAnswers: row.submitted_answers,
    result: row.status === 'draft' ? scoreEvaluation(row.definition, row.answers) : storedResult(row),
    disputes: await disputesOf(m, row.id),
    disputesLeft: refusal === null ? row.max_disputes - row.raised_disputes : 0,
  };
}

/** The result stored at submit (and at each adjusted dispute): complete by construction. */
function storedResult(row: EvaluationRow): EvaluationScore {
  return {
    score: row.score,
    scoreBeforeAutoFail: row.score_before_auto_fail,
    sections: row.section_scores,
    criticalFailed: row.critical_failed,
    missing: [],
    outOfScale: [],
    naNotAllowed: [],
    unknownQuestions: [],
    complete: true,
  };
}

/** Summaries of evaluations by id, for live events raised by the system (the caller checked who may hear them). */
export async function evaluationSummariesByIds(m: EntityManager, ids: readonly string[]): Promise<EvaluationSummary[]> {
  if (ids.length === 0) return [];
  const rows = await m.query<EvaluationRow[]>(`${EVALUATION_SQL} WHERE e.id = ANY ($1) ORDER BY e.seq`, [[...ids]]);
  return rows.map(summaryOf);
}
