import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, ValidationException, type Principal } from '@switchboard/api-platform';
import type { QaReportResponse } from '@switchboard/shared-contracts';
import { QaReportService } from './qa-report.service';

/** QA reports: leads and admins of the client by agent, team, queue or client; client users their client's by client, queue or agent. */
@ApiTags('qa')
@ApiBearerAuth()
@Controller('qa')
@Roles('team_lead', 'admin', 'client_viewer', 'client_admin')
export class QaReportController {
  constructor(private readonly reports: QaReportService) {}

  /** `?clientId&groupBy=agent|team|queue|client&from=YYYY-MM-DD&to=YYYY-MM-DD` (local dates, inclusive). */
  @Get('reports')
  report(@CurrentPrincipal() principal: Principal, @Query('clientId') clientId?: unknown, @Query('groupBy') groupBy?: unknown, @Query('from') from?: unknown, @Query('to') to?: unknown): Promise<QaReportResponse> {
    const text = (value: unknown, field: string): string => {
      if (typeof value !== 'string') throw new ValidationException([{ field, message: 'is required, once' }]);
      return value;
    };
    return this.reports.report(principal, { clientId: text(clientId, 'clientId'), groupBy: text(groupBy, 'groupBy'), from: text(from, 'from'), to: text(to, 'to') });
  }
}
