import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing: queues per client, inbox rules that land tickets in them, offers (reservations with a
 * timeout and the "why this agent" trace), pending transfers, the return timer and the facts the
 * fairness order needs. Decisions are taken under row locks (tickets, agent_profiles) plus one
 * advisory lock per dispatch round, so several API nodes never offer a ticket twice.
 */
export class Routing1764200000000 implements MigrationInterface {
  name = 'Routing1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE queues (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  channels text[] NOT NULL CHECK (cardinality(channels) > 0 AND channels <@ ARRAY['voice', 'email', 'chat', 'social']),
  required_skills jsonb NOT NULL DEFAULT '[]',
  secondary_skills jsonb NOT NULL DEFAULT '[]',
  language text,
  team_ids uuid[] NOT NULL DEFAULT '{}',
  priority smallint NOT NULL DEFAULT 3 CHECK (priority BETWEEN 1 AND 4),
  sla_seconds integer NOT NULL DEFAULT 60 CHECK (sla_seconds > 0),
  service_level_percent smallint NOT NULL DEFAULT 80 CHECK (service_level_percent BETWEEN 1 AND 100),
  ordering jsonb NOT NULL DEFAULT '{"priorityWeight": 10, "waitWeight": 1, "slaWeight": 5}',
  offer_timeouts jsonb NOT NULL DEFAULT '{"voice": 20, "chat": 30, "email": 120, "social": 60}',
  auto_accept_channels text[] NOT NULL DEFAULT '{}' CHECK (auto_accept_channels <@ ARRAY['email', 'social']),
  return_after_seconds integer CHECK (return_after_seconds IS NULL OR return_after_seconds >= 60),
  sticky_seconds integer NOT NULL DEFAULT 30 CHECK (sticky_seconds >= 0),
  overflow jsonb NOT NULL DEFAULT '[]',
  reject_cooldown_seconds integer NOT NULL DEFAULT 600 CHECK (reject_cooldown_seconds >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, name),
  UNIQUE (id, client_id)
);

-- routing: see InboxRouting in libs/shared/contracts ({defaultQueueId, rules}).
ALTER TABLE inboxes ADD COLUMN routing jsonb NOT NULL DEFAULT '{"defaultQueueId": null, "rules": []}';

-- queue_id: where the ticket waits (null: no queue, picked by hand). sla_due_at: answer target.
-- answered_at: first time an agent took it (service level, ASA). last_agent_id: sticky routing.
-- transfer: a pending transfer {target, warm, fromAgentId, note} while it is offered on.
ALTER TABLE tickets
  ADD COLUMN queue_id uuid,
  ADD COLUMN sla_due_at timestamptz,
  ADD COLUMN answered_at timestamptz,
  ADD COLUMN last_agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN transfer jsonb,
  ADD CONSTRAINT tickets_queue_fk FOREIGN KEY (queue_id, client_id) REFERENCES queues (id, client_id);
CREATE INDEX tickets_waiting_idx ON tickets (queued_at) WHERE status = 'queued' OR transfer IS NOT NULL;

-- missed_offers: offers let time out in a row (K of them set the agent away, not responding).
-- last_offer_at: the fairness order's "longest idle".
ALTER TABLE agent_profiles
  ADD COLUMN missed_offers integer NOT NULL DEFAULT 0,
  ADD COLUMN last_offer_at timestamptz;

CREATE TABLE offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL,
  ticket_id uuid NOT NULL,
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  queue_id uuid,
  channel text NOT NULL CHECK (channel IN ('voice', 'email', 'chat', 'social')),
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'timed_out', 'rescinded')),
  auto_accepted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  decided_at timestamptz,
  reason text CHECK (reason IS NULL OR length(reason) <= 500),
  node_id text NOT NULL,
  trace jsonb NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  FOREIGN KEY (ticket_id, client_id) REFERENCES tickets (id, client_id) ON DELETE CASCADE
);
-- A ticket is offered to one agent at a time: the database, not process memory, guarantees it.
CREATE UNIQUE INDEX offers_one_pending_per_ticket ON offers (ticket_id) WHERE status = 'pending';
CREATE INDEX offers_agent_pending_idx ON offers (agent_id) WHERE status = 'pending';
CREATE INDEX offers_expiry_idx ON offers (expires_at) WHERE status = 'pending';
CREATE INDEX offers_ticket_idx ON offers (ticket_id, created_at);
CREATE INDEX offers_agent_recent_idx ON offers (agent_id, created_at);

ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_type_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_type_check CHECK (type IN (
  'created', 'queued', 'message_received', 'offered', 'accepted', 'assigned', 'first_response', 'reply', 'note',
  'status_changed', 'transferred', 'resolved', 'abandoned', 'csat_requested', 'csat',
  'delivery_failed', 'call_status', 'recording', 'transcript',
  'offer_rejected', 'offer_timed_out', 'offer_rescinded', 'requeued', 'returned', 'reopened', 'transfer_requested', 'transfer_cancelled'));

ALTER TABLE queues ENABLE ROW LEVEL SECURITY;
CREATE POLICY queues_tenant ON queues USING (app_sees_client(client_id));
ALTER TABLE offers ENABLE ROW LEVEL SECURITY;
CREATE POLICY offers_tenant ON offers USING (app_sees_client(client_id) AND app_is_staff());

GRANT SELECT, INSERT, UPDATE, DELETE ON queues TO switchboard_app;
GRANT SELECT, INSERT, UPDATE ON offers TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TABLE IF EXISTS offers;
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_type_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_type_check CHECK (type IN (
  'created', 'queued', 'message_received', 'offered', 'accepted', 'assigned', 'first_response', 'reply', 'note',
  'status_changed', 'transferred', 'resolved', 'abandoned', 'csat_requested', 'csat',
  'delivery_failed', 'call_status', 'recording', 'transcript'));
ALTER TABLE agent_profiles DROP COLUMN IF EXISTS missed_offers, DROP COLUMN IF EXISTS last_offer_at;
DROP INDEX IF EXISTS tickets_waiting_idx;
ALTER TABLE tickets DROP CONSTRAINT IF EXISTS tickets_queue_fk;
ALTER TABLE tickets DROP COLUMN IF EXISTS queue_id, DROP COLUMN IF EXISTS sla_due_at, DROP COLUMN IF EXISTS answered_at,
  DROP COLUMN IF EXISTS last_agent_id, DROP COLUMN IF EXISTS transfer;
ALTER TABLE inboxes DROP COLUMN IF EXISTS routing;
DROP TABLE IF EXISTS queues;
`);
  }
}
