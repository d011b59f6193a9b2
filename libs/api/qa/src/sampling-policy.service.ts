import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { Page, RunSamplingDrawRequest, SamplingDrawView, SamplingPolicyRequest, SamplingPolicyView } from '@switchboard/shared-contracts';
import { checkSamplingPolicyRequest, isLocalDate, lastEndedPeriod, periodOfDate, samplingRulesOf } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { QaException } from './qa.exception';
import { SamplingDrawService } from './sampling-draw.service';
import { DRAW_SQL, drawView, POLICY_SQL, policyView, type DrawRow, type PolicyRow } from './sampling-queries';

/**
 * Sampling policies of a client or one of its queues: leads and admins of the client read them and
 * their draws and may draw on demand; admins create and change them (each change audited). A policy of
 * a client the caller does not cover is not found, like everywhere.
 */
@Injectable()
export class SamplingPolicyService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly draws: SamplingDrawService,
  ) {}

  /** A page of the client's policies by name. */
  async list(principal: Principal, clientId: string, page: PageRequest): Promise<Page<SamplingPolicyView>> {
    this.covered(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      const params: unknown[] = [clientId];
      const after = page.after ? ` AND (p.name, p.id::text) > ($${params.push(page.after[0])}, $${params.push(page.after[1])})` : '';
      const rows = await m.query<PolicyRow[]>(`${POLICY_SQL} WHERE p.client_id = $1${after} ORDER BY p.name, p.id::text LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (row) => [row.name, row.id], policyView);
    });
  }

  async get(principal: Principal, id: string): Promise<SamplingPolicyView> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => policyView(await this.policyRow(m, principal, id)));
  }

  async create(principal: Principal, clientId: string, input: SamplingPolicyRequest): Promise<SamplingPolicyView> {
    this.covered(principal, clientId);
    const request = checked(input);
    return await this.tenants.run(principal, async (m) => {
      await this.checkQueue(m, clientId, request.queueId);
      const [{ id }] = await m.query<{ id: string }[]>(
        'INSERT INTO sampling_policies (client_id, queue_id, name, period, policy, active, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [clientId, request.queueId, request.name.trim(), request.period, JSON.stringify(samplingRulesOf(request)), request.active ?? true, principal.userId],
      );
      await this.audit.record(m, { action: 'sampling_policy.created', actorUserId: principal.userId, clientId, targetType: 'sampling_policy', targetId: id, details: { name: request.name.trim(), period: request.period, queueId: request.queueId } });
      return policyView(await this.policyRow(m, principal, id));
    });
  }

  /** Replaces the policy; draws already made keep what they drew (the next draw of a period tops up under the new rules). */
  async update(principal: Principal, id: string, input: SamplingPolicyRequest): Promise<SamplingPolicyView> {
    checkedUuid(id, 'id');
    const request = checked(input);
    return await this.tenants.run(principal, async (m) => {
      const current = await this.policyRow(m, principal, id, true);
      await this.checkQueue(m, current.client_id, request.queueId);
      await m.query('UPDATE sampling_policies SET queue_id = $2, name = $3, period = $4, policy = $5, active = $6, updated_at = now() WHERE id = $1', [
        id,
        request.queueId,
        request.name.trim(),
        request.period,
        JSON.stringify(samplingRulesOf(request)),
        request.active ?? current.active,
      ]);
      await this.audit.record(m, {
        action: 'sampling_policy.updated',
        actorUserId: principal.userId,
        clientId: current.client_id,
        targetType: 'sampling_policy',
        targetId: id,
        details: { before: { ...current.policy, period: current.period, queueId: current.queue_id, active: current.active }, after: { ...samplingRulesOf(request), period: request.period, queueId: request.queueId, active: request.active ?? current.active } },
      });
      return policyView(await this.policyRow(m, principal, id));
    });
  }

  /** The policy's draws, newest first. */
  async listDraws(principal: Principal, id: string, page: PageRequest): Promise<Page<SamplingDrawView>> {
    checkedUuid(id, 'id');
    return await this.tenants.run(principal, async (m) => {
      await this.policyRow(m, principal, id);
      const after = page.after ? 'AND created_at < $2::timestamptz' : '';
      const rows = await m.query<DrawRow[]>(`${DRAW_SQL} WHERE policy_id = $1 ${after} ORDER BY created_at DESC LIMIT ${page.limit + 1}`, page.after ? [id, page.after[0]] : [id]);
      return pageOf(rows, page.limit, (row) => [new Date(row.created_at).toISOString()], drawView);
    });
  }

  /**
   * Draws now for the period containing `date` (default: the last period that has ended). A period
   * still running may be drawn (a top-up later draws only what the quota still allows); a future one may
   * not. Needs the client's active scorecard.
   */
  async drawNow(principal: Principal, id: string, request: RunSamplingDrawRequest): Promise<SamplingDrawView> {
    checkedUuid(id, 'id');
    if (request.date !== undefined && !isLocalDate(request.date)) throw new ValidationException([{ field: 'date', message: 'must be a date (YYYY-MM-DD)' }]);
    const policy = await this.tenants.run(principal, async (m) => {
      const row = await this.policyRow(m, principal, id);
      const [card] = await m.query<unknown[]>('SELECT 1 FROM scorecards WHERE client_id = $1 AND active', [row.client_id]);
      if (!card) throw QaException.noScorecard();
      return row;
    });
    const now = new Date();
    const period = request.date ? periodOfDate(policy.period, request.date, policy.time_zone) : lastEndedPeriod(policy.period, now, policy.time_zone);
    if (new Date(period.start).getTime() > now.getTime()) throw new ValidationException([{ field: 'date', message: 'is in a period that has not started yet' }]);
    return drawView(await this.draws.runNow(policy.id, policy.client_id, period, principal.userId));
  }

  private async policyRow(m: EntityManager, principal: Principal, id: string, lock = false): Promise<PolicyRow> {
    const [row] = await m.query<PolicyRow[]>(`${POLICY_SQL} WHERE p.id = $1 AND p.client_id = ANY ($2)${lock ? ' FOR UPDATE OF p' : ''}`, [id, [...principal.clientIds]]);
    if (!row) throw new NotFoundException('Sampling policy');
    return row;
  }

  private async checkQueue(m: EntityManager, clientId: string, queueId: string | null): Promise<void> {
    if (queueId === null) return;
    const [queue] = await m.query<unknown[]>('SELECT 1 FROM queues WHERE id = $1 AND client_id = $2', [queueId, clientId]);
    if (!queue) throw new ValidationException([{ field: 'queueId', message: 'is not a queue of this client' }]);
  }

  private covered(principal: Principal, clientId: string): void {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
  }
}

function checked(input: SamplingPolicyRequest): SamplingPolicyRequest {
  const problems = checkSamplingPolicyRequest({ ...input });
  if (problems.length) throw new ValidationException(problems);
  return input;
}
