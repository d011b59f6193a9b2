import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reporting: ticket facts projected from the ticket event log, and SLA contract versions.
 *
 * How facts keep up with the log without ever losing an event: a trigger on `ticket_events` marks the
 * ticket in `ticket_fact_pending` in the same transaction as the event (the mark commits with the event
 * or not at all). The projector (libs/api/reporting) takes marks with `FOR UPDATE SKIP LOCKED`, reads
 * the ticket's whole log, recomputes its fact with the pure `projectTicketFact` and deletes the marks,
 * in one transaction. A mark is bumped with `ON CONFLICT DO UPDATE`, which waits for a projector
 * holding it: an event committed while its ticket is being projected leaves a fresh mark, and is
 * projected in the next pass. A crash rolls the pass back and leaves the marks. Existing tickets are
 * marked here, so the facts of the data already in the log are built on start.
 *
 * A projector pass never waits on a lock an event-writing transaction holds (it skips locked marks and
 * takes no lock on tickets), so product writes never deadlock with it.
 * Facts: the client's staff and its users read them; only the system writes them.
 * Contract versions: append-only; the client's staff and users read them, only provider admins add them.
 */
export class Reporting1765000000000 implements MigrationInterface {
  name = 'Reporting1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE ticket_facts (
  ticket_id uuid PRIMARY KEY,
  client_id uuid NOT NULL,
  contact_id uuid NOT NULL,
  channel text NOT NULL,
  queue_id uuid,
  language text,
  created_at timestamptz NOT NULL,
  queued_at timestamptz,
  first_resolved_at timestamptz,
  first_anchor_at timestamptz NOT NULL,
  last_anchor_at timestamptz NOT NULL,
  settled_at timestamptz,
  fact jsonb NOT NULL,
  projected_events integer NOT NULL,
  projected_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Not a foreign key to tickets: its check would take a KEY SHARE lock on the ticket row, which waits
  -- for a transaction holding the ticket FOR UPDATE while it appends an event whose mark the projector
  -- holds: a deadlock. Tickets are only deleted with their client, and facts go with the client too.
  FOREIGN KEY (client_id) REFERENCES clients (id) ON DELETE CASCADE
);
CREATE INDEX ticket_facts_window_idx ON ticket_facts (client_id, first_anchor_at, last_anchor_at);
CREATE INDEX ticket_facts_open_idx ON ticket_facts (client_id, created_at) WHERE settled_at IS NULL;
CREATE INDEX ticket_facts_settled_idx ON ticket_facts (client_id, settled_at);
CREATE INDEX ticket_facts_contact_idx ON ticket_facts (client_id, contact_id, created_at);

CREATE TABLE ticket_fact_pending (
  ticket_id uuid PRIMARY KEY,
  client_id uuid NOT NULL,
  marks bigint NOT NULL DEFAULT 1,
  marked_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ticket_fact_pending_client_idx ON ticket_fact_pending (client_id);

CREATE FUNCTION ticket_fact_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_fact_pending (ticket_id, client_id) VALUES (NEW.ticket_id, NEW.client_id)
    ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_pending.marks + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_events_mark_fact AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION ticket_fact_mark();

INSERT INTO ticket_fact_pending (ticket_id, client_id) SELECT id, client_id FROM tickets ON CONFLICT DO NOTHING;

CREATE TABLE sla_contract_versions (
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  effective_from text NOT NULL CHECK (effective_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  effective_to text CHECK (effective_to ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  definition jsonb NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, version)
);

ALTER TABLE ticket_facts ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_facts_read ON ticket_facts FOR SELECT USING (app_sees_client(client_id) AND app_role() <> 'customer');
CREATE POLICY ticket_facts_insert ON ticket_facts FOR INSERT WITH CHECK (app_role() = 'system');
CREATE POLICY ticket_facts_update ON ticket_facts FOR UPDATE USING (app_role() = 'system');
ALTER TABLE ticket_fact_pending ENABLE ROW LEVEL SECURITY;
CREATE POLICY ticket_fact_pending_tenant ON ticket_fact_pending USING (app_sees_client(client_id));
ALTER TABLE sla_contract_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sla_contract_versions_read ON sla_contract_versions FOR SELECT USING (app_sees_client(client_id) AND app_role() <> 'customer');
CREATE POLICY sla_contract_versions_insert ON sla_contract_versions FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));

GRANT SELECT, INSERT, UPDATE ON ticket_facts TO switchboard_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ticket_fact_pending TO switchboard_app;
GRANT SELECT, INSERT ON sla_contract_versions TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TRIGGER IF EXISTS ticket_events_mark_fact ON ticket_events;
DROP FUNCTION IF EXISTS ticket_fact_mark();
DROP TABLE IF EXISTS sla_contract_versions, ticket_fact_pending, ticket_facts;
`);
  }
}
