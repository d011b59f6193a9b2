import type { Channel, ForecastInterval, OutageView } from '@switchboard/shared-contracts';
import type { ExclusionEvidence } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

export interface OutageRow {
  id: string;
  client_id: string;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  declared_by: string | null;
  declared_at: Date;
}

export const OUTAGE_COLUMNS = 'id, client_id, starts_at, ends_at, reason, declared_by, declared_at';

export function outageView(row: OutageRow): OutageView {
  return { id: row.id, clientId: row.client_id, startsAt: row.starts_at.toISOString(), endsAt: row.ends_at.toISOString(), reason: row.reason, declaredBy: row.declared_by, declaredAt: row.declared_at.toISOString() };
}

/** Declared outages overlapping [from, to), earliest first. */
export async function readOutages(m: EntityManager, clientId: string, window: { from: string; to: string }): Promise<OutageView[]> {
  const rows = await m.query<OutageRow[]>(`SELECT ${OUTAGE_COLUMNS} FROM sla_outages WHERE client_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at, id`, [clientId, window.from, window.to]);
  return rows.map(outageView);
}

/** Forecast intervals starting in [from, to), by interval then channel (all channels first). */
export async function readForecasts(m: EntityManager, clientId: string, window: { from: string; to: string }): Promise<ForecastInterval[]> {
  const rows = await m.query<{ interval_start: Date; channel: string; offered: number }[]>(
    'SELECT interval_start, channel, offered FROM volume_forecasts WHERE client_id = $1 AND interval_start >= $2 AND interval_start < $3 ORDER BY interval_start, channel',
    [clientId, window.from, window.to],
  );
  return rows.map((r) => ({ intervalStart: r.interval_start.toISOString(), channel: r.channel === '' ? null : (r.channel as Channel), offered: r.offered }));
}

/** What a window's contract exclusions read: its outages and forecasts. */
export async function readExclusionEvidence(m: EntityManager, clientId: string, window: { from: string; to: string }): Promise<ExclusionEvidence & { outages: OutageView[] }> {
  return { outages: await readOutages(m, clientId, window), forecasts: await readForecasts(m, clientId, window) };
}
