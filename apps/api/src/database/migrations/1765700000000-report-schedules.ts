import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled reports: a client's weekly or monthly email of its last complete period. Readers of the
 * client's reports read its schedules; its client admins and provider admins add and remove them; the
 * job (system) moves `next_run_at` on once a period is sent. Due rows are claimed with
 * `FOR UPDATE SKIP LOCKED`, so one node sends each period, once.
 */
export class ReportSchedules1765700000000 implements MigrationInterface {
  name = 'ReportSchedules1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE report_schedules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  cadence text NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
  recipients text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
  next_run_at timestamptz NOT NULL,
  last_period text,
  last_sent_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_schedules_client_idx ON report_schedules (client_id, created_at);
CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at);

ALTER TABLE report_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_schedules_read ON report_schedules FOR SELECT USING (app_sees_client(client_id) AND app_role() <> 'customer');
CREATE POLICY report_schedules_insert ON report_schedules FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('client_admin', 'admin', 'system'));
CREATE POLICY report_schedules_delete ON report_schedules FOR DELETE USING (app_sees_client(client_id) AND app_role() IN ('client_admin', 'admin', 'system'));
CREATE POLICY report_schedules_update ON report_schedules FOR UPDATE USING (app_role() = 'system');
GRANT SELECT, INSERT, UPDATE, DELETE ON report_schedules TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS report_schedules');
  }
}
