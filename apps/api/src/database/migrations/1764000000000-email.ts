import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Email intake: per-message subject and sanitised HTML, and stored attachments (size-capped). */
export class Email1764000000000 implements MigrationInterface {
  name = 'Email1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE messages ADD COLUMN subject text, ADD COLUMN body_html text;

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes >= 0),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_message_idx ON attachments (message_id);
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
CREATE POLICY attachments_tenant ON attachments USING (app_sees_client(client_id) AND app_is_staff());
GRANT SELECT, INSERT, DELETE ON attachments TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS attachments; ALTER TABLE messages DROP COLUMN IF EXISTS subject, DROP COLUMN IF EXISTS body_html;`);
  }
}
