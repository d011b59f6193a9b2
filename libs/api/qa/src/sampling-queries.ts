import type { AgentDrawSummary, LeadAssignmentCount, SamplingDrawView, SamplingPeriodKind, SamplingPolicy, SamplingPolicyView } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';

export interface PolicyRow {
  id: string;
  client_id: string;
  queue_id: string | null;
  queue_name: string | null;
  name: string;
  period: SamplingPeriodKind;
  policy: SamplingPolicy;
  active: boolean;
  created_at: Date;
  updated_at: Date;
  time_zone: string;
}

export const POLICY_SQL = `
  SELECT p.id, p.client_id, p.queue_id, q.name AS queue_name, p.name, p.period, p.policy, p.active, p.created_at, p.updated_at, c.time_zone
    FROM sampling_policies p JOIN clients c ON c.id = p.client_id LEFT JOIN queues q ON q.id = p.queue_id`;

export function policyView(row: PolicyRow): SamplingPolicyView {
  return {
    id: row.id,
    clientId: row.client_id,
    name: row.name,
    queueId: row.queue_id,
    queueName: row.queue_name,
    period: row.period,
    active: row.active,
    quota: row.policy.quota,
    stratifyByChannel: row.policy.stratifyByChannel,
    capPerAgent: row.policy.capPerAgent,
    targeted: row.policy.targeted,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** What a finished draw stores in `sampling_draws.summary`. */
export interface DrawSummary {
  randomDrawn: number;
  targetedDrawn: number;
  agents: AgentDrawSummary[];
  assignments: LeadAssignmentCount[];
  unassigned: number;
}

export interface DrawRow {
  id: string;
  policy_id: string;
  client_id: string;
  period_key: string;
  period_start: Date;
  period_end: Date;
  trigger: SamplingDrawView['trigger'];
  status: SamplingDrawView['status'];
  seed: string;
  attempts: number;
  lease_owner: string | null;
  summary: DrawSummary | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export const DRAW_SQL = `SELECT id, policy_id, client_id, period_key, period_start, period_end, trigger, status, seed, attempts, lease_owner, summary, error, created_at, finished_at FROM sampling_draws`;

export function drawView(row: DrawRow): SamplingDrawView {
  const [kind, startDate] = row.period_key.split(':') as [SamplingPeriodKind, string];
  return {
    id: row.id,
    policyId: row.policy_id,
    clientId: row.client_id,
    period: { kind, key: row.period_key, startDate, start: new Date(row.period_start).toISOString(), end: new Date(row.period_end).toISOString() },
    trigger: row.trigger,
    status: row.status,
    seed: row.seed,
    attempts: row.attempts,
    node: row.lease_owner,
    randomDrawn: row.summary?.randomDrawn ?? 0,
    targetedDrawn: row.summary?.targetedDrawn ?? 0,
    agents: row.summary?.agents ?? [],
    assignments: row.summary?.assignments ?? [],
    unassigned: row.summary?.unassigned ?? 0,
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

export async function drawById(m: EntityManager, id: string): Promise<DrawRow | undefined> {
  const [row] = await m.query<DrawRow[]>(`${DRAW_SQL} WHERE id = $1`, [id]);
  return row;
}
