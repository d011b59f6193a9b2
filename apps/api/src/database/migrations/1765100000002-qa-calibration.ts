import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QA calibration (issue 6): sessions in which several reviewers score the same tickets blind, on the
 * scorecard version the session was opened with. The reviews live in their own table, never in
 * `evaluations`, so no calibration score can reach an agent's results or a report's QA score.
 * Only leads, admins and the system read or write any of it (not agents, not client users). "A
 * reviewer sees only their own reviews until the session closes" needs the caller's user id, which the
 * tenant settings do not carry: the API enforces it on every read.
 */
export class QaCalibration1765100000002 implements MigrationInterface {
  name = 'QaCalibration1765100000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE calibration_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  scorecard_version_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- Null only when the reference's user was deleted (users are normally disabled, not deleted): the session can then no longer close.
  reference_reviewer_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  UNIQUE (id, client_id),
  FOREIGN KEY (scorecard_version_id, client_id) REFERENCES scorecard_versions (id, client_id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX calibration_sessions_client_idx ON calibration_sessions (client_id, created_at DESC);

CREATE TABLE calibration_tickets (
  session_id uuid NOT NULL,
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  position integer NOT NULL,
  PRIMARY KEY (session_id, ticket_id),
  FOREIGN KEY (session_id, client_id) REFERENCES calibration_sessions (id, client_id) ON DELETE CASCADE,
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);

CREATE TABLE calibration_participants (
  session_id uuid NOT NULL,
  client_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (session_id, user_id),
  FOREIGN KEY (session_id, client_id) REFERENCES calibration_sessions (id, client_id) ON DELETE CASCADE
);

CREATE TABLE calibration_reviews (
  session_id uuid NOT NULL,
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  reviewer_id uuid NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
  score numeric(4, 1) CHECK (score BETWEEN 0 AND 100),
  submitted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, ticket_id, reviewer_id),
  FOREIGN KEY (session_id, ticket_id) REFERENCES calibration_tickets (session_id, ticket_id) ON DELETE CASCADE,
  FOREIGN KEY (session_id, reviewer_id) REFERENCES calibration_participants (session_id, user_id) ON DELETE CASCADE
);

ALTER TABLE calibration_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY calibration_sessions_leads ON calibration_sessions USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
ALTER TABLE calibration_tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY calibration_tickets_leads ON calibration_tickets USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
ALTER TABLE calibration_participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY calibration_participants_leads ON calibration_participants USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
ALTER TABLE calibration_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY calibration_reviews_leads ON calibration_reviews USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));

GRANT SELECT, INSERT, UPDATE ON calibration_sessions, calibration_reviews TO switchboard_app;
GRANT SELECT, INSERT ON calibration_tickets, calibration_participants TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS calibration_reviews, calibration_participants, calibration_tickets, calibration_sessions;`);
  }
}
