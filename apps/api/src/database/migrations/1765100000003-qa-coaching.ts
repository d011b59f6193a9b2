import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QA coaching (issue 6): a lead's coaching note for an agent of a client, linked to evaluations of
 * that agent (same client, enforced by the composite keys), which the agent acknowledges. Staff of the
 * client only (never client users); "an agent reads and acknowledges only their own" needs the caller's
 * user id, so the API enforces it on every query.
 */
export class QaCoaching1765100000003 implements MigrationInterface {
  name = 'QaCoaching1765100000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE coaching_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged')),
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  UNIQUE (id, client_id),
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
);
CREATE INDEX coaching_notes_agent_idx ON coaching_notes (agent_id, created_at DESC);
CREATE INDEX coaching_notes_client_idx ON coaching_notes (client_id, created_at DESC);

CREATE TABLE coaching_note_evaluations (
  note_id uuid NOT NULL,
  evaluation_id uuid NOT NULL,
  client_id uuid NOT NULL,
  PRIMARY KEY (note_id, evaluation_id),
  FOREIGN KEY (note_id, client_id) REFERENCES coaching_notes (id, client_id) ON DELETE CASCADE,
  FOREIGN KEY (evaluation_id, client_id) REFERENCES evaluations (id, client_id) ON DELETE CASCADE
);

ALTER TABLE coaching_notes ENABLE ROW LEVEL SECURITY;
CREATE POLICY coaching_notes_read ON coaching_notes FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY coaching_notes_insert ON coaching_notes FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
-- The agent acknowledges their own: the API checks whose.
CREATE POLICY coaching_notes_update ON coaching_notes FOR UPDATE USING (app_sees_client(client_id) AND app_is_staff());
ALTER TABLE coaching_note_evaluations ENABLE ROW LEVEL SECURITY;
CREATE POLICY coaching_note_evaluations_read ON coaching_note_evaluations FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY coaching_note_evaluations_insert ON coaching_note_evaluations FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));

GRANT SELECT, INSERT, UPDATE ON coaching_notes TO switchboard_app;
GRANT SELECT, INSERT ON coaching_note_evaluations TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS coaching_note_evaluations, coaching_notes;`);
  }
}
