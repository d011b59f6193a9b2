import {
  DEFAULT_SERVICE_LEVEL_RULE,
  KPI_KEYS,
  type KpiDefinition,
  type KpiKey,
  type KpiReport,
  type KpiReportQuery,
  type KpiReportResponse,
  type LiveReport,
  type MonthlyStatement,
  type Page,
  type ReportSchedule,
  type ReportsOverview,
  type ReportTicketRow,
  type ReportTicketsQuery,
  type ReportTranscript,
  type ServiceLevelResult,
  type SlaContract,
  type SlaContractVersion,
} from '@switchboard/shared-contracts';
import { FileReply, mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';
import { kpiReportPath, kpisExportPath, reportsClientPath, reportTicketsPath, queryString, statementPdfPath, ticketsExportPath, type ReportExportQuery } from './reports.api';

export function serviceLevelFixture(overrides: Partial<ServiceLevelResult> = {}): ServiceLevelResult {
  return {
    value: 85,
    numerator: 17,
    denominator: 20,
    answered: 18,
    answeredWithin: 16,
    abandoned: 2,
    abandonedWithin: 1,
    shortAbandons: 0,
    rule: DEFAULT_SERVICE_LEVEL_RULE,
    ...overrides,
  };
}

const dist = (median: number | null, p90: number | null, n = 10) => ({ n, mean: median, median, p90, method: 'nearest_rank' as const });
const ratio = (value: number | null, numerator = 0, denominator = 0) => ({ value, numerator, denominator });

export function kpiReportFixture(overrides: Partial<KpiReport> = {}): KpiReport {
  return {
    offered: 20,
    handled: 18,
    serviceLevel: serviceLevelFixture(),
    asa: ratio(14, 252, 18),
    abandonment: ratio(10, 2, 20),
    firstResponse: dist(42, 95),
    nextResponse: dist(60, 180),
    firstResolution: dist(1800, 7200),
    finalResolution: dist(2000, 7400),
    aht: { handled: 18, handleSeconds: 5400, talkSeconds: 4000, holdSeconds: 400, acwSeconds: 1000, aht: 300, attributedSeconds: 4500, attributedAht: 250 },
    fcr: ratio(80, 8, 10),
    csat: { value: 90, satisfied: 9, responses: 10, surveysSent: 16, responseRate: 62.5 },
    nps: { value: 40, promoters: 6, passives: 2, detractors: 2, responses: 10 },
    slaAttainment: { first_response: ratio(95, 19, 20), next_response: ratio(90, 9, 10), resolution: ratio(88, 15, 17) },
    backlog: 3,
    qa: {
      headline: { evaluations: 3, score: { n: 3, mean: 86.7, low: 72.3, high: 100, level: 0.95 }, criticalFailRate: { successes: 0, n: 3, rate: 0, low: 0, high: 0.5615, level: 0.95 }, disputeRate: { successes: 0, n: 3, rate: 0, low: 0, high: 0.5615, level: 0.95 } },
      targeted: { evaluations: 0, score: null, criticalFailRate: null, disputeRate: null },
      coverage: 0.1667,
      evaluatedTickets: 3,
      handledTickets: 18,
    },
    ...overrides,
  };
}

const LABELS: Record<KpiKey, string> = {
  offered: 'Offered',
  handled: 'Handled',
  service_level: 'Service level',
  asa: 'Average speed of answer',
  abandonment: 'Abandonment',
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution time',
  aht: 'Average handle time',
  fcr: 'First contact resolution',
  csat: 'CSAT',
  nps: 'NPS',
  backlog: 'Backlog',
  qa_score: 'QA score',
};

export function kpiDefinitionsFixture(): Record<KpiKey, KpiDefinition> {
  const unit: Partial<Record<KpiKey, KpiDefinition['unit']>> = { offered: 'count', handled: 'count', backlog: 'count', nps: 'points', asa: 'seconds', first_response: 'seconds', next_response: 'seconds', resolution: 'seconds', aht: 'seconds' };
  return Object.fromEntries(
    KPI_KEYS.map((key) => [key, { key, label: LABELS[key], formula: `formula of ${key}`, unit: unit[key] ?? 'percent' }]),
  ) as Record<KpiKey, KpiDefinition>;
}

export function kpiReportResponseFixture(overrides: Partial<KpiReportResponse> = {}): KpiReportResponse {
  const definitions = kpiDefinitionsFixture();
  definitions.service_level = { key: 'service_level', label: 'Service level', formula: '(answered within 20 s + abandoned within 20 s) / (answered + abandoned)', unit: 'percent', note: 'Variant: answered or abandoned within T' };
  return {
    clientId: 'client-northwind',
    clientName: 'Northwind Traders',
    timeZone: 'America/New_York',
    from: '2026-11-01',
    to: '2026-11-30',
    groupBy: 'total',
    contractVersion: 2,
    serviceLevelRule: DEFAULT_SERVICE_LEVEL_RULE,
    definitions,
    total: kpiReportFixture(),
    groups: [],
    source: 'exact',
    ...overrides,
  };
}

export function reportTicketRowFixture(overrides: Partial<ReportTicketRow> = {}): ReportTicketRow {
  return {
    ticketId: 'ticket-1',
    subject: 'Where is my parcel?',
    channel: 'chat',
    queueName: 'Orders chat',
    createdAt: '2026-11-03T14:05:00.000Z',
    waitSeconds: 12,
    firstResponseSeconds: 30,
    resolvedAt: '2026-11-03T14:25:00.000Z',
    outcome: 'within',
    ...overrides,
  };
}

export function reportTranscriptFixture(overrides: Partial<ReportTranscript> = {}): ReportTranscript {
  return {
    ticketId: 'ticket-1',
    channel: 'chat',
    subject: 'Where is my parcel?',
    createdAt: '2026-11-03T14:05:00.000Z',
    messages: [
      { at: '2026-11-03T14:05:00.000Z', author: 'customer', authorName: 'Dana', text: 'My card **** **** **** 1111 was charged twice' },
      { at: '2026-11-03T14:05:30.000Z', author: 'agent', authorName: 'Maria Santos', text: 'Sorry about that, a refund is on its way.' },
    ],
    ...overrides,
  };
}

export function liveReportFixture(overrides: Partial<LiveReport> = {}): LiveReport {
  return {
    clientId: 'client-northwind',
    at: '2026-12-02T15:00:00.000Z',
    serviceLevelToday: serviceLevelFixture({ value: 80, numerator: 8, denominator: 10 }),
    waitingNow: 2,
    longestWaitSeconds: 45,
    agentsStaffed: 4,
    agentsAvailable: 1,
    ...overrides,
  };
}

export function slaContractVersionFixture(overrides: Partial<SlaContractVersion> = {}): SlaContractVersion {
  return {
    version: 2,
    effectiveFrom: '2026-01',
    effectiveTo: null,
    atRiskPercent: 10,
    earnBackPeriods: 2,
    businessHoursOnly: false,
    fcrWindowDays: 7,
    percentileMethod: 'nearest_rank',
    billing: { unit: 'handled_ticket', unitPriceCents: 450, currency: 'USD' },
    criticalServiceLevels: [
      { id: 'sl', name: 'Service level 80% in 20 s', kpi: 'service_level', target: 80, minimum: 75, allocationPercent: 60, exclusions: [] },
      { id: 'asa', name: 'Average speed of answer', kpi: 'asa', target: 30, minimum: 45, allocationPercent: 40, exclusions: [] },
    ],
    keyMeasurements: [{ id: 'csat', name: 'Customer satisfaction', kpi: 'csat', target: 85, minimum: 80, exclusions: [] }],
    ...overrides,
  };
}

export function slaContractFixture(overrides: Partial<SlaContract> = {}): SlaContract {
  return { clientId: 'client-northwind', versions: [slaContractVersionFixture()], ...overrides };
}

export function monthlyStatementFixture(overrides: Partial<MonthlyStatement> = {}): MonthlyStatement {
  return {
    clientId: 'client-northwind',
    month: '2026-11',
    contractVersion: 2,
    billingUnit: 'handled_ticket',
    billableQuantity: 1000,
    unitPriceCents: 450,
    invoiceCents: 450_000,
    atRiskCents: 45_000,
    lines: [
      { termId: 'sl', name: 'Service level 80% in 20 s', kpi: 'service_level', critical: true, target: 80, minimum: 75, value: 78.5, attainment: 'missed', allocationPercent: 60, creditCents: 27_000, excluded: [{ kind: 'client_caused_outage', contacts: 14, windows: 1 }] },
      { termId: 'asa', name: 'Average speed of answer', kpi: 'asa', critical: true, target: 30, minimum: 45, value: 21, attainment: 'met', allocationPercent: 40, creditCents: 0, excluded: [] },
      { termId: 'csat', name: 'Customer satisfaction', kpi: 'csat', critical: false, target: 85, minimum: 80, value: null, attainment: 'no_data', allocationPercent: 0, creditCents: 0, excluded: [] },
    ],
    creditsOwedCents: 27_000,
    earnedBack: [{ termId: 'asa', creditMonth: '2026-09', creditCents: 18_000 }],
    earnedBackCents: 18_000,
    netCreditCents: 9_000,
    outages: [{ id: 'outage-1', clientId: 'client-northwind', startsAt: '2026-11-10T14:00:00.000Z', endsAt: '2026-11-10T15:30:00.000Z', reason: 'Northwind order system down', declaredBy: 'user-admin', declaredAt: '2026-11-10T16:00:00.000Z' }],
    ...overrides,
  };
}

export function reportsOverviewFixture(overrides: Partial<ReportsOverview> = {}): ReportsOverview {
  return {
    from: '2026-11-01',
    to: '2026-11-30',
    clients: [
      { clientId: 'client-northwind', clientName: 'Northwind Traders', colour: '#1d4ed8', timeZone: 'America/New_York', contractVersion: 2, total: kpiReportFixture() },
      { clientId: 'client-globex', clientName: 'Globex Retail', colour: '#15803d', timeZone: 'Europe/London', contractVersion: null, total: kpiReportFixture({ offered: 40, serviceLevel: serviceLevelFixture({ value: 62.5 }) }) },
    ],
    ...overrides,
  };
}

export const mockGetKpiReport = (clientId: string, query: KpiReportQuery, reply: MockReply<KpiReportResponse>, options?: MockRouteOptions) =>
  mockRoute('GET', kpiReportPath(clientId, query), reply, options);

export const mockListReportTickets = (clientId: string, kpi: KpiKey, query: ReportTicketsQuery, reply: MockReply<Page<ReportTicketRow>>, options?: MockRouteOptions) =>
  mockRoute('GET', reportTicketsPath(clientId, kpi, query), reply, options);

export const mockGetReportTranscript = (clientId: string, ticketId: string, reply: MockReply<ReportTranscript>, options?: MockRouteOptions) =>
  mockRoute('GET', `${reportsClientPath(clientId)}/tickets/${encodeURIComponent(ticketId)}/transcript`, reply, options);

export const mockGetLiveReport = (clientId: string, reply: MockReply<LiveReport>, options?: MockRouteOptions) => mockRoute('GET', `${reportsClientPath(clientId)}/live`, reply, options);

export const mockGetSlaContract = (clientId: string, reply: MockReply<SlaContract>, options?: MockRouteOptions) => mockRoute('GET', `${reportsClientPath(clientId)}/sla-contract`, reply, options);

export const mockGetMonthlyStatement = (clientId: string, month: string, reply: MockReply<MonthlyStatement>, options?: MockRouteOptions) =>
  mockRoute('GET', `${reportsClientPath(clientId)}/statements/${encodeURIComponent(month)}`, reply, options);

export const mockGetReportsOverview = (from: string, to: string, reply: MockReply<ReportsOverview>, options?: MockRouteOptions) =>
  mockRoute('GET', `/api/reports/overview${queryString({ from, to })}`, reply, options);

export const mockDownloadTicketsCsv = (clientId: string, query: ReportExportQuery, reply: MockReply<FileReply>, options?: MockRouteOptions) => mockRoute('GET', ticketsExportPath(clientId, query), reply, options);

export const mockDownloadKpisCsv = (clientId: string, query: ReportExportQuery, groupBy: 'day' | 'interval', reply: MockReply<FileReply>, options?: MockRouteOptions) =>
  mockRoute('GET', kpisExportPath(clientId, query, groupBy), reply, options);

export const mockDownloadStatementPdf = (clientId: string, month: string, reply: MockReply<FileReply>, options?: MockRouteOptions) => mockRoute('GET', statementPdfPath(clientId, month), reply, options);

export function reportScheduleFixture(overrides: Partial<ReportSchedule> = {}): ReportSchedule {
  return {
    id: 'schedule-1',
    clientId: 'client-northwind',
    cadence: 'weekly',
    recipients: ['ops@northwind.example'],
    nextRunAt: '2026-12-07T05:00:00.000Z',
    lastPeriod: '2026-11-23..2026-11-29',
    lastSentAt: '2026-11-30T05:00:12.000Z',
    createdAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

export const mockListReportSchedules = (clientId: string, reply: MockReply<ReportSchedule[]>, options?: MockRouteOptions) => mockRoute('GET', `${reportsClientPath(clientId)}/report-schedules`, reply, options);

export const mockCreateReportSchedule = (clientId: string, reply: MockReply<ReportSchedule>, options?: MockRouteOptions) => mockRoute('POST', `${reportsClientPath(clientId)}/report-schedules`, reply, options);

export const mockDeleteReportSchedule = (clientId: string, scheduleId: string, reply: MockReply<void>, options?: MockRouteOptions) =>
  mockRoute('DELETE', `${reportsClientPath(clientId)}/report-schedules/${scheduleId}`, reply, options);
