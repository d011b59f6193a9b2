import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence for SLA contract exclusions: client-caused outages a provider admin declares (the statement
 * leaves their contacts out of the terms that exclude outages, and lists them), and the client's volume
 * forecast per 30-minute interval (terms excluding volume above the forecast band read it). Everyone who
 * reads the client's reports reads both; only provider admins write them. Outages are deleted, not
 * edited (a wrong one is removed and declared again; both are audited).
 */
export class SlaEvidence1765820000300 implements MigrationInterface {
  name = 'SlaEvidence1765820000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE sla_outages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  declared_by uuid REFERENCES users (id) ON DELETE SET NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '7 days')
);
CREATE INDEX sla_outages_client_idx ON sla_outages (client_id, starts_at);

CREATE TABLE volume_forecasts (
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  interval_start timestamptz NOT NULL CHECK (extract(epoch FROM interval_start)::bigint % 1800 = 0),
  -- '' = every channel together (a primary key cannot hold null).
  channel text NOT NULL CHECK (channel IN ('', 'voice', 'email', 'chat', 'social')),
  offered integer NOT NULL CHECK (offered BETWEEN 0 AND 1000000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, interval_start, channel)
);

ALTER TABLE sla_outages ENABLE ROW LEVEL SECURITY;
CREATE POLICY sla_outages_read ON sla_outages FOR SELECT USING (app_sees_client(client_id) AND app_role() <> 'customer');
CREATE POLICY sla_outages_insert ON sla_outages FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY sla_outages_delete ON sla_outages FOR DELETE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
GRANT SELECT, INSERT, DELETE ON sla_outages TO switchboard_app;

ALTER TABLE volume_forecasts ENABLE ROW LEVEL SECURITY;
CREATE POLICY volume_forecasts_read ON volume_forecasts FOR SELECT USING (app_sees_client(client_id) AND app_role() <> 'customer');
CREATE POLICY volume_forecasts_insert ON volume_forecasts FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY volume_forecasts_update ON volume_forecasts FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
GRANT SELECT, INSERT, UPDATE ON volume_forecasts TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS volume_forecasts; DROP TABLE IF EXISTS sla_outages');
  }
}
