import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * QA sampling (issue 6): sampling policies per client or queue, and their draws as durable jobs.
 *
 * - `sampling_policies`: what to draw (the SamplingPolicy of libs/shared/contracts) and how often
 *   (a day, ISO week or month in the client's time zone). Staff of the client read them; admins write.
 * - `sampling_draws` is the jobs table: one row per draw, `pending → running → done | failed`.
 *   A node claims a job by setting `lease_owner` and `lease_until` (SKIP LOCKED, so two nodes never
 *   claim the same row); the draw itself commits in one transaction that re-checks the lease and
 *   marks the job done, so a period's draw happens once even when a node dies half-way (its lease
 *   runs out and another node takes the job again) or the API restarts (pending and expired jobs are
 *   found on the next tick). The schedule makes at most one job per policy and period
 *   (`sampling_draws_one_scheduled`).
 * - `evaluations.sampling_draw_id` and `targeted_rule_ids` say which draw put an evaluation on a
 *   lead's desk and which targeted rules the ticket matched.
 */
export class QaSampling1765100000000 implements MigrationInterface {
  name = 'QaSampling1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE sampling_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  queue_id uuid,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  period text NOT NULL CHECK (period IN ('day', 'week', 'month')),
  policy jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object'),
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, client_id),
  FOREIGN KEY (queue_id, client_id) REFERENCES queues (id, client_id) ON DELETE CASCADE
);
CREATE INDEX sampling_policies_client_idx ON sampling_policies (client_id);

CREATE TABLE sampling_draws (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL,
  client_id uuid NOT NULL,
  period_key text NOT NULL,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL CHECK (period_end > period_start),
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'demand')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  seed text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  summary jsonb,
  error text,
  requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  UNIQUE (id, client_id),
  FOREIGN KEY (policy_id, client_id) REFERENCES sampling_policies (id, client_id) ON DELETE CASCADE,
  CHECK ((status = 'done') = (summary IS NOT NULL))
);
CREATE UNIQUE INDEX sampling_draws_one_scheduled ON sampling_draws (policy_id, period_key) WHERE trigger = 'schedule';
CREATE INDEX sampling_draws_due_idx ON sampling_draws (created_at) WHERE status IN ('pending', 'running');
CREATE INDEX sampling_draws_policy_idx ON sampling_draws (policy_id, created_at DESC);

ALTER TABLE evaluations
  ADD COLUMN sampling_draw_id uuid,
  ADD COLUMN targeted_rule_ids text[] NOT NULL DEFAULT '{}',
  ADD CONSTRAINT evaluations_sampling_draw_fk FOREIGN KEY (sampling_draw_id, client_id) REFERENCES sampling_draws (id, client_id) ON DELETE SET NULL (sampling_draw_id);
CREATE INDEX evaluations_sampling_draw_idx ON evaluations (sampling_draw_id) WHERE sampling_draw_id IS NOT NULL;

ALTER TABLE sampling_policies ENABLE ROW LEVEL SECURITY;
CREATE POLICY sampling_policies_read ON sampling_policies FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY sampling_policies_insert ON sampling_policies FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY sampling_policies_update ON sampling_policies FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));

-- Draws are written by the system (the scheduler and on-demand runs after the API checked the caller).
ALTER TABLE sampling_draws ENABLE ROW LEVEL SECURITY;
CREATE POLICY sampling_draws_read ON sampling_draws FOR SELECT USING (app_sees_client(client_id) AND app_role() IN ('team_lead', 'admin', 'system'));
CREATE POLICY sampling_draws_insert ON sampling_draws FOR INSERT WITH CHECK (app_role() = 'system');
CREATE POLICY sampling_draws_update ON sampling_draws FOR UPDATE USING (app_role() = 'system');

GRANT SELECT, INSERT, UPDATE ON sampling_policies, sampling_draws TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE evaluations DROP CONSTRAINT IF EXISTS evaluations_sampling_draw_fk, DROP COLUMN IF EXISTS sampling_draw_id, DROP COLUMN IF EXISTS targeted_rule_ids;
DROP TABLE IF EXISTS sampling_draws;
DROP TABLE IF EXISTS sampling_policies;
`);
  }
}
