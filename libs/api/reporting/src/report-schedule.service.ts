import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { ForbiddenException, NotFoundException, type Principal } from '@switchboard/api-platform';
import type { ReportSchedule } from '@switchboard/shared-contracts';
import { checkReportSchedule, nextReportRun } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { assertReadable, readClient } from './report.service';
import { isUuid } from './report-query.util';
import { ReportingException } from './reporting.exception';

export interface ScheduleRow {
  id: string;
  client_id: string;
  cadence: ReportSchedule['cadence'];
  recipients: string[];
  next_run_at: Date;
  last_period: string | null;
  last_sent_at: Date | null;
  created_at: Date;
}

export const SCHEDULE_COLUMNS = 'id, client_id, cadence, recipients, next_run_at, last_period, last_sent_at, created_at';

export function scheduleView(row: ScheduleRow): ReportSchedule {
  return {
    id: row.id,
    clientId: row.client_id,
    cadence: row.cadence,
    recipients: row.recipients,
    nextRunAt: row.next_run_at.toISOString(),
    lastPeriod: row.last_period,
    lastSentAt: row.last_sent_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Who may change a client's schedules: its client admins and provider admins (readers only read them). */
function assertManager(principal: Principal): void {
  if (principal.role !== 'client_admin' && principal.role !== 'admin') throw new ForbiddenException('Only a client admin or a provider admin can change scheduled reports.');
}

/** A client's scheduled report emails: listed to its readers, added and removed by its admins (audited). */
@Injectable()
export class ReportScheduleService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, clientId: string): Promise<ReportSchedule[]> {
    assertReadable(principal, clientId);
    return await this.tenants.run(principal, async (m) => {
      await readClient(m, clientId);
      const rows = await m.query<ScheduleRow[]>(`SELECT ${SCHEDULE_COLUMNS} FROM report_schedules WHERE client_id = $1 ORDER BY created_at, id`, [clientId]);
      return rows.map(scheduleView);
    });
  }

  async create(principal: Principal, clientId: string, body: unknown): Promise<ReportSchedule> {
    assertReadable(principal, clientId);
    assertManager(principal);
    const checked = checkReportSchedule(body);
    if ('problems' in checked) throw ReportingException.schedule(checked.problems);
    return await this.tenants.run(principal, async (m) => {
      const client = await readClient(m, clientId);
      const [row] = await m.query<ScheduleRow[]>(
        `INSERT INTO report_schedules (client_id, cadence, recipients, next_run_at, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${SCHEDULE_COLUMNS}`,
        [clientId, checked.schedule.cadence, checked.schedule.recipients, nextReportRun(checked.schedule.cadence, new Date(), client.timeZone), principal.userId],
      );
      await this.record(m, principal, clientId, 'report.schedule_created', row.id, { cadence: row.cadence, recipients: row.recipients.join(', ') });
      return scheduleView(row);
    });
  }

  async remove(principal: Principal, clientId: string, scheduleId: string): Promise<void> {
    assertReadable(principal, clientId);
    assertManager(principal);
    if (!isUuid(scheduleId)) throw new NotFoundException('Report schedule');
    await this.tenants.run(principal, async (m) => {
      // A DELETE … RETURNING answers [rows, count] through TypeORM; the CTE answers rows like any SELECT.
      const [row] = await m.query<ScheduleRow[]>(`WITH gone AS (DELETE FROM report_schedules WHERE id = $1 AND client_id = $2 RETURNING ${SCHEDULE_COLUMNS}) SELECT * FROM gone`, [scheduleId, clientId]);
      if (!row) throw new NotFoundException('Report schedule');
      await this.record(m, principal, clientId, 'report.schedule_deleted', row.id, { cadence: row.cadence, recipients: row.recipients.join(', ') });
    });
  }

  private async record(m: EntityManager, principal: Principal, clientId: string, action: string, id: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.record(m, { action, actorUserId: principal.userId, clientId, targetType: 'report_schedule', targetId: id, details });
  }
}
