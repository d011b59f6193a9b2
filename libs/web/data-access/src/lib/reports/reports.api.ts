import type {
  KpiKey,
  KpiReportQuery,
  KpiReportResponse,
  LiveReport,
  MonthlyStatement,
  Page,
  ReportSchedule,
  ReportScheduleInput,
  ReportsOverview,
  ReportTicketRow,
  ReportTicketsQuery,
  ReportTranscript,
  SlaContract,
} from '@switchboard/shared-contracts';
import { apiDownload, apiRequest } from '../http/http-client.util';

/** `?a=1&b=2` of the defined, non-empty values, in the order given (so mocks can match paths exactly). */
export function queryString(params: object): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const reportsClientPath = (clientId: string) => `/api/reports/clients/${encodeURIComponent(clientId)}`;

/** Query of a KPI report, in a fixed order. */
export function kpiReportPath(clientId: string, query: KpiReportQuery): string {
  const { from, to, groupBy, channel, queueId, language } = query;
  return `${reportsClientPath(clientId)}/kpis${queryString({ from, to, groupBy, channel, queueId, language })}`;
}

/** `GET /api/reports/clients/:clientId/kpis`: one client's KPIs over local dates, whole or by bucket. */
export function getKpiReport(clientId: string, query: KpiReportQuery): Promise<KpiReportResponse> {
  return apiRequest<KpiReportResponse>('GET', kpiReportPath(clientId, query));
}

export function reportTicketsPath(clientId: string, kpi: KpiKey, query: ReportTicketsQuery): string {
  const { from, to, groupKey, outcome, channel, queueId, language, cursor, limit } = query;
  return `${reportsClientPath(clientId)}/kpis/${encodeURIComponent(kpi)}/tickets${queryString({ from, to, groupKey, outcome, channel, queueId, language, cursor, limit })}`;
}

/** `GET …/kpis/:kpi/tickets`: the tickets behind a tile or a bucket, a page at a time. */
export function listReportTickets(clientId: string, kpi: KpiKey, query: ReportTicketsQuery): Promise<Page<ReportTicketRow>> {
  return apiRequest<Page<ReportTicketRow>>('GET', reportTicketsPath(clientId, kpi, query));
}

/** `GET …/tickets/:ticketId/transcript`: masked, without internal notes. */
export function getReportTranscript(clientId: string, ticketId: string): Promise<ReportTranscript> {
  return apiRequest<ReportTranscript>('GET', `${reportsClientPath(clientId)}/tickets/${encodeURIComponent(ticketId)}/transcript`);
}

/** `GET …/live`: today's service level, waiting now, agents staffed (then kept live by `report.live`). */
export function getLiveReport(clientId: string): Promise<LiveReport> {
  return apiRequest<LiveReport>('GET', `${reportsClientPath(clientId)}/live`);
}

/** `GET …/sla-contract`: 404 `SLA_CONTRACT_NOT_FOUND` when the client has none. */
export function getSlaContract(clientId: string): Promise<SlaContract> {
  return apiRequest<SlaContract>('GET', `${reportsClientPath(clientId)}/sla-contract`);
}

/** `GET …/statements/:month` (`YYYY-MM`). */
export function getMonthlyStatement(clientId: string, month: string): Promise<MonthlyStatement> {
  return apiRequest<MonthlyStatement>('GET', `${reportsClientPath(clientId)}/statements/${encodeURIComponent(month)}`);
}

/** `GET /api/reports/overview`: provider staff, every client they cover side by side. */
export function getReportsOverview(from: string, to: string): Promise<ReportsOverview> {
  return apiRequest<ReportsOverview>('GET', `/api/reports/overview${queryString({ from, to })}`);
}

/** Query of an export: the report's range and filters (and, for the KPI CSV, `groupBy=day|interval`), in a fixed order. */
export type ReportExportQuery = Omit<KpiReportQuery, 'groupBy' | 'source'>;

export function ticketsExportPath(clientId: string, query: ReportExportQuery): string {
  const { from, to, channel, queueId, language } = query;
  return `${reportsClientPath(clientId)}/exports/tickets.csv${queryString({ from, to, channel, queueId, language })}`;
}

export function kpisExportPath(clientId: string, query: ReportExportQuery, groupBy: 'day' | 'interval'): string {
  const { from, to, channel, queueId, language } = query;
  return `${reportsClientPath(clientId)}/exports/kpis.csv${queryString({ from, to, groupBy, channel, queueId, language })}`;
}

export const statementPdfPath = (clientId: string, month: string) => `${reportsClientPath(clientId)}/exports/statements/${encodeURIComponent(month)}.pdf`;

/** `GET …/exports/tickets.csv`: one row per ticket created in the range (masked as the portal shows it). */
export function downloadTicketsCsv(clientId: string, query: ReportExportQuery): Promise<Blob> {
  return apiDownload(ticketsExportPath(clientId, query));
}

/** `GET …/exports/kpis.csv`: the KPI report by day or by 30-minute interval, with a total line. */
export function downloadKpisCsv(clientId: string, query: ReportExportQuery, groupBy: 'day' | 'interval'): Promise<Blob> {
  return apiDownload(kpisExportPath(clientId, query, groupBy));
}

/** `GET …/exports/statements/:month.pdf`: the monthly statement as a PDF. */
export function downloadStatementPdf(clientId: string, month: string): Promise<Blob> {
  return apiDownload(statementPdfPath(clientId, month));
}

/** `GET …/report-schedules`: the client's scheduled report emails. */
export function listReportSchedules(clientId: string): Promise<ReportSchedule[]> {
  return apiRequest<ReportSchedule[]>('GET', `${reportsClientPath(clientId)}/report-schedules`);
}

/** `POST …/report-schedules` (client admins, provider admins): 400 `REPORT_SCHEDULE_INVALID` names each bad field. */
export function createReportSchedule(clientId: string, input: ReportScheduleInput): Promise<ReportSchedule> {
  return apiRequest<ReportSchedule>('POST', `${reportsClientPath(clientId)}/report-schedules`, input);
}

export function deleteReportSchedule(clientId: string, scheduleId: string): Promise<void> {
  return apiRequest<void>('DELETE', `${reportsClientPath(clientId)}/report-schedules/${encodeURIComponent(scheduleId)}`);
}
