import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Omnichannel intake: contacts (with one identity per channel), tickets, the message timeline and the
 * append-only ticket event log that reporting and QA read. Every table is client-owned, under RLS.
 */
export class Intake1763990000000 implements MigrationInterface {
  name = 'Intake1763990000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE FUNCTION app_is_customer_of(client uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT app_role() = 'customer' AND client = ANY (app_client_ids())
$$;

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email text,
  phone text,
  language text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, client_id)
);
CREATE INDEX contacts_client_idx ON contacts (client_id);

-- How a contact is known on each channel: widget visitor, email address, phone number, social id.
-- The same identity within a client always resolves to the same contact.
CREATE TABLE contact_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('voice', 'email', 'chat', 'social')),
  external_id text NOT NULL CHECK (length(external_id) BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, channel, external_id),
  FOREIGN KEY (contact_id, client_id) REFERENCES contacts (id, client_id) ON DELETE CASCADE
);

CREATE SEQUENCE ticket_number_seq START 1001;

CREATE TABLE tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  number bigint NOT NULL UNIQUE DEFAULT nextval('ticket_number_seq'),
  inbox_id uuid NOT NULL REFERENCES inboxes (id),
  contact_id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('voice', 'email', 'chat', 'social')),
  status text NOT NULL CHECK (status IN ('new', 'queued', 'assigned', 'pending', 'resolved', 'closed', 'abandoned')),
  priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
  language text,
  subject text,
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  next_seq integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  queued_at timestamptz,
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  abandoned_at timestamptz,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id, client_id),
  FOREIGN KEY (contact_id, client_id) REFERENCES contacts (id, client_id)
);
CREATE INDEX tickets_open_idx ON tickets (client_id, status, created_at) WHERE status IN ('new', 'queued', 'assigned', 'pending');
CREATE INDEX tickets_contact_idx ON tickets (contact_id, inbox_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note', 'system')),
  author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL,
  attachments jsonb NOT NULL DEFAULT '[]',
  client_msg_id text CHECK (client_msg_id IS NULL OR length(client_msg_id) BETWEEN 8 AND 100),
  external_id text,
  delivery_status text NOT NULL DEFAULT 'received' CHECK (delivery_status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ticket_id, seq),
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
-- Retries never create a second message: one client_msg_id per client, one external id per client and channel source.
CREATE UNIQUE INDEX messages_client_msg_key ON messages (client_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE UNIQUE INDEX messages_external_key ON messages (client_id, external_id) WHERE external_id IS NOT NULL;

-- Append-only history of every milestone; reporting and resync read it.
CREATE TABLE ticket_events (
  id bigserial PRIMARY KEY,
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('created', 'queued', 'message_received', 'offered', 'accepted', 'first_response', 'reply', 'status_changed', 'transferred', 'resolved', 'abandoned', 'csat')),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  data jsonb NOT NULL DEFAULT '{}',
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, id);
CREATE INDEX ticket_events_client_idx ON ticket_events (client_id, at);

ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY contacts_tenant ON contacts USING (app_sees_client(client_id) AND (app_is_staff() OR app_is_customer_of(client_id)));
ALTER TABLE contact_identities ENABLE ROW LEVEL SECURITY;
CREATE POLICY contact_identities_tenant ON contact_identities USING (app_sees_client(client_id) AND (app_is_staff() OR app_is_customer_of(client_id)));
ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tickets_tenant ON tickets USING (app_sees_client(client_id));
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
CREATE POLICY messages_tenant ON messages USING (app_sees_client(client_id));
ALTER TABLE ticket_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_events_read ON ticket_events FOR SELECT USING (app_sees_client(client_id));
CREATE POLICY ticket_events_append ON ticket_events FOR INSERT WITH CHECK (app_sees_client(client_id));

GRANT SELECT, INSERT, UPDATE, DELETE ON contacts, contact_identities, tickets, messages TO switchboard_app;
GRANT SELECT, INSERT ON ticket_events TO switchboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TABLE IF EXISTS ticket_events, messages, tickets, contact_identities, contacts CASCADE;
DROP SEQUENCE IF EXISTS ticket_number_seq;
DROP FUNCTION IF EXISTS app_is_customer_of(uuid);
`);
  }
}
