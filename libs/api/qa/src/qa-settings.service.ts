import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, NotFoundException, ValidationException, type Principal } from '@switchboard/api-platform';
import type { QaSettings } from '@switchboard/shared-contracts';
import { qaSettingsProblems } from '@switchboard/shared-domain';

/**
 * A client's dispute rules: how many days after an evaluation is submitted its agent may dispute it,
 * and how many disputes one evaluation may carry. Leads covering the client read them; only admins
 * change them (they are part of what the provider agreed with the client, not a reviewer's choice).
 * A change applies to every evaluation from then on, open windows included.
 */
@Injectable()
export class QaSettingsService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, clientId: string): Promise<QaSettings> {
    this.covered(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      const [row] = await m.query<{ window_days: number; max_disputes: number }[]>('SELECT qa_dispute_window_days AS window_days, qa_max_disputes AS max_disputes FROM clients WHERE id = $1', [clientId]);
      if (!row) throw new NotFoundException('Client');
      return { disputeWindowDays: row.window_days, maxDisputesPerEvaluation: row.max_disputes };
    });
  }

  async save(principal: Principal, clientId: string, input: unknown): Promise<QaSettings> {
    this.covered(principal, clientId);
    const problems = qaSettingsProblems(input);
    if (problems.length) throw new ValidationException(problems);
    const settings = input as QaSettings;
    return await this.tenants.run(principal, async (m) => {
      const [before] = await m.query<{ window_days: number; max_disputes: number }[]>('SELECT qa_dispute_window_days AS window_days, qa_max_disputes AS max_disputes FROM clients WHERE id = $1 FOR UPDATE', [clientId]);
      if (!before) throw new NotFoundException('Client');
      await m.query('UPDATE clients SET qa_dispute_window_days = $2, qa_max_disputes = $3, updated_at = now() WHERE id = $1', [clientId, settings.disputeWindowDays, settings.maxDisputesPerEvaluation]);
      await this.audit.record(m, {
        action: 'qa.dispute_rules_changed',
        actorUserId: principal.userId,
        clientId,
        targetType: 'client',
        targetId: clientId,
        details: { disputeWindowDays: settings.disputeWindowDays, maxDisputesPerEvaluation: settings.maxDisputesPerEvaluation, before: { disputeWindowDays: before.window_days, maxDisputesPerEvaluation: before.max_disputes } },
      });
      return { disputeWindowDays: settings.disputeWindowDays, maxDisputesPerEvaluation: settings.maxDisputesPerEvaluation };
    });
  }

  private covered(principal: Principal, clientId: string): void {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
  }
}
