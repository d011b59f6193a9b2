import type {
  KpiKey,
  KpiReportQuery,
  KpiReportResponse,
  LiveReport,
  MonthlyStatement,
  Page,
  ReportsOverview,
  ReportTicketRow,
  ReportTicketsQuery,
  ReportTranscript,
  SlaContract,
} from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';

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
