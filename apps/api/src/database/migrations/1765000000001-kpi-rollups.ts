import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI rollups, maintained by the fact projector in the same transaction as the facts they come from
 * (a fact's new contributions minus its old ones, libs/shared/domain kpi-rollup.util): one row per
 * client × local date × 30-minute interval (index -1 = the whole day) × channel × queue × language.
 * Counters are numbers, histograms jsonb maps {bucket: count} added with `jsonb_add_counts`.
 * `ticket_facts.fcr_repeat`: whether the ticket saw a repeat contact (FCR), as the projector last saw it.
 * The client's staff and its users read rollups; only the system writes them.
 */
export class KpiRollups1765000000001 implements MigrationInterface {
  name = 'KpiRollups1765000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE ticket_facts ADD COLUMN fcr_repeat boolean NOT NULL DEFAULT false;
CREATE INDEX ticket_facts_resolved_idx ON ticket_facts (client_id, first_resolved_at) WHERE first_resolved_at IS NOT NULL;

CREATE TABLE ticket_fact_recheck (
  ticket_id uuid PRIMARY KEY,
  client_id uuid NOT NULL,
  marks bigint NOT NULL DEFAULT 1,
  marked_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ticket_fact_recheck_client_idx ON ticket_fact_recheck (client_id);
ALTER TABLE ticket_fact_recheck ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_fact_recheck_system ON ticket_fact_recheck USING (app_role() = 'system') WITH CHECK (app_role() = 'system');
GRANT SELECT, INSERT, UPDATE, DELETE ON ticket_fact_recheck TO switchboard_app;

CREATE FUNCTION jsonb_add_counts(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_object_agg(key, total) FILTER (WHERE total <> 0), '{}'::jsonb)
    FROM (SELECT key, sum(value::numeric) AS total FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) x GROUP BY key) y
$$;

CREATE TABLE kpi_rollups (
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  local_date date NOT NULL,
  interval_index smallint NOT NULL CHECK (interval_index BETWEEN -1 AND 49),
  channel text NOT NULL,
  queue_key text NOT NULL,
  language_key text NOT NULL,
  offered bigint NOT NULL DEFAULT 0,
  answered bigint NOT NULL DEFAULT 0,
  abandoned bigint NOT NULL DEFAULT 0,
  answered_wait_ms bigint NOT NULL DEFAULT 0,
  talk_ms bigint NOT NULL DEFAULT 0,
  hold_ms bigint NOT NULL DEFAULT 0,
  acw_ms bigint NOT NULL DEFAULT 0,
  frt_ms bigint NOT NULL DEFAULT 0,
  nrt_ms bigint NOT NULL DEFAULT 0,
  first_resolution_ms bigint NOT NULL DEFAULT 0,
  final_resolution_ms bigint NOT NULL DEFAULT 0,
  csat_sent bigint NOT NULL DEFAULT 0,
  csat_responses bigint NOT NULL DEFAULT 0,
  csat_satisfied bigint NOT NULL DEFAULT 0,
  nps_promoters bigint NOT NULL DEFAULT 0,
  nps_passives bigint NOT NULL DEFAULT 0,
  nps_detractors bigint NOT NULL DEFAULT 0,
  fcr_resolved bigint NOT NULL DEFAULT 0,
  fcr_repeat bigint NOT NULL DEFAULT 0,
  answered_wait jsonb NOT NULL DEFAULT '{}',
  abandoned_wait jsonb NOT NULL DEFAULT '{}',
  frt jsonb NOT NULL DEFAULT '{}',
  nrt jsonb NOT NULL DEFAULT '{}',
  first_resolution jsonb NOT NULL DEFAULT '{}',
  final_resolution jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (client_id, local_date, interval_index, channel, queue_key, language_key)
) WITH (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);
-- Every projector pass updates the same few thousand rows: room on the page for HOT updates, and
-- vacuum after every 2,000 dead rows rather than after 20 % of the table.

ALTER TABLE kpi_rollups ENABLE ROW LEVEL SECURITY;
CREATE POLICY kpi_rollups_read ON kpi_rollups FOR SELECT USING (app_sees_client(client_id) AND app_role() <> 'customer');
CREATE POLICY kpi_rollups_insert ON kpi_rollups FOR INSERT WITH CHECK (app_role() = 'system');
CREATE POLICY kpi_rollups_update ON kpi_rollups FOR UPDATE USING (app_role() = 'system');
GRANT SELECT, INSERT, UPDATE ON kpi_rollups TO switchboard_app;

-- Rollups are built from the facts: re-project every ticket once.
INSERT INTO ticket_fact_pending (ticket_id, client_id) SELECT ticket_id, client_id FROM ticket_facts
  ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_pending.marks + 1;
DELETE FROM ticket_facts;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TABLE IF EXISTS kpi_rollups, ticket_fact_recheck;
DROP FUNCTION IF EXISTS jsonb_add_counts(jsonb, jsonb);
DROP INDEX IF EXISTS ticket_facts_resolved_idx;
ALTER TABLE ticket_facts DROP COLUMN IF EXISTS fcr_repeat;
`);
  }
}
