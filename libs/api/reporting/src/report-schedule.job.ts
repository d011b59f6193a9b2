import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, ROOT_LOGGER, SYSTEM_SCOPE, type AppConfig, type Principal } from '@switchboard/api-platform';
import { writeLocalOutbox } from '@switchboard/api-tickets';
import { contractVersionFor, exportFileName, lastCompletePeriod, localDate, nextReportRun } from '@switchboard/shared-domain';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { readClient, ReportService } from './report.service';
import { kpisCsv, ReportExportService } from './report-export.service';
import { SCHEDULE_COLUMNS, type ScheduleRow } from './report-schedule.service';
import { readContract } from './sla-contract.queries';
import { SlaContractService } from './sla-contract.service';
import { renderKpiSummaryPdf, renderStatementPdf } from './statement-pdf.util';

/** How often every node looks for due schedules. */
const TICK_MS = 60_000;

/** The reports a schedule sends are read as a viewer of that client would read them (same masking, same scope). */
function readerOf(clientId: string): Principal {
  return { userId: '00000000-0000-0000-0000-000000000000', role: 'client_viewer', clientIds: [clientId], clientId, sessionId: 'report-schedule', email: 'reports@switchboard', displayName: 'Scheduled report', teamIds: [], leadTeamIds: [] };
}

/**
 * Sends scheduled reports: on every node, each tick claims one due schedule at a time with
 * `FOR UPDATE SKIP LOCKED` (a schedule another node holds is skipped, not waited for), builds the last
 * complete week or month of its client (KPI summary PDF, the statement PDF for a month with a contract,
 * tickets CSV, KPIs by day CSV), mails it (SMTP_URL, else the local outbox) and moves `next_run_at` to
 * the next period, audited, in the claiming transaction: with the local outbox a period is written
 * exactly once; with SMTP a crash between the server's acceptance and the commit would send it again.
 */
@Injectable()
export class ReportScheduleJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;
  private readonly smtp?: Transporter;
  private readonly localMail = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly reports: ReportService,
    private readonly exports: ReportExportService,
    private readonly contracts: SlaContractService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: ReportScheduleJob.name });
    if (config.outbound.smtpUrl) this.smtp = createTransport(config.outbound.smtpUrl);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => 0);
    this.smtp?.close();
  }

  /** Sends every schedule due now that this node can claim; resolves with how many it sent. A tick during a tick joins it. */
  tick(): Promise<number> {
    if (this.stopped) return Promise.resolve(0);
    this.running ??= (async () => {
      let sent = 0;
      try {
        while (!this.stopped && (await this.sendOne())) sent++;
      } catch (error) {
        this.log.error({ err: error }, 'scheduled reports tick failed');
      } finally {
        this.running = undefined;
      }
      return sent;
    })();
    return this.running;
  }

  /** Claims one due schedule and sends it; false when none is due (or every due one is another node's). */
  private async sendOne(): Promise<boolean> {
    return await this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const [row] = await m.query<ScheduleRow[]>(`SELECT ${SCHEDULE_COLUMNS} FROM report_schedules WHERE next_run_at <= now() ORDER BY next_run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`);
      if (!row) return false;
      const client = await readClient(m, row.client_id);
      const now = new Date();
      const range = lastCompletePeriod(row.cadence, localDate(now, client.timeZone));
      const period = `${range.from}..${range.to}`;
      const next = nextReportRun(row.cadence, now, client.timeZone);
      if (row.last_period === period) {
        // Already sent (the due time was moved back by hand): only move on.
        await m.query('UPDATE report_schedules SET next_run_at = $2 WHERE id = $1', [row.id, next]);
        return true;
      }
      const mail = await this.compose(row, client.name, range);
      const providerId = await this.deliver(m, row.client_id, mail);
      await m.query('UPDATE report_schedules SET next_run_at = $2, last_period = $3, last_sent_at = now() WHERE id = $1', [row.id, next, period]);
      await this.audit.record(m, {
        action: 'report.schedule_sent',
        actorUserId: null,
        clientId: row.client_id,
        targetType: 'report_schedule',
        targetId: row.id,
        details: { cadence: row.cadence, from: range.from, to: range.to, recipients: row.recipients.join(', '), attachments: (mail.attachments ?? []).map((a) => a.filename).join(', '), providerId },
      });
      this.log.info({ clientId: row.client_id, scheduleId: row.id, period }, 'scheduled report sent');
      return true;
    });
  }

  private async compose(row: ScheduleRow, clientName: string, range: { from: string; to: string }): Promise<SendMailOptions> {
    const reader = readerOf(row.client_id);
    const byDay = await this.reports.kpis(reader, row.client_id, { from: range.from, to: range.to, groupBy: 'day' });
    const tickets = await this.exports.ticketsCsv(reader, row.client_id, range, {});
    let ticketsText = '';
    for await (const chunk of tickets.pages) ticketsText += chunk;
    const generatedAt = new Date();
    const attachments: NonNullable<SendMailOptions['attachments']> = [
      { filename: exportFileName(clientName, 'kpis', range, 'pdf'), contentType: 'application/pdf', content: await renderKpiSummaryPdf({ report: byDay, generatedAt }) },
      { filename: exportFileName(clientName, 'kpis-by-day', range, 'csv'), contentType: 'text/csv; charset=utf-8', content: kpisCsv(byDay) },
      { filename: exportFileName(clientName, 'tickets', range, 'csv'), contentType: 'text/csv; charset=utf-8', content: ticketsText },
    ];
    const month = range.from.slice(0, 7);
    if (row.cadence === 'monthly') {
      const contract = await this.tenants.run(reader, (m) => readContract(m, row.client_id));
      const version = contract ? contractVersionFor(contract, month) : null;
      if (version) {
        const statement = await this.contracts.statement(reader, row.client_id, month);
        attachments.push({ filename: exportFileName(clientName, 'statement', { from: month }, 'pdf'), contentType: 'application/pdf', content: await renderStatementPdf({ clientName, statement, currency: version.billing.currency, generatedAt }) });
      }
    }
    const what = row.cadence === 'weekly' ? 'Weekly' : 'Monthly';
    const t = byDay.total;
    const sl = t.serviceLevel.value === null ? 'no contacts to measure' : `${t.serviceLevel.value.toFixed(1)} % (${t.serviceLevel.numerator} of ${t.serviceLevel.denominator} within ${byDay.serviceLevelRule.thresholdSeconds} s)`;
    return {
      from: `Switchboard reports <reports@${new URL(this.config.publicUrl).hostname}>`,
      to: row.recipients,
      subject: `${clientName}: ${what.toLowerCase()} report ${range.from} to ${range.to}`,
      text: [
        `${what} report for ${clientName}, ${range.from} to ${range.to} (${byDay.timeZone}).`,
        '',
        `Offered: ${t.offered}. Handled: ${t.handled}. Service level: ${sl}.`,
        '',
        'Attached: the KPI summary (PDF), the KPIs by day and the tickets (CSV)' + (attachments.length > 3 ? ', and the monthly statement (PDF).' : '.'),
        'Personal data in the files is masked as in the portal; card numbers never appear.',
        `This schedule is managed by the client's admins in the portal: ${this.config.publicUrl}/portal/`,
      ].join('\n'),
      attachments,
    };
  }

  private async deliver(m: Parameters<typeof writeLocalOutbox>[0], clientId: string, mail: SendMailOptions): Promise<string> {
    if (this.smtp) {
      const info = (await this.smtp.sendMail(mail)) as { messageId?: string };
      return String(info.messageId ?? '');
    }
    const info = (await this.localMail.sendMail(mail)) as { message: Buffer };
    const id = await writeLocalOutbox(m, { clientId, kind: 'email', recipient: (mail.to as string[]).join(', '), subject: String(mail.subject), payload: info.message.toString('utf8') });
    return `local:${id}`;
  }
}
