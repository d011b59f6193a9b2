import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AutoQA (issue 6): deterministic checks of every resolved ticket, stored apart from human scores.
 * - `clients.autoqa_settings`: the client's phrases and limits (null = the defaults of
 *   DEFAULT_AUTOQA_SETTINGS in libs/shared/domain).
 * - `autoqa_results`: one row per ticket for its latest resolution (a reopened ticket resolved again is
 *   checked again): the automatic score, the flags and each check's evidence. Written by the system
 *   only; read by staff of the client (never by client users: the evidence quotes the conversation).
 */
export class QaAutoQa1765100000001 implements MigrationInterface {
  name = 'QaAutoQa1765100000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE clients ADD COLUMN autoqa_settings jsonb CHECK (autoqa_settings IS NULL OR jsonb_typeof(autoqa_settings) = 'object');

CREATE TABLE autoqa_results (
  ticket_id uuid PRIMARY KEY,
  client_id uuid NOT NULL,
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  channel text NOT NULL CHECK (channel IN ('voice', 'email', 'chat', 'social')),
  score numeric(4, 1) CHECK (score BETWEEN 0 AND 100),
  flags text[] NOT NULL DEFAULT '{}',
  checks jsonb NOT NULL CHECK (jsonb_typeof(checks) = 'array'),
  resolved_at timestamptz NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
CREATE INDEX autoqa_results_client_idx ON autoqa_results (client_id, checked_at DESC);
CREATE INDEX autoqa_results_flags_idx ON autoqa_results USING gin (flags);
-- The sweep looks for resolved tickets without a result for their resolution.
CREATE INDEX tickets_resolved_idx ON tickets (resolved_at) WHERE resolved_at IS NOT NULL;

ALTER TABLE autoqa_results ENABLE ROW LEVEL SECURITY;
CREATE POLICY autoqa_results_read ON autoqa_results FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY autoqa_results_insert ON autoqa_results FOR INSERT WITH CHECK (app_role() = 'system');
CREATE POLICY autoqa_results_update ON autoqa_results FOR UPDATE USING (app_role() = 'system');
GRANT SELECT, INSERT, UPDATE ON autoqa_results TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP INDEX IF EXISTS tickets_resolved_idx;
DROP TABLE IF EXISTS autoqa_results;
ALTER TABLE clients DROP COLUMN IF EXISTS autoqa_settings;
`);
  }
}
