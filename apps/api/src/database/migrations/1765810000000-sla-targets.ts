import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queue's resolution and next-response targets (seconds; null = none), beside its answer target
 * `sla_seconds`. Intake stamps the due times on the ticket's `queued` event, where the reporting
 * projection reads them for SLA attainment.
 */
export class SlaTargets1765810000000 implements MigrationInterface {
  name = 'SlaTargets1765810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE queues
  ADD COLUMN resolution_seconds integer CHECK (resolution_seconds > 0),
  ADD COLUMN next_response_seconds integer CHECK (next_response_seconds > 0);
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE queues DROP COLUMN IF EXISTS resolution_seconds, DROP COLUMN IF EXISTS next_response_seconds');
  }
}
