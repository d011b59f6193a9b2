import type { KpiReport, PiiPolicy, ServiceLevelRule, TicketFact } from '@switchboard/shared-contracts';
import { finalResolution, firstResponseStart, queueWaitSeconds, wallClockSeconds, type ElapsedSeconds } from './kpi.util';
import { maskTranscriptText, queueOutcome } from './kpi-drilldown.util';

// ─── CSV ───────────────────────────────────────────────────────────────────────────────────────────

export type CsvValue = string | number | boolean | null | undefined;

/** Characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula gets a leading `'`; a cell
 * with a comma, quote or line break is quoted, quotes doubled. Numbers are written as they are (a
 * negative number is a number, not a formula); null and undefined are empty.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Seconds as a CSV number: three decimals at most (facts keep milliseconds), null stays empty. */
function seconds(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 1000) / 1000;
}

/** A percentage to one decimal. */
function percent(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 10) / 10;
}

// ─── File names ────────────────────────────────────────────────────────────────────────────────────

/** `northwind-traders-tickets-2026-11-01-to-2026-11-30.csv`: the client's name made safe for a file name, what, and the range. */
export function exportFileName(clientName: string, what: string, range: { from: string; to?: string }, extension: 'csv' | 'pdf'): string {
  const slug =
    clientName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'client';
  const dates = range.to === undefined || range.to === range.from ? range.from : `${range.from}-to-${range.to}`;
  return `${slug}-${what}-${dates}.${extension}`;
}

// ─── Tickets export ────────────────────────────────────────────────────────────────────────────────

export const TICKET_EXPORT_COLUMNS = [
  'Ticket',
  'Ticket ID',
  'Subject',
  'Channel',
  'Queue',
  'Language',
  'Created',
  'Queued',
  'Answered',
  'Abandoned',
  'Queue wait (s)',
  'Service level',
  'First response (s)',
  'First resolved',
  'Resolved',
  'Resolution time (s)',
  'Reopened',
  'Handle time (s)',
  'First response SLA',
  'Resolution SLA',
  'CSAT',
  'NPS',
  'Topic',
  'Excluded',
] as const;

/** What the ticket row adds to its fact: the ticket's number and subject, and its queue's name. */
export interface TicketExportDetails {
  number: number | string;
  subject: string | null;
  queueName: string | null;
}

export interface TicketExportOptions {
  serviceLevel: ServiceLevelRule;
  piiPolicy: PiiPolicy;
  /** Targets not due by then and not met are `pending`, not missed. */
  asOf: string;
  /** Business-hours contracts measure durations in business time (as the drill-down does). */
  elapsed?: ElapsedSeconds;
}

/** met / missed / pending of one SLA target, or null when the ticket had none. */
export function slaTargetState(dueAt: string | null | undefined, doneAt: string | null | undefined, asOf: string): 'met' | 'missed' | 'pending' | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (doneAt) return Date.parse(doneAt) <= due ? 'met' : 'missed';
  return due < Date.parse(asOf) ? 'missed' : 'pending';
}

/**
 * One ticket as a row of the tickets export, in the order of `TICKET_EXPORT_COLUMNS`: what the
 * drill-down shows of it and the rest of its fact. The subject is masked as the transcript is (card
 * numbers always, emails and phone numbers per the client's PII policy); message bodies and internal
 * notes are never part of a row. Instants are ISO 8601 in UTC.
 */
export function ticketExportRow(fact: TicketFact, details: TicketExportDetails, options: TicketExportOptions): CsvValue[] {
  const elapsed = options.elapsed ?? wallClockSeconds;
  const start = firstResponseStart(fact);
  const firstReply = fact.agentReplies.find((at) => Date.parse(at) >= Date.parse(start)) ?? null;
  const firstResolved = fact.resolvedAt[0] ?? null;
  const handle = fact.handleSegments.reduce((sum, s) => sum + Math.max(0, Date.parse(s.end) - Date.parse(s.start)) / 1000, 0);
  return [
    details.number,
    fact.ticketId,
    details.subject === null ? null : maskTranscriptText(details.subject, options.piiPolicy),
    fact.channel,
    details.queueName,
    fact.language,
    fact.createdAt,
    fact.queuedAt,
    fact.answeredAt,
    fact.abandonedAt,
    seconds(queueWaitSeconds(fact)),
    fact.queuedAt === null ? 'not_offered' : queueOutcome(fact, options.serviceLevel),
    firstReply === null ? null : seconds(elapsed(Date.parse(start), Date.parse(firstReply))),
    firstResolved,
    finalResolution(fact),
    firstResolved === null ? null : seconds(elapsed(Date.parse(fact.createdAt), Date.parse(firstResolved))),
    fact.reopenedAt.length,
    fact.handleSegments.length ? seconds(handle) : null,
    slaTargetState(fact.firstResponseDueAt, firstReply, options.asOf),
    slaTargetState(fact.resolutionDueAt, firstResolved, options.asOf),
    fact.csat?.score ?? null,
    fact.nps?.score ?? null,
    fact.topic,
    fact.excluded ?? null,
  ];
}

// ─── KPI (aggregates) export ───────────────────────────────────────────────────────────────────────

export const KPI_EXPORT_COLUMNS = [
  'Date',
  'Interval',
  'Offered',
  'Handled',
  'Service level (%)',
  'Answered within threshold',
  'Abandoned',
  'Abandoned within threshold',
  'Short abandons',
  'ASA (s)',
  'Abandonment (%)',
  'First response median (s)',
  'First response p90 (s)',
  'Next response median (s)',
  'Next response p90 (s)',
  'Resolution median (s)',
  'Resolution p90 (s)',
  'AHT (s)',
  'FCR (%)',
  'CSAT (%)',
  'CSAT responses',
  'CSAT surveys sent',
  'NPS',
  'NPS responses',
  'Backlog',
  'QA score',
  'QA score 95% low',
  'QA score 95% high',
  'QA evaluations (random)',
  'QA coverage (%)',
] as const;

/** One period of a KPI report as a CSV row (the values the portal's tiles read), in the order of `KPI_EXPORT_COLUMNS`. */
export function kpiExportRow(date: string, interval: string | null, report: KpiReport): CsvValue[] {
  return [
    date,
    interval,
    report.offered,
    report.handled,
    percent(report.serviceLevel.value),
    report.serviceLevel.answeredWithin,
    report.serviceLevel.abandoned,
    report.serviceLevel.abandonedWithin,
    report.serviceLevel.shortAbandons,
    seconds(report.asa.value),
    percent(report.abandonment.value),
    seconds(report.firstResponse.median),
    seconds(report.firstResponse.p90),
    seconds(report.nextResponse.median),
    seconds(report.nextResponse.p90),
    seconds(report.firstResolution.median),
    seconds(report.firstResolution.p90),
    seconds(report.aht.aht),
    percent(report.fcr.value),
    percent(report.csat.value),
    report.csat.responses,
    report.csat.surveysSent,
    percent(report.nps.value),
    report.nps.responses,
    report.backlog,
    report.qa?.headline.score?.mean ?? null,
    report.qa?.headline.score?.low ?? null,
    report.qa?.headline.score?.high ?? null,
    report.qa ? report.qa.headline.evaluations : null,
    percent(report.qa?.coverage == null ? null : report.qa.coverage * 100),
  ];
}
