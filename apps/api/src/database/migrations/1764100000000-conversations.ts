import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way conversations: agent replies and notes, their delivery through each channel (a transactional
 * outbox, retried until sent or failed), the local outbox that stands in for a mail server or a provider
 * without credentials, phone calls, widget settings (pre-chat form, CSAT, allowed origins), offline
 * message tickets and CSAT answers.
 */
export class Conversations1764100000000 implements MigrationInterface {
  name = 'Conversations1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
-- settings: see InboxSettings in libs/shared/contracts. allowed_origins: web sites that may embed the widget.
ALTER TABLE inboxes
  ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN allowed_origins text[] NOT NULL DEFAULT '{}';

-- mode 'async': a chat left while the inbox was closed or unstaffed; answered like an email.
ALTER TABLE tickets
  ADD COLUMN mode text NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'async')),
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN csat_score smallint CHECK (csat_score BETWEEN 1 AND 5),
  ADD COLUMN csat_comment text CHECK (csat_comment IS NULL OR length(csat_comment) <= 2000);
CREATE INDEX tickets_assignee_idx ON tickets (assignee_id) WHERE assignee_id IS NOT NULL;

-- What a widget visitor told us about themselves (pre-chat or offline form): {name, email}.
ALTER TABLE contacts ADD COLUMN profile jsonb NOT NULL DEFAULT '{}';

-- author_name: the agent's name as it was when they wrote (history keeps it if they are renamed).
ALTER TABLE messages ADD COLUMN delivery_error text, ADD COLUMN author_name text;

ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_type_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_type_check CHECK (type IN (
  'created', 'queued', 'message_received', 'offered', 'accepted', 'assigned', 'first_response', 'reply', 'note',
  'status_changed', 'transferred', 'resolved', 'abandoned', 'csat_requested', 'csat',
  'delivery_failed', 'call_status', 'recording', 'transcript'));

-- Transactional outbox: written in the same transaction as the outbound message, sent after commit,
-- retried with back-off; SKIP LOCKED lets any node work it without sending twice.
CREATE TABLE deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  message_id uuid NOT NULL UNIQUE REFERENCES messages (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'social')),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  provider_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'queued';

-- What would have gone to a mail server or a provider API that is not configured: admins read it.
CREATE TABLE local_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('email', 'social_message', 'call_update')),
  recipient text NOT NULL,
  subject text,
  payload text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_outbox_client_idx ON local_outbox (client_id, created_at DESC);

CREATE TABLE calls (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL UNIQUE,
  call_sid text NOT NULL UNIQUE CHECK (length(call_sid) BETWEEN 1 AND 100),
  from_number text NOT NULL,
  to_number text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'ringing', 'in_progress', 'on_hold', 'completed', 'abandoned', 'failed')),
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  ended_at timestamptz,
  wait_seconds integer,
  duration_seconds integer,
  recording_sid text,
  recording_url text,
  recording_seconds integer,
  transcript text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);

ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY deliveries_tenant ON deliveries USING (app_sees_client(client_id) AND app_is_staff());
ALTER TABLE local_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY local_outbox_tenant ON local_outbox USING (app_sees_client(client_id) AND app_is_staff());
ALTER TABLE calls ENABLE ROW LEVEL SECURITY;
CREATE POLICY calls_tenant ON calls USING (app_sees_client(client_id) AND app_is_staff());

GRANT SELECT, INSERT, UPDATE ON deliveries, calls TO switchboard_app;
GRANT SELECT, INSERT ON local_outbox TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TABLE IF EXISTS calls, local_outbox, deliveries;
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_type_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_type_check CHECK (type IN ('created', 'queued', 'message_received', 'offered', 'accepted', 'first_response', 'reply', 'status_changed', 'transferred', 'resolved', 'abandoned', 'csat'));
ALTER TABLE messages DROP COLUMN IF EXISTS delivery_error, DROP COLUMN IF EXISTS author_name;
ALTER TABLE contacts DROP COLUMN IF EXISTS profile;
DROP INDEX IF EXISTS tickets_assignee_idx;
ALTER TABLE tickets DROP COLUMN IF EXISTS mode, DROP COLUMN IF EXISTS assigned_at, DROP COLUMN IF EXISTS csat_score, DROP COLUMN IF EXISTS csat_comment;
ALTER TABLE inboxes DROP COLUMN IF EXISTS settings, DROP COLUMN IF EXISTS allowed_origins;
`);
  }
}
