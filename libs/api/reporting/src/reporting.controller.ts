import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequestMeta, Roles, type Principal } from '@switchboard/api-platform';
import type { KpiReportResponse, LiveReport, MonthlyStatement, Page, ReportSchedule, ReportsOverview, ReportTicketRow, ReportTranscript, SlaContract } from '@switchboard/shared-contracts';
import type { Response } from 'express';
import { responseSink } from './export-response.util';
import { LiveReportService } from './live-report.service';
import { ReportExportService, type ExportCaller } from './report-export.service';
import { ReportScheduleService } from './report-schedule.service';
import { ReportService } from './report.service';
import { SlaContractService } from './sla-contract.service';

/**
 * `/api/reports`: a client user reads only their own client (another client → 404); provider admins
 * and team leads the clients they cover; agents no reports (403). Query strings are checked by the
 * services (stable REPORT_* codes), not by DTOs: unknown parameters are refused too.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles('client_viewer', 'client_admin', 'team_lead', 'admin')
export class ReportingController {
  constructor(
    private readonly reports: ReportService,
    private readonly contracts: SlaContractService,
    private readonly liveReports: LiveReportService,
    private readonly exports: ReportExportService,
    private readonly schedules: ReportScheduleService,
  ) {}

  @Get('clients/:clientId/kpis')
  kpis(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query() query: Record<string, unknown>): Promise<KpiReportResponse> {
    return this.reports.kpis(principal, clientId, query);
  }

  @Get('clients/:clientId/kpis/:kpi/tickets')
  tickets(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Param('kpi') kpi: string, @Query() query: Record<string, unknown>): Promise<Page<ReportTicketRow>> {
    return this.reports.tickets(principal, clientId, kpi, query);
  }

  @Get('clients/:clientId/tickets/:ticketId/transcript')
  transcript(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Param('ticketId') ticketId: string): Promise<ReportTranscript> {
    return this.reports.transcript(principal, clientId, ticketId);
  }

  @Get('clients/:clientId/live')
  live(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string): Promise<LiveReport> {
    return this.liveReports.live(principal, clientId);
  }

  @Get('clients/:clientId/sla-contract')
  contract(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string): Promise<SlaContract> {
    return this.contracts.get(principal, clientId);
  }

  /** Adds the next version (checked with the domain's contract rules; audited). */
  @Post('clients/:clientId/sla-contract/versions')
  @Roles('admin')
  @HttpCode(201)
  addVersion(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: Record<string, unknown>): Promise<SlaContract> {
    return this.contracts.addVersion(principal, clientId, body);
  }

  @Get('clients/:clientId/statements/:month')
  statement(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Param('month') month: string): Promise<MonthlyStatement> {
    return this.contracts.statement(principal, clientId, month);
  }

  /** CSV, one row per ticket created in the range (filters as the report's), streamed. */
  @Get('clients/:clientId/exports/tickets.csv')
  async exportTickets(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query() query: Record<string, unknown>, @RequestMeta() meta: ExportCaller, @Res() response: Response): Promise<void> {
    await this.exports.tickets(principal, clientId, query, meta, responseSink(response));
  }

  /** CSV of the KPI report by day (or `groupBy=interval`: by 30-minute interval), with a total line. */
  @Get('clients/:clientId/exports/kpis.csv')
  async exportKpis(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Query() query: Record<string, unknown>, @RequestMeta() meta: ExportCaller, @Res() response: Response): Promise<void> {
    await this.exports.kpis(principal, clientId, query, meta, responseSink(response));
  }

  /** The monthly statement as a PDF: `…/exports/statements/2026-11.pdf`. */
  @Get('clients/:clientId/exports/statements/:file')
  async exportStatement(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Param('file') file: string, @RequestMeta() meta: ExportCaller, @Res() response: Response): Promise<void> {
    await this.exports.statementPdf(principal, clientId, file, meta, responseSink(response));
  }

  /** The client's scheduled report emails (every reader of its reports). */
  @Get('clients/:clientId/report-schedules')
  listSchedules(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string): Promise<ReportSchedule[]> {
    return this.schedules.list(principal, clientId);
  }

  /** `{ cadence: weekly|monthly, recipients: [≤ 20 emails] }`: that client's admins and provider admins (audited). */
  @Post('clients/:clientId/report-schedules')
  @Roles('client_admin', 'admin')
  @HttpCode(201)
  createSchedule(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Body() body: Record<string, unknown>): Promise<ReportSchedule> {
    return this.schedules.create(principal, clientId, body);
  }

  @Delete('clients/:clientId/report-schedules/:scheduleId')
  @Roles('client_admin', 'admin')
  @HttpCode(204)
  deleteSchedule(@CurrentPrincipal() principal: Principal, @Param('clientId') clientId: string, @Param('scheduleId') scheduleId: string): Promise<void> {
    return this.schedules.remove(principal, clientId, scheduleId);
  }

  @Get('overview')
  @Roles('team_lead', 'admin')
  overview(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<ReportsOverview> {
    return this.reports.overview(principal, query);
  }
}
