import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a team lead does from the board beyond watching: a whisper is a private note from a lead (or
 * admin) to one agent, maybe about a ticket the agent works on. Kept until read, so an agent who was
 * offline when it was sent reads it when they come back. A whisper about a ticket belongs to that
 * ticket's client (row-level security); one without a ticket belongs to no client.
 */
export class Supervision1764450000000 implements MigrationInterface {
  name = 'Supervision1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE whispers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  from_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id uuid REFERENCES clients (id) ON DELETE CASCADE,
  ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  CHECK ((ticket_id IS NULL) = (client_id IS NULL))
);
CREATE INDEX whispers_to_user ON whispers (to_user_id, created_at DESC);

ALTER TABLE whispers ENABLE ROW LEVEL SECURITY;
CREATE POLICY whispers_staff ON whispers USING (app_is_staff() AND (client_id IS NULL OR app_sees_client(client_id)));
GRANT SELECT, INSERT, UPDATE ON whispers TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS whispers');
  }
}
