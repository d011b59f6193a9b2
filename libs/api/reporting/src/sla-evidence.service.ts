import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { ForbiddenException, NotFoundException, type Principal } from '@switchboard/api-platform';
import type { ForecastInterval, OutageView } from '@switchboard/shared-contracts';
import { parseForecastUpload, parseOutageInput } from '@switchboard/shared-domain';
import { assertReadable, readClient, windowOf } from './report.service';
import { isUuid, rangeOf } from './report-query.util';
import { ReportingException } from './reporting.exception';
import { OUTAGE_COLUMNS, outageView, readForecasts, readOutages, type OutageRow } from './sla-evidence.queries';

/** Forecasts are read a month or so at a time (up to 1,488 intervals × 5 rows). */
const MAX_FORECAST_DAYS = 31;

function assertProviderAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenException('Only a provider admin declares outages and loads forecasts.');
}

/**
 * The evidence contract exclusions read: client-caused outages and the volume forecast. Provider admins
 * write (audited); everyone who reads the client's reports reads. Dates in queries are the client's
 * local dates, as in every report.
 */
@Injectable()
export class SlaEvidenceService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
  ) {}

  async outages(principal: Principal, clientId: string, query: Record<string, unknown>): Promise<OutageView[]> {
    assertReadable(principal, clientId);
    const range = rangeOf(query);
    return await this.tenants.run(principal, async (m) => readOutages(m, clientId, windowOf(range, (await readClient(m, clientId)).timeZone)));
  }

  async declareOutage(principal: Principal, clientId: string, body: unknown): Promise<OutageView> {
    assertProviderAdmin(principal);
    assertReadable(principal, clientId);
    const parsed = parseOutageInput(body, Date.now());
    if (!parsed.ok) throw ReportingException.invalidEvidence('outage', parsed.fields);
    const outage = parsed.value;
    return await this.tenants.run(principal, async (m) => {
      await readClient(m, clientId);
      // One writer per client at a time, so two overlapping declarations cannot both pass the check.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('sla_outage:' || $1, 0))`, [clientId]);
      const [overlap] = await readOutages(m, clientId, { from: outage.startsAt, to: outage.endsAt });
      if (overlap) throw ReportingException.invalidEvidence('outage', [{ field: 'startsAt', message: `overlaps the outage declared from ${overlap.startsAt} to ${overlap.endsAt} (${overlap.reason})` }]);
      const [row] = await m.query<OutageRow[]>(`INSERT INTO sla_outages (client_id, starts_at, ends_at, reason, declared_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${OUTAGE_COLUMNS}`, [
        clientId,
        outage.startsAt,
        outage.endsAt,
        outage.reason,
        principal.userId,
      ]);
      const view = outageView(row);
      await this.audit.record(m, { action: 'sla_outage.declared', actorUserId: principal.userId, clientId, targetType: 'sla_outage', targetId: view.id, details: { ...outage } });
      return view;
    });
  }

  async removeOutage(principal: Principal, clientId: string, outageId: string): Promise<void> {
    assertProviderAdmin(principal);
    assertReadable(principal, clientId);
    if (!isUuid(outageId)) throw new NotFoundException('Outage');
    await this.tenants.run(principal, async (m) => {
      const [row] = await m.query<OutageRow[]>(`WITH gone AS (DELETE FROM sla_outages WHERE id = $1 AND client_id = $2 RETURNING ${OUTAGE_COLUMNS}) SELECT * FROM gone`, [outageId, clientId]);
      if (!row) throw new NotFoundException('Outage');
      const view = outageView(row);
      await this.audit.record(m, { action: 'sla_outage.removed', actorUserId: principal.userId, clientId, targetType: 'sla_outage', targetId: outageId, details: { startsAt: view.startsAt, endsAt: view.endsAt, reason: view.reason } });
    });
  }

  async forecasts(principal: Principal, clientId: string, query: Record<string, unknown>): Promise<ForecastInterval[]> {
    assertReadable(principal, clientId);
    const range = rangeOf(query, MAX_FORECAST_DAYS);
    return await this.tenants.run(principal, async (m) => readForecasts(m, clientId, windowOf(range, (await readClient(m, clientId)).timeZone)));
  }

  /** Replaces the forecast of each interval and channel given; the others stay. Returns how many were stored. */
  async putForecasts(principal: Principal, clientId: string, body: unknown): Promise<{ stored: number }> {
    assertProviderAdmin(principal);
    assertReadable(principal, clientId);
    const parsed = parseForecastUpload(body);
    if (!parsed.ok) throw ReportingException.invalidEvidence('forecast', parsed.fields);
    const { intervals } = parsed.value;
    return await this.tenants.run(principal, async (m) => {
      await readClient(m, clientId);
      await m.query(
        `INSERT INTO volume_forecasts (client_id, interval_start, channel, offered)
         SELECT $1, t.interval_start, t.channel, t.offered FROM unnest($2::timestamptz[], $3::text[], $4::int[]) AS t (interval_start, channel, offered)
         ON CONFLICT (client_id, interval_start, channel) DO UPDATE SET offered = EXCLUDED.offered, updated_at = now()`,
        [clientId, intervals.map((i) => i.intervalStart), intervals.map((i) => i.channel ?? ''), intervals.map((i) => i.offered)],
      );
      const starts = intervals.map((i) => i.intervalStart).sort();
      await this.audit.record(m, { action: 'volume_forecast.loaded', actorUserId: principal.userId, clientId, targetType: 'volume_forecast', targetId: clientId, details: { intervals: intervals.length, from: starts[0], to: starts[starts.length - 1] } });
      return { stored: intervals.length };
    });
  }
}
