import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import type { Principal } from '@switchboard/api-platform';
import type { KpiReportResponse, TicketFact } from '@switchboard/shared-contracts';
import {
  businessSeconds,
  contractVersionFor,
  csvLine,
  exportFileName,
  KPI_EXPORT_COLUMNS,
  kpiExportRow,
  reportSettingsFor,
  TICKET_EXPORT_COLUMNS,
  ticketExportRow,
  type TicketExportOptions,
} from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { assertReadable, readClient, ReportService, windowOf } from './report.service';
import { filtersOf, monthOf, onlyKnown, rangeOf, type ParsedRange, type ReportFilters } from './report-query.util';
import { ReportingException } from './reporting.exception';
import { readContract } from './sla-contract.queries';
import { SlaContractService } from './sla-contract.service';
import { renderStatementPdf } from './statement-pdf.util';
import { TicketFactProjector } from './ticket-fact.projector';

/** Where an export is written: `begin` once the request was checked (headers), then chunks, then `end`. */
export interface ExportSink {
  begin(file: { name: string; contentType: string }): void;
  /** Resolves when the chunk may be followed by the next (back-pressure); rejects when the reader went away. */
  write(chunk: string | Buffer): Promise<void>;
  end(): void;
}

export interface ExportCaller {
  requestId: string | null;
  address: string | null;
}

/** Rows per keyset page of the tickets export: each page is one short query, no connection is held between them. */
export const TICKET_EXPORT_BATCH = 500;
const TICKET_PARAMS = ['from', 'to', 'channel', 'queueId', 'language'];
const KPI_PARAMS = ['from', 'to', 'groupBy', 'channel', 'queueId', 'language'];

interface TicketExportRow {
  ticket_id: string;
  created_key: string;
  fact: TicketFact;
  number: string;
  subject: string | null;
  queue_name: string | null;
}

/**
 * Exports of a client's reports: the tickets of a range as CSV (one row per ticket created in it,
 * read in keyset pages and written as they come, never all in memory), the KPI report by day or by
 * 30-minute interval as CSV, and the monthly statement as PDF. Same readers and checks as the reports
 * (another client → 404, bad range → REPORT_*); each export is audited (`report.*`) before a byte is
 * sent, so the client's access log shows who took what.
 */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly projector: TicketFactProjector,
    private readonly reports: ReportService,
    private readonly contracts: SlaContractService,
  ) {}

  async tickets(principal: Principal, clientId: string, query: Record<string, unknown>, caller: ExportCaller, sink: ExportSink): Promise<void> {
    onlyKnown(query, TICKET_PARAMS);
    const range = rangeOf(query);
    const filters = filtersOf(query);
    assertReadable(principal, clientId);
    const chunks = await this.ticketsCsv(principal, clientId, range, filters, (m) => this.record(m, principal, clientId, caller, 'report.tickets_exported', { from: range.from, to: range.to, ...filters }));
    sink.begin({ name: exportFileName(chunks.clientName, 'tickets', range, 'csv'), contentType: 'text/csv; charset=utf-8' });
    for await (const chunk of chunks.pages) await sink.write(chunk);
    sink.end();
  }

  /**
   * The tickets CSV of a checked range: the client's name, and its text as an async sequence (the
   * header, then one chunk per keyset page, each read only when the previous one was taken). `before`
   * runs in the transaction that reads the client (the audit entry).
   */
  async ticketsCsv(principal: Principal, clientId: string, range: ParsedRange, filters: ReportFilters, before?: (m: EntityManager) => Promise<void>): Promise<{ clientName: string; pages: AsyncGenerator<string> }> {
    await this.projector.catchUp(clientId);
    const { client, options, window } = await this.tenants.run(principal, async (m) => {
      const found = await readClient(m, clientId);
      const settings = reportSettingsFor(await readContract(m, clientId), range.from.slice(0, 7));
      const rowOptions: TicketExportOptions = {
        serviceLevel: settings.serviceLevel,
        piiPolicy: found.piiPolicy,
        asOf: new Date().toISOString(),
        ...(settings.businessHoursOnly ? { elapsed: businessSeconds(found.calendar, found.timeZone) } : {}),
      };
      await before?.(m);
      return { client: found, options: rowOptions, window: windowOf(range, found.timeZone) };
    });
    const tenants = this.tenants;
    async function* pages(): AsyncGenerator<string> {
      yield `\uFEFF${csvLine(TICKET_EXPORT_COLUMNS)}`;
      let after: { key: string; ticketId: string } | null = null;
      for (;;) {
        const page = await tenants.run(principal, (m) => ticketPage(m, clientId, window, filters, after));
        if (page.length === 0) return;
        yield page.map((row) => csvLine(ticketExportRow(row.fact, { number: row.number, subject: row.subject, queueName: row.queue_name }, options))).join('');
        const last = page[page.length - 1];
        after = { key: last.created_key, ticketId: last.ticket_id };
        if (page.length < TICKET_EXPORT_BATCH) return;
      }
    }
    return { clientName: client.name, pages: pages() };
  }

  /** The KPI report by day (`groupBy=day`, the default) or 30-minute interval, the numbers the portal's tiles show, and a total line. */
  async kpis(principal: Principal, clientId: string, query: Record<string, unknown>, caller: ExportCaller, sink: ExportSink): Promise<void> {
    onlyKnown(query, KPI_PARAMS);
    const groupBy = query['groupBy'] ?? 'day';
    if (groupBy !== 'day' && groupBy !== 'interval') throw ReportingException.groupBy(groupBy);
    const report: KpiReportResponse = await this.reports.kpis(principal, clientId, { ...query, groupBy });
    const range: ParsedRange = { from: report.from, to: report.to };
    await this.tenants.run(principal, (m) => this.record(m, principal, clientId, caller, 'report.kpis_exported', { from: range.from, to: range.to, groupBy, ...filtersOf(query) }));
    sink.begin({ name: exportFileName(report.clientName, groupBy === 'day' ? 'kpis-by-day' : 'kpis-by-interval', range, 'csv'), contentType: 'text/csv; charset=utf-8' });
    await sink.write(kpisCsv(report));
    sink.end();
  }

  /** The monthly statement as a PDF (`YYYY-MM.pdf`; the figures of `GET …/statements/:month`). */
  async statementPdf(principal: Principal, clientId: string, file: string, caller: ExportCaller, sink: ExportSink): Promise<void> {
    if (!file.endsWith('.pdf')) throw ReportingException.month(file);
    const month = monthOf(file.slice(0, -'.pdf'.length));
    const statement = await this.contracts.statement(principal, clientId, month);
    const { name, currency } = await this.tenants.run(principal, async (m) => {
      const client = await readClient(m, clientId);
      const contract = await readContract(m, clientId);
      const version = contract ? contractVersionFor(contract, month) : null;
      await this.record(m, principal, clientId, caller, 'report.statement_exported', { month, contractVersion: statement.contractVersion });
      return { name: client.name, currency: version?.billing.currency ?? 'USD' };
    });
    const pdf = await renderStatementPdf({ clientName: name, statement, currency, generatedAt: new Date() });
    sink.begin({ name: exportFileName(name, 'statement', { from: month }, 'pdf'), contentType: 'application/pdf' });
    await sink.write(pdf);
    sink.end();
  }

  private async record(m: EntityManager, principal: Principal, clientId: string, caller: ExportCaller, action: string, details: Record<string, unknown>): Promise<void> {
    await this.audit.record(m, { action, actorUserId: principal.userId, clientId, targetType: 'report', targetId: clientId, details, requestId: caller.requestId, address: caller.address });
  }
}

/** A KPI report grouped by day or interval as CSV: one line per group, then the total. */
export function kpisCsv(report: KpiReportResponse): string {
  const lines = [`\uFEFF${csvLine(KPI_EXPORT_COLUMNS)}`];
  for (const group of report.groups) {
    lines.push(report.groupBy === 'interval' ? csvLine(kpiExportRow(group.key.split('#')[0], group.label, group.report)) : csvLine(kpiExportRow(group.key, null, group.report)));
  }
  lines.push(csvLine(kpiExportRow(report.from === report.to ? `Total ${report.from}` : `Total ${report.from} to ${report.to}`, null, report.total)));
  return lines.join('');
}

/** One keyset page of the tickets created in the window, in (created, id) order; the key is PostgreSQL's own text of the instant (microseconds kept). */
async function ticketPage(m: EntityManager, clientId: string, window: { from: string; to: string }, filters: ReportFilters, after: { key: string; ticketId: string } | null): Promise<TicketExportRow[]> {
  const params: unknown[] = [clientId, window.from, window.to];
  const conditions: string[] = [];
  if (filters.channel) conditions.push(`f.channel = $${params.push(filters.channel)}`);
  if (filters.queueId) conditions.push(`f.queue_id = $${params.push(filters.queueId)}`);
  if (filters.language) conditions.push(`f.language = $${params.push(filters.language)}`);
  if (after) conditions.push(`(f.created_at, f.ticket_id) > ($${params.push(after.key)}::timestamptz, $${params.push(after.ticketId)}::uuid)`);
  return await m.query<TicketExportRow[]>(
    `SELECT f.ticket_id, f.created_at::text AS created_key, f.fact, t.number::text AS number, t.subject, q.name AS queue_name
       FROM ticket_facts f
       JOIN tickets t ON t.id = f.ticket_id AND t.client_id = f.client_id
       LEFT JOIN queues q ON q.id = f.queue_id
      WHERE f.client_id = $1 AND f.created_at >= $2 AND f.created_at < $3 ${conditions.map((c) => `AND ${c}`).join(' ')}
      ORDER BY f.created_at, f.ticket_id
      LIMIT ${TICKET_EXPORT_BATCH}`,
    params,
  );
}
