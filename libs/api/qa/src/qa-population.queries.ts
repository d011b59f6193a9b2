import type { Channel, DisputeStatus } from '@switchboard/shared-contracts';
import type { QaReportEvaluation } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

/** A ticket of a QA period: resolved in it (its current resolution), by an agent. */
export interface QaPeriodTicket {
  ticketId: string;
  agentId: string;
  queueId: string | null;
  channel: Channel;
  language: string | null;
  resolvedAt: string;
}

/** A submitted evaluation (never a draft) of a ticket resolved in the period. */
export interface QaPeriodEvaluation extends Omit<QaPeriodTicket, 'agentId'>, Omit<QaReportEvaluation, 'ticketId' | 'groups'> {
  /** The evaluated agent (who handled the ticket when it was sampled). */
  agentId: string;
}

export interface QaPeriodFilter {
  channel?: string;
  queueId?: string;
  language?: string;
}

/**
 * What QA reports count over a period [from, to) of one client — the QA report per agent, team, queue
 * or client and the QA block of the KPI report read the same population: handled = tickets resolved
 * (or closed) in the period that an agent was assigned; evaluated = the submitted evaluations of the
 * random, targeted and hand-picked streams of tickets resolved in it, with their disputes. Optionally
 * narrowed to a channel, queue or language of the ticket. Every query names the client.
 */
export async function qaPeriodPopulation(m: EntityManager, clientId: string, window: { from: string; to: string }, filter: QaPeriodFilter = {}): Promise<{ handled: QaPeriodTicket[]; evaluations: QaPeriodEvaluation[] }> {
  const params: unknown[] = [clientId, window.from, window.to];
  const where: string[] = [];
  if (filter.channel) where.push(`t.channel = $${params.push(filter.channel)}`);
  if (filter.queueId) where.push(`t.queue_id = $${params.push(filter.queueId)}`);
  if (filter.language) where.push(`t.language = $${params.push(filter.language)}`);
  const extra = where.map((w) => ` AND ${w}`).join('');
  const ticketColumns = `t.queue_id AS "queueId", t.channel, t.language, t.resolved_at AS "resolvedAt"`;
  const handled = await m.query<(Omit<QaPeriodTicket, 'resolvedAt'> & { resolvedAt: Date })[]>(
    `SELECT t.id AS "ticketId", t.assignee_id AS "agentId", ${ticketColumns} FROM tickets t JOIN users u ON u.id = t.assignee_id AND u.role = 'agent'
      WHERE t.client_id = $1 AND t.status IN ('resolved', 'closed') AND t.resolved_at >= $2 AND t.resolved_at < $3${extra}`,
    params,
  );
  const evaluations = await m.query<(Omit<QaPeriodEvaluation, 'resolvedAt' | 'disputes'> & { resolvedAt: Date; disputes: DisputeStatus[] })[]>(
    `SELECT e.ticket_id AS "ticketId", e.agent_id AS "agentId", ${ticketColumns}, e.stream, e.score::float8 AS score, cardinality(e.critical_failed) > 0 AS "criticalFailed",
            coalesce((SELECT array_agg(d.status ORDER BY d.created_at) FROM evaluation_disputes d WHERE d.evaluation_id = e.id), '{}') AS disputes
       FROM evaluations e JOIN tickets t ON t.id = e.ticket_id
      WHERE e.client_id = $1 AND t.client_id = $1 AND e.status <> 'draft' AND e.stream IN ('random', 'targeted', 'manual') AND t.resolved_at >= $2 AND t.resolved_at < $3${extra}`,
    params,
  );
  const iso = (d: Date) => new Date(d).toISOString();
  return { handled: handled.map((h) => ({ ...h, resolvedAt: iso(h.resolvedAt) })), evaluations: evaluations.map((e) => ({ ...e, resolvedAt: iso(e.resolvedAt) })) };
}
