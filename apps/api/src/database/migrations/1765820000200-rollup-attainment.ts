import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA attainment in the KPI rollups: per cell, the targets falling due in it (first response, next
 * response, resolution) and those met (libs/shared/domain kpi-rollup.util). The rollups are rebuilt
 * from the facts: emptied, every fact flagged as not in them (`in_rollups`, so the projector adds its
 * whole contribution instead of a delta against a fact the new columns never counted) and marked for
 * projection. Until the projector has caught up (each report read catches its client up first),
 * rollup-backed reports read low; the exact path is unaffected.
 */
/** Empties the rollups and has the projector add every fact again (whole contributions, not deltas). */
export const REBUILD_ROLLUPS = [
  'TRUNCATE kpi_rollups',
  'UPDATE ticket_facts SET in_rollups = false',
  `INSERT INTO ticket_fact_pending (ticket_id, client_id) SELECT ticket_id, client_id FROM ticket_facts
     ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_pending.marks + 1`,
] as const;

export class RollupAttainment1765820000200 implements MigrationInterface {
  name = 'RollupAttainment1765820000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE kpi_rollups
  ADD COLUMN frt_due bigint NOT NULL DEFAULT 0,
  ADD COLUMN frt_met bigint NOT NULL DEFAULT 0,
  ADD COLUMN nrt_due bigint NOT NULL DEFAULT 0,
  ADD COLUMN nrt_met bigint NOT NULL DEFAULT 0,
  ADD COLUMN resolution_due bigint NOT NULL DEFAULT 0,
  ADD COLUMN resolution_met bigint NOT NULL DEFAULT 0;
ALTER TABLE ticket_facts ADD COLUMN in_rollups boolean NOT NULL DEFAULT true;
-- A rollup report reaching past now reads the facts with a due time still ahead (their last anchor).
CREATE INDEX ticket_facts_last_anchor_idx ON ticket_facts (client_id, last_anchor_at);
`);
    for (const statement of REBUILD_ROLLUPS) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP INDEX IF EXISTS ticket_facts_last_anchor_idx;
ALTER TABLE ticket_facts DROP COLUMN IF EXISTS in_rollups;
ALTER TABLE kpi_rollups DROP COLUMN IF EXISTS frt_due, DROP COLUMN IF EXISTS frt_met, DROP COLUMN IF EXISTS nrt_due, DROP COLUMN IF EXISTS nrt_met,
  DROP COLUMN IF EXISTS resolution_due, DROP COLUMN IF EXISTS resolution_met;
`);
  }
}
