import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in and webhook rate limits shared by every node: one row per limiter, source address and
 * minute, counted with an upsert (see `PgRateCounter`). Without it each node kept its own count, so
 * N nodes behind a load balancer let N times the limit through. UNLOGGED: the counts are worth
 * nothing after a crash and are not worth a WAL write per request. No client data, so no RLS.
 */
export class SharedRateLimits1765600000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE UNLOGGED TABLE http_rate_windows (
  limiter text NOT NULL,
  address text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL CHECK (hits > 0),
  PRIMARY KEY (limiter, address, window_start)
);
CREATE INDEX http_rate_windows_age_idx ON http_rate_windows (window_start);
GRANT SELECT, INSERT, UPDATE, DELETE ON http_rate_windows TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS http_rate_windows');
  }
}
