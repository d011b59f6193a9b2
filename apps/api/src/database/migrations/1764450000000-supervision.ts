import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private notes between staff: a whisper from a lead (or admin) to one agent, maybe about a ticket
 * the agent works on, and a mention of a colleague in a ticket's internal note. Kept until read, so
 * someone offline when it was sent reads it when they come back. One about a ticket belongs to that
 * ticket's client (row-level security); a whisper without a ticket belongs to no client.
 */
export class Supervision1764450000000 implements MigrationInterface {
  name = 'Supervision1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE whispers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL DEFAULT 'whisper' CHECK (kind IN ('whisper', 'mention')),
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  from_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  to_user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id uuid REFERENCES clients (id) ON DELETE CASCADE,
  ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  CHECK ((ticket_id IS NULL) = (client_id IS NULL)),
  CHECK (kind = 'whisper' OR (message_id IS NOT NULL AND ticket_id IS NOT NULL))
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
