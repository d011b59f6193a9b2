import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, ForbiddenException, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type {
  CalibrationParticipantView,
  CalibrationResult,
  CalibrationReviewView,
  CalibrationSessionSummary,
  CalibrationSessionView,
  CalibrationStatus,
  Channel,
  CreateCalibrationSessionRequest,
  FieldError,
  Page,
  QaAnswer,
  SaveCalibrationReviewRequest,
  ScorecardDefinition,
} from '@switchboard/shared-contracts';
import { calibrationSessionResult, mergeDraftAnswers, scoreEvaluation, submitProblems } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { CalibrationUpdatedEvent } from './calibration-updated.event';
import { QaException } from './qa.exception';

interface SessionRow {
  id: string;
  client_id: string;
  title: string;
  status: CalibrationStatus;
  scorecard_id: string;
  version: number;
  definition: ScorecardDefinition;
  reference_reviewer_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  closed_at: Date | null;
}

interface ReviewRow {
  ticket_id: string;
  reviewer_id: string;
  reviewer_name: string;
  answers: Record<string, QaAnswer>;
  score: number | null;
  submitted_at: Date | null;
}

const SESSION_SQL = `
  SELECT s.id, s.client_id, s.title, s.status, v.scorecard_id, v.version, v.definition, s.reference_reviewer_id, s.created_by, u.display_name AS created_by_name, s.created_at, s.closed_at
    FROM calibration_sessions s JOIN scorecard_versions v ON v.id = s.scorecard_version_id LEFT JOIN users u ON u.id = s.created_by`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Calibration sessions: a lead or admin of the client picks resolved tickets and 2–20 reviewers (leads
 * covering the client, or admins), one of them the reference. Each reviewer scores every ticket blind on
 * the session's scorecard version: while the session is open a reviewer reads only their own answers and
 * everyone sees only how many each has submitted. The session's creator (or an admin) closes it once the
 * reference has submitted every ticket; then every submitted review and the result (deviation from the
 * reference, Krippendorff's alpha per question) are open to the client's leads. Reviews never become
 * evaluations, so they never count toward an agent.
 */
@Injectable()
export class CalibrationService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
  ) {}

  async create(principal: Principal, clientId: string, request: CreateCalibrationSessionRequest): Promise<CalibrationSessionView> {
    this.covered(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      const problems: FieldError[] = [];
      const tickets = await m.query<{ id: string; status: string; assignee_id: string | null }[]>('SELECT id, status, assignee_id FROM tickets WHERE id = ANY ($1) AND client_id = $2', [request.ticketIds, clientId]);
      request.ticketIds.forEach((id, i) => {
        const ticket = tickets.find((t) => t.id === id);
        if (!ticket) problems.push({ field: `ticketIds.${i}`, message: 'is not a ticket of this client' });
        else if (ticket.status !== 'resolved' && ticket.status !== 'closed') problems.push({ field: `ticketIds.${i}`, message: `is ${ticket.status}: only resolved or closed tickets are calibrated` });
      });
      const reviewers = await m.query<{ id: string }[]>(
        `SELECT u.id FROM users u WHERE u.id = ANY ($1) AND u.disabled_at IS NULL
            AND (u.role = 'admin' OR (u.role = 'team_lead' AND EXISTS (SELECT 1 FROM staff_clients sc WHERE sc.user_id = u.id AND sc.client_id = $2)))`,
        [request.reviewerIds, clientId],
      );
      request.reviewerIds.forEach((id, i) => {
        if (!reviewers.some((r) => r.id === id)) problems.push({ field: `reviewerIds.${i}`, message: 'is not a lead covering this client nor an admin' });
      });
      if (!request.reviewerIds.includes(request.referenceReviewerId)) problems.push({ field: 'referenceReviewerId', message: 'must be one of the reviewers' });
      if (problems.length) throw new ValidationException(problems);
      const [version] = await m.query<{ id: string }[]>(
        'SELECT v.id FROM scorecards s JOIN scorecard_versions v ON v.scorecard_id = s.id AND v.version = s.latest_version WHERE s.client_id = $1 AND s.active',
        [clientId],
      );
      if (!version) throw QaException.noScorecard();
      const [{ id }] = await m.query<{ id: string }[]>(
        'INSERT INTO calibration_sessions (client_id, title, scorecard_version_id, reference_reviewer_id, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [clientId, request.title.trim(), version.id, request.referenceReviewerId, principal.userId],
      );
      for (const [position, ticketId] of request.ticketIds.entries()) {
        await m.query('INSERT INTO calibration_tickets (session_id, client_id, ticket_id, agent_id, position) VALUES ($1, $2, $3, $4, $5)', [id, clientId, ticketId, tickets.find((t) => t.id === ticketId)?.assignee_id ?? null, position]);
      }
      for (const userId of request.reviewerIds) await m.query('INSERT INTO calibration_participants (session_id, client_id, user_id) VALUES ($1, $2, $3)', [id, clientId, userId]);
      await this.audit.record(m, { action: 'calibration.created', actorUserId: principal.userId, clientId, targetType: 'calibration_session', targetId: id, details: { tickets: request.ticketIds.length, reviewers: request.reviewerIds, reference: request.referenceReviewerId } });
      return await this.view(m, principal, await this.session(m, principal, id));
    });
  }

  /** A page of the client's sessions, newest first. */
  async list(principal: Principal, clientId: string, page: PageRequest): Promise<Page<CalibrationSessionSummary>> {
    this.covered(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      const params: unknown[] = [clientId];
      // The cursor keeps the timestamp as PostgreSQL wrote it (microseconds: a JS Date would round them away).
      const after = page.after ? ` AND (s.created_at, s.id) < ($${params.push(page.after[0])}::timestamptz, $${params.push(page.after[1])}::uuid)` : '';
      const rows = await m.query<{ id: string; client_id: string; title: string; status: CalibrationStatus; tickets: number; reviewers: number; created_at: Date; created_key: string; closed_at: Date | null }[]>(
        `SELECT s.id, s.client_id, s.title, s.status, s.created_at, s.created_at::text AS created_key, s.closed_at,
                (SELECT count(*)::int FROM calibration_tickets t WHERE t.session_id = s.id) AS tickets,
                (SELECT count(*)::int FROM calibration_participants p WHERE p.session_id = s.id) AS reviewers
           FROM calibration_sessions s WHERE s.client_id = $1${after} ORDER BY s.created_at DESC, s.id DESC LIMIT ${page.limit + 1}`,
        params,
      );
      return pageOf(rows, page.limit, (r) => [r.created_key, r.id], (r) => ({ id: r.id, clientId: r.client_id, title: r.title, status: r.status, tickets: r.tickets, reviewers: r.reviewers, createdAt: new Date(r.created_at).toISOString(), closedAt: iso(r.closed_at) }));
    });
  }

  async get(principal: Principal, id: string): Promise<CalibrationSessionView> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => this.view(m, principal, await this.session(m, principal, id)));
  }

  /** Saves part of the caller's blind review of one ticket (answers checked against the session's scorecard version). */
  async saveReview(principal: Principal, id: string, ticketId: string, request: SaveCalibrationReviewRequest): Promise<CalibrationReviewView> {
    checkedUuid(id, 'id');
    checkedUuid(ticketId, 'ticketId');
    return await this.tenants.run(principal, async (m) => {
      const session = await this.openForReviewer(m, principal, id, ticketId);
      const [current] = await m.query<ReviewRow[]>('SELECT answers, submitted_at FROM calibration_reviews WHERE session_id = $1 AND ticket_id = $2 AND reviewer_id = $3 FOR UPDATE', [id, ticketId, principal.userId]);
      if (current?.submitted_at) throw QaException.state('You submitted this review: it no longer changes.');
      const { answers, problems } = mergeDraftAnswers(session.definition, current?.answers ?? {}, request.answers);
      if (problems.length) throw new ValidationException(problems);
      await m.query(
        `INSERT INTO calibration_reviews (session_id, client_id, ticket_id, reviewer_id, answers) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, ticket_id, reviewer_id) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()`,
        [id, session.client_id, ticketId, principal.userId, JSON.stringify(answers)],
      );
      return (await this.reviews(m, session, principal)).find((r) => r.ticketId === ticketId && r.reviewerId === principal.userId) as CalibrationReviewView;
    });
  }

  /** Submits the caller's review of one ticket: every question needs a valid answer (400 listing them otherwise). */
  async submitReview(principal: Principal, id: string, ticketId: string): Promise<CalibrationReviewView> {
    checkedUuid(id, 'id');
    checkedUuid(ticketId, 'ticketId');
    const { review, update, participants } = await this.tenants.run(principal, async (m) => {
      const session = await this.openForReviewer(m, principal, id, ticketId);
      const [current] = await m.query<ReviewRow[]>('SELECT answers, submitted_at FROM calibration_reviews WHERE session_id = $1 AND ticket_id = $2 AND reviewer_id = $3 FOR UPDATE', [id, ticketId, principal.userId]);
      if (current?.submitted_at) throw QaException.state('You already submitted this review.');
      const result = scoreEvaluation(session.definition, current?.answers ?? {});
      if (!result.complete) {
        const { problems, onlyMissing } = submitProblems(session.definition, result);
        throw QaException.cannotSubmit(problems, onlyMissing);
      }
      await m.query('UPDATE calibration_reviews SET score = $4, submitted_at = now(), updated_at = now() WHERE session_id = $1 AND ticket_id = $2 AND reviewer_id = $3', [id, ticketId, principal.userId, result.score]);
      const view = await this.view(m, principal, session);
      return { review: view.reviews.find((r) => r.ticketId === ticketId && r.reviewerId === principal.userId) as CalibrationReviewView, update: view, participants: view.participants };
    });
    this.announce(update, participants);
    return review;
  }

  /** Closes the session (its creator or an admin) once the reference reviewer submitted every ticket; the result opens to the client's leads. */
  async close(principal: Principal, id: string): Promise<CalibrationSessionView> {
    checkedUuid(id, 'id');
    const view = await this.tenants.run(principal, async (m) => {
      const session = await this.session(m, principal, id, true);
      if (session.created_by !== principal.userId && principal.role !== 'admin') throw new ForbiddenException('Only the lead who opened this session, or an admin, may close it.');
      if (session.status === 'closed') throw QaException.state('This calibration session is already closed.');
      const [{ missing }] = await m.query<{ missing: number }[]>(
        `SELECT count(*)::int AS missing FROM calibration_tickets t WHERE t.session_id = $1
            AND NOT EXISTS (SELECT 1 FROM calibration_reviews r WHERE r.session_id = t.session_id AND r.ticket_id = t.ticket_id AND r.reviewer_id = $2 AND r.submitted_at IS NOT NULL)`,
        [id, session.reference_reviewer_id],
      );
      if (missing > 0) throw QaException.state(`The reference reviewer has ${missing} ticket${missing === 1 ? '' : 's'} left to submit: the session cannot close yet.`);
      await m.query(`UPDATE calibration_sessions SET status = 'closed', closed_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, { action: 'calibration.closed', actorUserId: principal.userId, clientId: session.client_id, targetType: 'calibration_session', targetId: id });
      return await this.view(m, principal, await this.session(m, principal, id));
    });
    this.announce(view, view.participants);
    return view;
  }

  private announce(view: CalibrationSessionView, participants: CalibrationParticipantView[]): void {
    this.events.emit(
      CalibrationUpdatedEvent.eventName,
      new CalibrationUpdatedEvent({ sessionId: view.id, clientId: view.clientId, status: view.status, participants }, participants.map((p) => p.reviewerId)),
    );
  }

  private async session(m: EntityManager, principal: Principal, id: string, lock = false): Promise<SessionRow> {
    const [row] = await m.query<SessionRow[]>(`${SESSION_SQL} WHERE s.id = $1 AND s.client_id = ANY ($2)${lock ? ' FOR UPDATE OF s' : ''}`, [id, [...principal.clientIds]]);
    if (!row) throw new NotFoundException('Calibration session');
    return row;
  }

  /** The open session, for one of its reviewers, and one of its tickets. */
  private async openForReviewer(m: EntityManager, principal: Principal, id: string, ticketId: string): Promise<SessionRow> {
    const session = await this.session(m, principal, id);
    const [participant] = await m.query<unknown[]>('SELECT 1 FROM calibration_participants WHERE session_id = $1 AND user_id = $2', [id, principal.userId]);
    if (!participant) throw new ForbiddenException('You are not a reviewer of this calibration session.');
    if (session.status !== 'open') throw QaException.state('This calibration session is closed: its reviews no longer change.');
    const [ticket] = await m.query<unknown[]>('SELECT 1 FROM calibration_tickets WHERE session_id = $1 AND ticket_id = $2', [id, ticketId]);
    if (!ticket) throw new NotFoundException('Ticket of this session');
    return session;
  }

  /** Blind while open: the caller's own reviews (drafts included); once closed, every submitted review. */
  private async reviews(m: EntityManager, session: SessionRow, principal: Principal): Promise<CalibrationReviewView[]> {
    const open = session.status === 'open';
    const rows = await m.query<ReviewRow[]>(
      `SELECT r.ticket_id, r.reviewer_id, u.display_name AS reviewer_name, r.answers, r.score::float8 AS score, r.submitted_at
         FROM calibration_reviews r JOIN users u ON u.id = r.reviewer_id JOIN calibration_tickets t ON t.session_id = r.session_id AND t.ticket_id = r.ticket_id
        WHERE r.session_id = $1 AND ${open ? 'r.reviewer_id = $2' : 'r.submitted_at IS NOT NULL'}
        ORDER BY t.position, u.display_name`,
      open ? [session.id, principal.userId] : [session.id],
    );
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      reviewerId: r.reviewer_id,
      reviewerName: r.reviewer_name,
      answers: r.answers,
      score: r.submitted_at ? r.score : scoreEvaluation(session.definition, r.answers).score,
      submitted: r.submitted_at !== null,
      submittedAt: iso(r.submitted_at),
    }));
  }

  private async view(m: EntityManager, principal: Principal, session: SessionRow): Promise<CalibrationSessionView> {
    const tickets = await m.query<{ ticket_id: string; reference: string; channel: Channel; agent_id: string | null }[]>(
      `SELECT ct.ticket_id, 'SB-' || t.number AS reference, t.channel, ct.agent_id FROM calibration_tickets ct JOIN tickets t ON t.id = ct.ticket_id WHERE ct.session_id = $1 ORDER BY ct.position`,
      [session.id],
    );
    const participants = await m.query<{ user_id: string; name: string; submitted: number }[]>(
      `SELECT p.user_id, u.display_name AS name,
              (SELECT count(*)::int FROM calibration_reviews r WHERE r.session_id = p.session_id AND r.reviewer_id = p.user_id AND r.submitted_at IS NOT NULL) AS submitted
         FROM calibration_participants p JOIN users u ON u.id = p.user_id WHERE p.session_id = $1 ORDER BY u.display_name`,
      [session.id],
    );
    const reviews = await this.reviews(m, session, principal);
    const names = new Map(participants.map((p) => [p.user_id, p.name]));
    let result: CalibrationResult | null = null;
    if (session.status === 'closed') {
      const outcome = calibrationSessionResult(
        session.definition,
        session.reference_reviewer_id ?? '',
        tickets.map((t) => ({ ticketId: t.ticket_id, reviews: reviews.filter((r) => r.ticketId === t.ticket_id).map((r) => ({ reviewerId: r.reviewerId, answers: r.answers })) })),
      );
      result = { ...outcome, reviewers: outcome.reviewers.map((r) => ({ ...r, reviewerName: names.get(r.reviewerId) ?? '' })) };
    }
    return {
      id: session.id,
      clientId: session.client_id,
      title: session.title,
      status: session.status,
      scorecardId: session.scorecard_id,
      scorecardVersion: session.version,
      definition: session.definition,
      createdById: session.created_by,
      createdByName: session.created_by_name,
      referenceReviewerId: session.reference_reviewer_id,
      tickets: tickets.map((t) => ({ ticketId: t.ticket_id, ticketReference: t.reference, channel: t.channel, agentId: t.agent_id })),
      participants: participants.map((p) => ({ reviewerId: p.user_id, reviewerName: p.name, isReference: p.user_id === session.reference_reviewer_id, submitted: p.submitted })),
      reviews,
      result,
      createdAt: new Date(session.created_at).toISOString(),
      closedAt: iso(session.closed_at),
    };
  }

  private covered(principal: Principal, clientId: string): void {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
  }
}
