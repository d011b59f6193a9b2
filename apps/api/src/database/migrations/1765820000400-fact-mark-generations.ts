import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Takes the reporting projector's lock off the event-write path (see `TicketFactProjector`):
 * - Every mark in `ticket_fact_pending` and `ticket_fact_recheck` carries a generation, a value of one
 *   sequence that never repeats, set when the mark is inserted and again whenever it is updated (a
 *   BEFORE UPDATE trigger, so every re-marking upsert — the event trigger, the contract service,
 *   migrations, the recheck insert — bumps it without changing its form). The projector no longer holds
 *   marks locked while it recomputes; it deletes a mark afterwards only if its generation is still the
 *   one it read.
 * - Events mark their tickets once per statement (a statement-level trigger over the inserted rows,
 *   each distinct ticket once, in ticket id order so two multi-ticket statements cannot deadlock),
 *   instead of once per inserted event.
 */
export class FactMarkGenerations1765820000400 implements MigrationInterface {
  name = 'FactMarkGenerations1765820000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE SEQUENCE ticket_fact_mark_generation;
GRANT USAGE, SELECT ON SEQUENCE ticket_fact_mark_generation TO switchboard_app;
ALTER TABLE ticket_fact_pending ADD COLUMN generation bigint NOT NULL DEFAULT nextval('ticket_fact_mark_generation');
ALTER TABLE ticket_fact_recheck ADD COLUMN generation bigint NOT NULL DEFAULT nextval('ticket_fact_mark_generation');

CREATE FUNCTION ticket_fact_mark_regenerate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.generation := nextval('ticket_fact_mark_generation');
  RETURN NEW;
END $$;
CREATE TRIGGER ticket_fact_pending_regenerate BEFORE UPDATE ON ticket_fact_pending FOR EACH ROW EXECUTE FUNCTION ticket_fact_mark_regenerate();
CREATE TRIGGER ticket_fact_recheck_regenerate BEFORE UPDATE ON ticket_fact_recheck FOR EACH ROW EXECUTE FUNCTION ticket_fact_mark_regenerate();

DROP TRIGGER ticket_events_mark_fact ON ticket_events;
CREATE FUNCTION ticket_fact_mark_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_fact_pending (ticket_id, client_id)
    SELECT DISTINCT ticket_id, client_id FROM new_events ORDER BY ticket_id
    ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_pending.marks + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_events_mark_fact AFTER INSERT ON ticket_events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_fact_mark_statement();
DROP FUNCTION ticket_fact_mark();
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TRIGGER IF EXISTS ticket_events_mark_fact ON ticket_events;
DROP FUNCTION IF EXISTS ticket_fact_mark_statement();
CREATE FUNCTION ticket_fact_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_fact_pending (ticket_id, client_id) VALUES (NEW.ticket_id, NEW.client_id)
    ON CONFLICT (ticket_id) DO UPDATE SET marks = ticket_fact_pending.marks + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER ticket_events_mark_fact AFTER INSERT ON ticket_events FOR EACH ROW EXECUTE FUNCTION ticket_fact_mark();
DROP TRIGGER IF EXISTS ticket_fact_recheck_regenerate ON ticket_fact_recheck;
DROP TRIGGER IF EXISTS ticket_fact_pending_regenerate ON ticket_fact_pending;
DROP FUNCTION IF EXISTS ticket_fact_mark_regenerate();
ALTER TABLE ticket_fact_recheck DROP COLUMN IF EXISTS generation;
ALTER TABLE ticket_fact_pending DROP COLUMN IF EXISTS generation;
DROP SEQUENCE IF EXISTS ticket_fact_mark_generation;
`);
  }
}
