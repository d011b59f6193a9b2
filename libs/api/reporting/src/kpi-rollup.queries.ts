import type { RollupCell, RollupMeasures } from '@switchboard/shared-domain';
import { emptyMeasures, ROLLUP_COUNTERS, ROLLUP_HISTOGRAMS } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';

/** RollupMeasures field → kpi_rollups column. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const COUNTER_COLUMNS = ROLLUP_COUNTERS.map((c) => [c, snake(c)] as const);
export const HISTOGRAM_COLUMNS = ROLLUP_HISTOGRAMS.map((h) => [h, snake(h)] as const);

/** Adds the cells (one client) to kpi_rollups, in key order (so concurrent passes lock rows in the same order). */
export async function applyRollupDelta(m: EntityManager, clientId: string, cells: RollupCell[]): Promise<void> {
  if (cells.length === 0) return;
  const rows = cells.map((c) => ({
    local_date: c.key.date,
    interval_index: c.key.index,
    channel: c.key.channel,
    queue_key: c.key.queue,
    language_key: c.key.language,
    ...Object.fromEntries(COUNTER_COLUMNS.map(([f, col]) => [col, c.measures[f]])),
    ...Object.fromEntries(HISTOGRAM_COLUMNS.map(([f, col]) => [col, c.measures[f]])),
  }));
  const counters = COUNTER_COLUMNS.map(([, col]) => col);
  const histograms = HISTOGRAM_COLUMNS.map(([, col]) => col);
  const columns = ['local_date', 'interval_index', 'channel', 'queue_key', 'language_key', ...counters, ...histograms];
  const types = ['date', 'smallint', 'text', 'text', 'text', ...counters.map(() => 'bigint'), ...histograms.map(() => 'jsonb')];
  await m.query(
    `INSERT INTO kpi_rollups (client_id, ${columns.join(', ')})
     SELECT $1, ${columns.map((c) => `r.${c}`).join(', ')}
       FROM ROWS FROM (jsonb_to_recordset($2) AS (${columns.map((c, i) => `${c} ${types[i]}`).join(', ')})) WITH ORDINALITY AS r(${columns.join(', ')}, n)
      ORDER BY r.n
     ON CONFLICT (client_id, local_date, interval_index, channel, queue_key, language_key) DO UPDATE SET
       ${[...counters.map((c) => `${c} = kpi_rollups.${c} + EXCLUDED.${c}`), ...histograms.map((h) => `${h} = jsonb_add_counts(kpi_rollups.${h}, EXCLUDED.${h})`)].join(',\n       ')}`,
    [clientId, JSON.stringify(rows)],
  );
}

export interface RollupFilter {
  channel?: string;
  queueId?: string;
  language?: string;
}

/** Rollup rows of whole local days [fromDate, toDate] at a grain (day rows, or interval rows), filtered by dimension. */
export async function readRollups(m: EntityManager, clientId: string, fromDate: string, toDate: string, grain: 'day' | 'interval', filter: RollupFilter): Promise<{ date: string; index: number; channel: string; queue: string; language: string; measures: RollupMeasures }[]> {
  const params: unknown[] = [clientId, fromDate, toDate];
  const where = [`client_id = $1`, `local_date BETWEEN $2 AND $3`, grain === 'day' ? 'interval_index = -1' : 'interval_index >= 0'];
  if (filter.channel) where.push(`channel = $${params.push(filter.channel)}`);
  if (filter.queueId) where.push(`queue_key = $${params.push(filter.queueId)}`);
  if (filter.language) where.push(`language_key = $${params.push(filter.language)}`);
  const rows = await m.query<Record<string, unknown>[]>(
    `SELECT to_char(local_date, 'YYYY-MM-DD') AS date, interval_index, channel, queue_key, language_key, ${[...COUNTER_COLUMNS, ...HISTOGRAM_COLUMNS].map(([, c]) => c).join(', ')}
       FROM kpi_rollups WHERE ${where.join(' AND ')}`,
    params,
  );
  return rows.map((r) => {
    const measures = emptyMeasures();
    for (const [f, col] of COUNTER_COLUMNS) measures[f] = Number(r[col]);
    for (const [f, col] of HISTOGRAM_COLUMNS) measures[f] = r[col] as Record<string, number>;
    return { date: r['date'] as string, index: Number(r['interval_index']), channel: r['channel'] as string, queue: r['queue_key'] as string, language: r['language_key'] as string, measures };
  });
}

/** The month's totals straight from the rollups in SQL (counters only): what the bench compares against the raw scan. */
export async function rollupCounters(m: EntityManager, clientId: string, fromDate: string, toDate: string): Promise<Record<string, number>> {
  const [row] = await m.query<Record<string, string>[]>(
    `SELECT ${COUNTER_COLUMNS.map(([, c]) => `coalesce(sum(${c}), 0)::bigint AS ${c}`).join(', ')} FROM kpi_rollups WHERE client_id = $1 AND local_date BETWEEN $2 AND $3 AND interval_index = -1`,
    [clientId, fromDate, toDate],
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}
