import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, type AppConfig } from '@switchboard/api-platform';
import type { EvaluationSummary, QaCandidate, SamplingPeriod } from '@switchboard/shared-contracts';
import { drawSeed, lastEndedPeriod, planDraw, type EarlierDraw } from '@switchboard/shared-domain';
import type { Logger } from 'pino';
import { evaluationSummariesByIds } from './evaluation-queries';
import { EvaluationsAssignedEvent } from './evaluations-assigned.event';
import { QaException } from './qa.exception';
import { drawById, POLICY_SQL, type DrawRow, type DrawSummary, type PolicyRow } from './sampling-queries';

/** Attempts before a scheduled draw that keeps failing is left as failed (its error says why). */
export const MAX_DRAW_ATTEMPTS = 5;

/**
 * The handled tickets of a period that may be sampled: resolved in [start, end) by an agent, of the
 * policy's queue when it has one, not evaluated yet (calibration reviews aside). Handle time is the
 * call's duration for calls, otherwise from the agent taking the ticket to its resolution; escalated =
 * the ticket ended urgent (priority 1); AutoQA flags come from AutoQA's results.
 */
export const CANDIDATES_SQL = `
  SELECT t.id AS "ticketId", t.assignee_id AS "agentId", t.channel, t.csat_score AS csat,
         CASE WHEN t.channel = 'voice' THEN c.duration_seconds
              ELSE greatest(0, extract(epoch FROM t.resolved_at - coalesce(t.answered_at, t.assigned_at, t.created_at)))::int END AS "handleSeconds",
         EXISTS (SELECT 1 FROM ticket_events te WHERE te.ticket_id = t.id AND te.type = 'transferred') AS transferred,
         t.priority = 1 AS escalated,
         %AUTOQA% AS "autoQaFlags"
    FROM tickets t
    JOIN users u ON u.id = t.assignee_id AND u.role = 'agent'
    LEFT JOIN calls c ON c.ticket_id = t.id
   WHERE t.client_id = $1 AND t.status IN ('resolved', 'closed') AND t.resolved_at >= $2 AND t.resolved_at < $3
     AND ($4::uuid IS NULL OR t.queue_id = $4)
     AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.ticket_id = t.id AND e.stream <> 'calibration')`;

/** AutoQA flags of a candidate: those of its latest resolution's result (none until AutoQA checked it). */
export const CANDIDATE_FLAGS_SQL = `coalesce((SELECT r.flags FROM autoqa_results r WHERE r.ticket_id = t.id), '{}'::text[])`;

export type DrawOutcome = { ran: true; draw: DrawRow } | { ran: false; reason: 'lost_lease' | 'not_found' };

/**
 * Runs sampling draws as durable jobs in `sampling_draws`. Any node may enqueue, claim and run them:
 * a claim takes one due job with SKIP LOCKED and leases it to this node; the draw then commits in one
 * transaction that re-reads the job under lock and goes on only while this node still holds it, so a
 * period is drawn once however many nodes tick, and a job whose node died is taken over when its lease
 * runs out. Draws of one policy are serialised on its row, so a top-up never draws a ticket twice.
 */
@Injectable()
export class SamplingDrawService {
  private readonly log: Logger;

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: SamplingDrawService.name });
  }

  get nodeId(): string {
    return this.config.routing.nodeId;
  }

  /** Makes the scheduled job of every active policy's last ended period (once: a second call adds nothing). Returns how many were added. */
  async enqueueDue(now = new Date()): Promise<number> {
    return await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const policies = await m.query<(PolicyRow & { created_at: Date })[]>(`${POLICY_SQL} WHERE p.active`);
      let added = 0;
      for (const policy of policies) {
        const period = lastEndedPeriod(policy.period, now, policy.time_zone);
        // A policy draws the periods it existed in, not the history before it.
        if (new Date(period.end).getTime() <= new Date(policy.created_at).getTime()) continue;
        const inserted = await m.query<unknown[]>(
          `INSERT INTO sampling_draws (policy_id, client_id, period_key, period_start, period_end, trigger, seed)
           VALUES ($1, $2, $3, $4, $5, 'schedule', $6) ON CONFLICT (policy_id, period_key) WHERE trigger = 'schedule' DO NOTHING RETURNING id`,
          [policy.id, policy.client_id, period.key, period.start, period.end, drawSeed(policy.id, period)],
        );
        added += inserted.length;
      }
      return added;
    });
  }

  /** Claims one due job for this node: pending, or running under a lease that ran out (its node died). */
  async claimNext(): Promise<string | null> {
    // An UPDATE … RETURNING answers [rows, affected count].
    const [[row]] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<[{ id: string }[], number]>(
        `UPDATE sampling_draws SET status = 'running', lease_owner = $1, lease_until = now() + make_interval(secs => $2), attempts = attempts + 1, started_at = now()
          WHERE id = (SELECT id FROM sampling_draws WHERE (status = 'pending' OR (status = 'running' AND lease_until < now())) AND attempts < $3
                       ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [this.nodeId, this.config.qaJobs.leaseSeconds, MAX_DRAW_ATTEMPTS],
      ),
    );
    return row?.id ?? null;
  }

  /** Claims and runs due jobs until none is left; returns how many this node ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    for (let id = await this.claimNext(); id; id = await this.claimNext()) {
      try {
        const outcome = await this.run(id);
        if (outcome.ran) ran++;
        else this.log.warn({ drawId: id, reason: outcome.reason }, 'sampling draw not run');
      } catch (error) {
        await this.fail(id, error);
      }
    }
    return ran;
  }

  /** A job for a draw now (on demand), leased to this node at once and run; the caller was checked. */
  async runNow(policyId: string, clientId: string, period: SamplingPeriod, requestedBy: string): Promise<DrawRow> {
    const [{ id }] = await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query<{ id: string }[]>(
        `INSERT INTO sampling_draws (policy_id, client_id, period_key, period_start, period_end, trigger, seed, status, attempts, lease_owner, lease_until, started_at, requested_by)
         VALUES ($1, $2, $3, $4, $5, 'demand', $6, 'running', 1, $7, now() + make_interval(secs => $8), now(), $9) RETURNING id`,
        [policyId, clientId, period.key, period.start, period.end, drawSeed(policyId, period), this.nodeId, this.config.qaJobs.leaseSeconds, requestedBy],
      ),
    );
    try {
      const outcome = await this.run(id);
      if (!outcome.ran) throw new Error(`draw ${id} was not run: ${outcome.reason}`);
      return outcome.draw;
    } catch (error) {
      await this.fail(id, error, true);
      throw error;
    }
  }

  /** Runs a job this node holds: the whole draw, its evaluations and the job's completion in one transaction. */
  async run(id: string): Promise<DrawOutcome> {
    const result = await this.tenants.run(SYSTEM_SCOPE, async (m): Promise<{ outcome: DrawOutcome; assigned: Map<string, string[]> }> => {
      const [job] = await m.query<(DrawRow & { lease_owner: string | null; requested_by: string | null })[]>(`SELECT * FROM sampling_draws WHERE id = $1 FOR UPDATE`, [id]);
      if (!job) return { outcome: { ran: false, reason: 'not_found' }, assigned: new Map() };
      if (job.status !== 'running' || job.lease_owner !== this.nodeId) return { outcome: { ran: false, reason: 'lost_lease' }, assigned: new Map() };
      const [policy] = await m.query<PolicyRow[]>(`${POLICY_SQL} WHERE p.id = $1 FOR UPDATE OF p`, [job.policy_id]);
      const [version] = await m.query<{ id: string }[]>(
        'SELECT v.id FROM scorecards s JOIN scorecard_versions v ON v.scorecard_id = s.id AND v.version = s.latest_version WHERE s.client_id = $1 AND s.active',
        [policy.client_id],
      );
      if (!version) throw QaException.noScorecard();
      const candidates = await m.query<QaCandidate[]>(CANDIDATES_SQL.replace('%AUTOQA%', CANDIDATE_FLAGS_SQL), [policy.client_id, job.period_start, job.period_end, policy.queue_id]);
      const earlier = await m.query<EarlierDraw[]>(
        `SELECT e.ticket_id AS "ticketId", e.agent_id AS "agentId" FROM evaluations e JOIN sampling_draws d ON d.id = e.sampling_draw_id
          WHERE d.policy_id = $1 AND d.period_key = $2 AND e.stream = 'random'`,
        [policy.id, job.period_key],
      );
      const leads = await m.query<{ id: string; display_name: string }[]>(
        `SELECT u.id, u.display_name FROM users u JOIN staff_clients sc ON sc.user_id = u.id AND sc.client_id = $1 WHERE u.role = 'team_lead' AND u.disabled_at IS NULL`,
        [policy.client_id],
      );
      const loads = await m.query<{ reviewer_id: string; n: number }[]>(`SELECT reviewer_id, count(*)::int AS n FROM evaluations WHERE status = 'draft' AND reviewer_id = ANY ($1) GROUP BY reviewer_id`, [leads.map((l) => l.id)]);
      const plan = planDraw(
        policy.policy,
        candidates,
        earlier,
        job.seed,
        leads.map((l) => l.id),
        Object.fromEntries(loads.map((l) => [l.reviewer_id, l.n])),
      );
      const assigned = new Map<string, string[]>();
      const picks = [...plan.random.map((p) => ({ ...p, ruleIds: [] as string[] })), ...plan.targeted.map((p) => ({ ...p, ruleIds: p.matchedRuleIds }))];
      for (const pick of picks) {
        const reviewer = plan.reviewerOf[pick.ticketId];
        const [{ id: evaluationId }] = await m.query<{ id: string }[]>(
          `INSERT INTO evaluations (client_id, ticket_id, agent_id, reviewer_id, scorecard_version_id, stream, sampling_draw_id, targeted_rule_ids) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [policy.client_id, pick.ticketId, pick.agentId, reviewer, version.id, pick.stream, id, pick.ruleIds],
        );
        if (reviewer) assigned.set(reviewer, [...(assigned.get(reviewer) ?? []), evaluationId]);
      }
      const names = new Map(leads.map((l) => [l.id, l.display_name]));
      const summary: DrawSummary = {
        randomDrawn: plan.random.length,
        targetedDrawn: plan.targeted.length,
        agents: plan.agents,
        assignments: [...assigned].map(([leadId, ids]) => ({ leadId, leadName: names.get(leadId) ?? '', assigned: ids.length })).sort((a, b) => (a.leadId < b.leadId ? -1 : 1)),
        unassigned: Object.values(plan.reviewerOf).filter((r) => r === null).length,
      };
      await m.query(`UPDATE sampling_draws SET status = 'done', summary = $2, error = NULL, lease_until = NULL, finished_at = now() WHERE id = $1`, [id, JSON.stringify(summary)]);
      await this.audit.record(m, {
        action: 'sampling.drawn',
        actorUserId: job.requested_by,
        clientId: policy.client_id,
        targetType: 'sampling_draw',
        targetId: id,
        details: { policyId: policy.id, period: job.period_key, trigger: job.trigger, seed: job.seed, random: summary.randomDrawn, targeted: summary.targetedDrawn, node: this.nodeId },
      });
      const draw = (await drawById(m, id)) as DrawRow;
      return { outcome: { ran: true, draw }, assigned };
    });
    if (result.outcome.ran) {
      this.log.info({ drawId: id, clientId: result.outcome.draw.client_id, period: result.outcome.draw.period_key }, 'sampling draw done');
      await this.announce(result.assigned);
    }
    return result.outcome;
  }

  private async announce(assigned: Map<string, string[]>): Promise<void> {
    if (assigned.size === 0) return;
    const summaries = await this.tenants.run(SYSTEM_SCOPE, (m) => evaluationSummariesByIds(m, [...assigned.values()].flat()));
    const byId = new Map<string, EvaluationSummary>(summaries.map((s) => [s.id, s]));
    for (const [leadId, ids] of assigned) {
      this.events.emit(EvaluationsAssignedEvent.eventName, new EvaluationsAssignedEvent(leadId, ids.map((i) => byId.get(i)).filter((s): s is EvaluationSummary => !!s)));
    }
  }

  /** A run failed: the job goes back to pending (another tick retries) or, out of attempts or on demand, to failed. */
  private async fail(id: string, error: unknown, final = false): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.log.warn({ drawId: id, err: message }, 'sampling draw failed');
    await this.tenants.run(SYSTEM_SCOPE, (m) =>
      m.query(
        `UPDATE sampling_draws SET status = CASE WHEN $3 OR attempts >= $4 THEN 'failed' ELSE 'pending' END, error = $2, lease_until = NULL
          WHERE id = $1 AND status = 'running' AND lease_owner = $5`,
        [id, message.slice(0, 1000), final, MAX_DRAW_ATTEMPTS, this.nodeId],
      ),
    );
  }
}
