import type { QaReport, ReportGroupBy, TicketFact } from '@switchboard/shared-contracts';
import type { DrillDownRow } from './kpi-drilldown.util';
import { finalResolution, firstResponseTimes, queueWaitSeconds } from './kpi.util';
import { qaGroupReports, type QaReportEvaluation } from './qa-report.util';
import { qaReport } from './qa-statistics.util';
import { reportingInterval } from './reporting-buckets.util';

/**
 * The QA block of a client's KPI report (KPIS.md "QA score", "QA coverage"), by the QA report's own
 * rules (`qaGroupReports`: the random stream is the headline with its 95 % Student-t interval, the
 * targeted stream apart, coverage = distinct evaluated tickets / handled tickets), over the tickets
 * resolved in the report's window, bucketed as the report's groups are: by the local day or 30-minute
 * interval of the resolution, or by the ticket's channel, queue or language (`none` when unset).
 */

/** A ticket of the QA population: handled (resolved by an agent) or evaluated. */
export interface KpiQaTicket {
  ticketId: string;
  /** When the ticket was resolved (its current resolution, as the QA report counts it). */
  resolvedAt: string;
  channel: string;
  queueId: string | null;
  language: string | null;
}

/** One submitted evaluation of a ticket of the window. */
export type KpiQaEvaluation = KpiQaTicket & Omit<QaReportEvaluation, 'ticketId' | 'groups'>;

/** The KPI group key a ticket's QA falls in (KpiGroup keys: `YYYY-MM-DD`, `YYYY-MM-DD#index`, the channel, queue id or language, `none`). */
export function kpiQaKey(ticket: KpiQaTicket, groupBy: Exclude<ReportGroupBy, 'total'>, timeZone: string): string {
  switch (groupBy) {
    case 'day':
      return reportingInterval(ticket.resolvedAt, timeZone).date;
    case 'interval': {
      const interval = reportingInterval(ticket.resolvedAt, timeZone);
      return `${interval.date}#${interval.index}`;
    }
    case 'channel':
      return ticket.channel;
    case 'queue':
      return ticket.queueId ?? 'none';
    case 'language':
      return ticket.language ?? 'none';
  }
}

/** QA of nothing: no evaluation, nothing handled. */
export function emptyQaReport(): QaReport {
  return qaReport([], 0);
}

export interface KpiQaBlock {
  total: QaReport;
  /** Per group key (only keys with a handled or evaluated ticket); `group(key)` answers every key. */
  groups: Map<string, QaReport>;
  group(key: string): QaReport;
}

/** The report's QA: the whole window, and per group key when grouped. */
export function kpiQaReports(handled: readonly KpiQaTicket[], evaluations: readonly KpiQaEvaluation[], groupBy: ReportGroupBy, timeZone: string, level = 0.95): KpiQaBlock {
  const asEvaluation = (e: KpiQaEvaluation, groups: string[]): QaReportEvaluation => ({ ticketId: e.ticketId, stream: e.stream, score: e.score, criticalFailed: e.criticalFailed, disputes: e.disputes, groups });
  const [whole] = qaGroupReports(
    evaluations.map((e) => asEvaluation(e, ['total'])),
    handled.map((t) => ({ ticketId: t.ticketId, groups: ['total'] })),
    [],
    level,
  );
  const groups = new Map<string, QaReport>();
  if (groupBy !== 'total') {
    // Partitioned by key first (a month by interval has ~1,500 keys): each ticket is looked at once.
    const byKey = new Map<string, { handled: KpiQaTicket[]; evaluations: KpiQaEvaluation[] }>();
    const slot = (t: KpiQaTicket) => {
      const key = kpiQaKey(t, groupBy, timeZone);
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { handled: [], evaluations: [] }));
      return entry;
    };
    for (const t of handled) slot(t).handled.push(t);
    for (const e of evaluations) slot(e).evaluations.push(e);
    for (const [key, part] of byKey) {
      const [row] = qaGroupReports(
        part.evaluations.map((e) => asEvaluation(e, [key])),
        part.handled.map((t) => ({ ticketId: t.ticketId, groups: [key] })),
        [],
        level,
      );
      if (row) groups.set(key, row.report);
    }
  }
  return { total: whole?.report ?? emptyQaReport(), groups, group: (key) => groups.get(key) ?? emptyQaReport() };
}

const STREAM_ORDER: readonly KpiQaEvaluation['stream'][] = ['random', 'targeted', 'manual'];

/**
 * The tickets behind the QA tile (or one of its buckets): one row per evaluated ticket — the
 * `evaluatedTickets` of coverage — anchored at its resolution, its outcome the stream it was reviewed
 * in (`random` first: the headline's; then `targeted`, `manual`). Wait and first response come from the
 * ticket's fact when the report has it. `groupKey` picks a bucket of `groupBy`.
 */
export function qaDrillDownRows(evaluations: readonly KpiQaEvaluation[], facts: readonly TicketFact[], bucket: { groupBy: Exclude<ReportGroupBy, 'total'>; key: string; timeZone: string } | null): DrillDownRow[] {
  const factOf = new Map(facts.map((f) => [f.ticketId, f]));
  const byTicket = new Map<string, KpiQaEvaluation>();
  for (const e of evaluations) {
    if (bucket && kpiQaKey(e, bucket.groupBy, bucket.timeZone) !== bucket.key) continue;
    const seen = byTicket.get(e.ticketId);
    if (!seen || STREAM_ORDER.indexOf(e.stream) < STREAM_ORDER.indexOf(seen.stream)) byTicket.set(e.ticketId, e);
  }
  return [...byTicket.values()]
    .map((e) => {
      const fact = factOf.get(e.ticketId);
      return {
        ticketId: e.ticketId,
        anchor: new Date(e.resolvedAt).toISOString(),
        index: 0,
        outcome: e.stream,
        waitSeconds: fact ? queueWaitSeconds(fact) : null,
        firstResponseSeconds: fact ? (firstResponseTimes([fact])[0] ?? null) : null,
        resolvedAt: fact ? finalResolution(fact) : new Date(e.resolvedAt).toISOString(),
      };
    })
    .sort((a, b) => Date.parse(a.anchor) - Date.parse(b.anchor) || (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0));
}
