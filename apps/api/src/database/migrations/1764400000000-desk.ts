import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The agent's desk, per client: canned responses (a shortcut typed after `/`, a title, a body with
 * placeholders) and disposition codes a ticket is wrapped up with. Staff of the client read them;
 * admins edit them. A ticket keeps the code it was wrapped up with.
 */
export class Desk1764400000000 implements MigrationInterface {
  name = 'Desk1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE canned_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  shortcut text NOT NULL CHECK (shortcut ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, shortcut)
);

CREATE TABLE disposition_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9_]{0,39}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 80),
  active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, code)
);

ALTER TABLE tickets ADD COLUMN disposition_code text;
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_type_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_type_check CHECK (type IN (
  'created', 'queued', 'message_received', 'offered', 'accepted', 'assigned', 'first_response', 'reply', 'note',
  'status_changed', 'transferred', 'resolved', 'abandoned', 'csat_requested', 'csat',
  'delivery_failed', 'call_status', 'recording', 'transcript',
  'offer_rejected', 'offer_timed_out', 'offer_rescinded', 'requeued', 'returned', 'reopened', 'transfer_requested', 'transfer_cancelled', 'wrapped_up'));

ALTER TABLE canned_responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY canned_responses_tenant ON canned_responses USING (app_sees_client(client_id) AND app_is_staff());
ALTER TABLE disposition_codes ENABLE ROW LEVEL SECURITY;
CREATE POLICY disposition_codes_tenant ON disposition_codes USING (app_sees_client(client_id) AND app_is_staff());
GRANT SELECT, INSERT, UPDATE, DELETE ON canned_responses TO switchboard_app;
GRANT SELECT, INSERT, UPDATE ON disposition_codes TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE tickets DROP COLUMN IF EXISTS disposition_code;
DELETE FROM ticket_events WHERE type = 'wrapped_up';
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_type_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_type_check CHECK (type IN (
  'created', 'queued', 'message_received', 'offered', 'accepted', 'assigned', 'first_response', 'reply', 'note',
  'status_changed', 'transferred', 'resolved', 'abandoned', 'csat_requested', 'csat',
  'delivery_failed', 'call_status', 'recording', 'transcript',
  'offer_rejected', 'offer_timed_out', 'offer_rescinded', 'requeued', 'returned', 'reopened', 'transfer_requested', 'transfer_cancelled'));
DROP TABLE IF EXISTS disposition_codes;
DROP TABLE IF EXISTS canned_responses;
`);
  }
}
