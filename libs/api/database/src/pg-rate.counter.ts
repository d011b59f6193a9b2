import type { RateCounts, SharedRateCounter } from '@switchboard/api-platform';
import type { DataSource } from 'typeorm';

/**
 * The shared counter in PostgreSQL (always there, unlike Redis): one upsert per event counts it in
 * this minute's row and reads the previous minute's in the same statement; rows older than two
 * minutes are swept now and then. The window starts are the database's clock, so nodes with skewed
 * clocks still agree.
 */
export class PgRateCounter implements SharedRateCounter {
  private lastSweep = 0;

  constructor(private readonly db: DataSource) {}

  async hit(limiter: string, address: string): Promise<RateCounts> {
    const [row] = await this.db.query<{ current: number; previous: number; elapsed_ms: number }[]>(
      `WITH bump AS (
         INSERT INTO http_rate_windows (limiter, address, window_start, hits) VALUES ($1, $2, date_trunc('minute', now()), 1)
         ON CONFLICT (limiter, address, window_start) DO UPDATE SET hits = http_rate_windows.hits + 1
         RETURNING hits, window_start
       )
       SELECT bump.hits AS current,
              coalesce((SELECT p.hits FROM http_rate_windows p WHERE p.limiter = $1 AND p.address = $2 AND p.window_start = bump.window_start - interval '1 minute'), 0) AS previous,
              (extract(epoch FROM now() - bump.window_start) * 1000)::float8 AS elapsed_ms
         FROM bump`,
      [limiter, address],
    );
    if (Date.now() - this.lastSweep > 60_000) {
      this.lastSweep = Date.now();
      void this.db.query(`DELETE FROM http_rate_windows WHERE window_start < now() - interval '2 minutes'`).catch(() => undefined);
    }
    return { current: Number(row.current), previous: Number(row.previous), elapsedMs: Number(row.elapsed_ms) };
  }
}
