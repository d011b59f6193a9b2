import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality assurance (issue 6): scorecards per client, versioned (a version never changes: an edit
 * makes a new one, and an evaluation keeps the version it was scored on), evaluations of a ticket's
 * agent by a lead, the reviewer's comments per question, and the agent's disputes per question.
 *
 * Who sees what (row-level security; the API narrows further):
 * - scorecards and their versions: everyone who sees the client (client users need the questions to
 *   read their evaluations later); only admins (and the system) write, and versions are insert-only
 *   (no UPDATE or DELETE is granted);
 * - evaluations: staff of the client; client users only submitted ones (drafts are the reviewer's
 *   work). "An agent reads only their own" needs the caller's user id, which the tenant settings do
 *   not carry: the API enforces it in every query;
 * - comments (internal coaching notes) and disputes: staff of the client only, in their own tables,
 *   so a client user can never read them whatever the query.
 *
 * Per client QA settings are two columns on clients: the dispute window (days after submission) and
 * the most disputes one evaluation may carry.
 */
export class Qa1764700000000 implements MigrationInterface {
  name = 'Qa1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE clients
  ADD COLUMN qa_dispute_window_days integer NOT NULL DEFAULT 7 CHECK (qa_dispute_window_days BETWEEN 1 AND 90),
  ADD COLUMN qa_max_disputes integer NOT NULL DEFAULT 3 CHECK (qa_max_disputes BETWEEN 0 AND 50);

CREATE TABLE scorecards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  active boolean NOT NULL DEFAULT true,
  latest_version integer NOT NULL DEFAULT 1 CHECK (latest_version >= 1),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, client_id)
);
-- New evaluations are scored on the client's one active scorecard.
CREATE UNIQUE INDEX scorecards_one_active ON scorecards (client_id) WHERE active;

CREATE TABLE scorecard_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scorecard_id uuid NOT NULL,
  client_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object' AND jsonb_typeof(definition -> 'sections') = 'array'),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (scorecard_id, version),
  UNIQUE (id, client_id),
  FOREIGN KEY (scorecard_id, client_id) REFERENCES scorecards (id, client_id) ON DELETE CASCADE
);

CREATE TABLE evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Newest first in lists, and the cursor of their pages.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL,
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reviewer_id uuid REFERENCES users (id) ON DELETE SET NULL,
  scorecard_version_id uuid NOT NULL,
  stream text NOT NULL CHECK (stream IN ('random', 'targeted', 'calibration', 'manual')),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'acknowledged', 'disputed', 'resolved')),
  answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
  -- Set at submit: the result of scoring the answers (score 0 on a critical fail; null when all N/A).
  score numeric(4, 1) CHECK (score BETWEEN 0 AND 100),
  score_before_auto_fail numeric(4, 1) CHECK (score_before_auto_fail BETWEEN 0 AND 100),
  critical_failed text[] NOT NULL DEFAULT '{}',
  section_scores jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(section_scores) = 'array'),
  -- What the reviewer submitted, kept when a dispute adjusts an answer and rescores.
  submitted_answers jsonb CHECK (submitted_answers IS NULL OR jsonb_typeof(submitted_answers) = 'object'),
  submitted_score numeric(4, 1) CHECK (submitted_score BETWEEN 0 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  acknowledged_at timestamptz,
  UNIQUE (id, client_id),
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE,
  FOREIGN KEY (scorecard_version_id, client_id) REFERENCES scorecard_versions (id, client_id),
  CHECK ((status = 'draft') = (submitted_at IS NULL)),
  CHECK ((status = 'draft') = (submitted_answers IS NULL)),
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL))
);
CREATE INDEX evaluations_client_idx ON evaluations (client_id, seq DESC);
CREATE INDEX evaluations_agent_idx ON evaluations (agent_id, seq DESC);
-- One evaluation of a ticket's agent (calibration reviews score the same ticket many times, blind).
CREATE UNIQUE INDEX evaluations_one_per_ticket_agent ON evaluations (ticket_id, agent_id) WHERE stream <> 'calibration';

CREATE TABLE evaluation_comments (
  evaluation_id uuid NOT NULL,
  client_id uuid NOT NULL,
  question_key text NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (evaluation_id, question_key),
  FOREIGN KEY (evaluation_id, client_id) REFERENCES evaluations (id, client_id) ON DELETE CASCADE
);

CREATE TABLE evaluation_disputes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  evaluation_id uuid NOT NULL,
  client_id uuid NOT NULL,
  question_key text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'adjusted')),
  raised_by uuid REFERENCES users (id) ON DELETE SET NULL,
  original_answer jsonb,
  adjusted_answer jsonb,
  resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
  resolution_note text CHECK (resolution_note IS NULL OR length(resolution_note) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  FOREIGN KEY (evaluation_id, client_id) REFERENCES evaluations (id, client_id) ON DELETE CASCADE,
  CHECK ((status = 'open') = (resolved_at IS NULL)),
  CHECK ((status = 'open') = (resolution_note IS NULL)),
  CHECK ((status = 'adjusted') = (adjusted_answer IS NOT NULL))
);
CREATE INDEX evaluation_disputes_evaluation_idx ON evaluation_disputes (evaluation_id, created_at);
CREATE UNIQUE INDEX evaluation_disputes_one_open ON evaluation_disputes (evaluation_id, question_key) WHERE status = 'open';

ALTER TABLE scorecards ENABLE ROW LEVEL SECURITY;
CREATE POLICY scorecards_read ON scorecards FOR SELECT USING (app_sees_client(client_id));
CREATE POLICY scorecards_insert ON scorecards FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY scorecards_update ON scorecards FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));

ALTER TABLE scorecard_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY scorecard_versions_read ON scorecard_versions FOR SELECT USING (app_sees_client(client_id));
CREATE POLICY scorecard_versions_insert ON scorecard_versions FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));

ALTER TABLE evaluations ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluations_read ON evaluations FOR SELECT USING (app_sees_client(client_id) AND (app_is_staff() OR status <> 'draft'));
CREATE POLICY evaluations_insert ON evaluations FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
-- Agents update their own (acknowledge, dispute status): the API checks whose.
CREATE POLICY evaluations_update ON evaluations FOR UPDATE USING (app_sees_client(client_id) AND app_is_staff());

ALTER TABLE evaluation_comments ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluation_comments_read ON evaluation_comments FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY evaluation_comments_insert ON evaluation_comments FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
CREATE POLICY evaluation_comments_update ON evaluation_comments FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
CREATE POLICY evaluation_comments_delete ON evaluation_comments FOR DELETE USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));

ALTER TABLE evaluation_disputes ENABLE ROW LEVEL SECURITY;
CREATE POLICY evaluation_disputes_staff ON evaluation_disputes USING (app_sees_client(client_id) AND app_is_staff());

GRANT SELECT, INSERT, UPDATE ON scorecards TO switchboard_app;
GRANT SELECT, INSERT ON scorecard_versions TO switchboard_app;
GRANT SELECT, INSERT, UPDATE ON evaluations TO switchboard_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON evaluation_comments TO switchboard_app;
GRANT SELECT, INSERT, UPDATE ON evaluation_disputes TO switchboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TABLE IF EXISTS evaluation_disputes;
DROP TABLE IF EXISTS evaluation_comments;
DROP TABLE IF EXISTS evaluations;
DROP TABLE IF EXISTS scorecard_versions;
DROP TABLE IF EXISTS scorecards;
ALTER TABLE clients DROP COLUMN IF EXISTS qa_max_disputes, DROP COLUMN IF EXISTS qa_dispute_window_days;
`);
  }
}
