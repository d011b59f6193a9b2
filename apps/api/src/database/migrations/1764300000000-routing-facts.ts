import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per agent of what routing knows about them and that rarely changes (clients, teams,
 * skills, languages, capacity, shift, time zone, role, name): any change bumps `routing_version`, so a
 * dispatcher on any node keeps these facts in memory and reloads only the agents whose version moved,
 * instead of re-reading every agent's skills and clients on every round.
 */
export class RoutingFacts1764300000000 implements MigrationInterface {
  name = 'RoutingFacts1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE SEQUENCE agent_routing_version_seq;
ALTER TABLE agent_profiles ADD COLUMN routing_version bigint NOT NULL DEFAULT nextval('agent_routing_version_seq');
GRANT USAGE, SELECT ON SEQUENCE agent_routing_version_seq TO switchboard_app;

CREATE FUNCTION agent_profile_routing_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.time_zone, NEW.shift_schedule, NEW.languages, NEW.capacity) IS DISTINCT FROM (OLD.time_zone, OLD.shift_schedule, OLD.languages, OLD.capacity) THEN
    NEW.routing_version := nextval('agent_routing_version_seq');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER agent_profiles_routing_version BEFORE UPDATE OF time_zone, shift_schedule, languages, capacity ON agent_profiles
  FOR EACH ROW EXECUTE FUNCTION agent_profile_routing_changed();

-- Rows naming an agent (staff_clients, team_members, agent_skills): the agent's facts changed.
-- SECURITY DEFINER: the change may be made in a scope that cannot see the agent's profile row.
CREATE FUNCTION agent_link_routing_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE agent_profiles SET routing_version = nextval('agent_routing_version_seq')
   WHERE user_id IN (OLD.user_id, NEW.user_id);
  RETURN NULL;
END $$;
CREATE TRIGGER staff_clients_routing_version AFTER INSERT OR UPDATE OR DELETE ON staff_clients FOR EACH ROW EXECUTE FUNCTION agent_link_routing_changed();
CREATE TRIGGER team_members_routing_version AFTER INSERT OR UPDATE OR DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION agent_link_routing_changed();
CREATE TRIGGER agent_skills_routing_version AFTER INSERT OR UPDATE OR DELETE ON agent_skills FOR EACH ROW EXECUTE FUNCTION agent_link_routing_changed();

CREATE FUNCTION agent_user_routing_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF (NEW.role, NEW.disabled_at, NEW.display_name) IS DISTINCT FROM (OLD.role, OLD.disabled_at, OLD.display_name) THEN
    UPDATE agent_profiles SET routing_version = nextval('agent_routing_version_seq') WHERE user_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER users_routing_version AFTER UPDATE OF role, disabled_at, display_name ON users FOR EACH ROW EXECUTE FUNCTION agent_user_routing_changed();

CREATE FUNCTION skill_routing_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.key IS DISTINCT FROM OLD.key THEN
    UPDATE agent_profiles SET routing_version = nextval('agent_routing_version_seq')
     WHERE user_id IN (SELECT user_id FROM agent_skills WHERE skill_id = NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER skills_routing_version AFTER UPDATE OF key ON skills FOR EACH ROW EXECUTE FUNCTION skill_routing_changed();
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TRIGGER IF EXISTS skills_routing_version ON skills;
DROP TRIGGER IF EXISTS users_routing_version ON users;
DROP TRIGGER IF EXISTS agent_skills_routing_version ON agent_skills;
DROP TRIGGER IF EXISTS team_members_routing_version ON team_members;
DROP TRIGGER IF EXISTS staff_clients_routing_version ON staff_clients;
DROP TRIGGER IF EXISTS agent_profiles_routing_version ON agent_profiles;
DROP FUNCTION IF EXISTS skill_routing_changed(), agent_user_routing_changed(), agent_link_routing_changed(), agent_profile_routing_changed();
ALTER TABLE agent_profiles DROP COLUMN IF EXISTS routing_version;
DROP SEQUENCE IF EXISTS agent_routing_version_seq;
`);
  }
}
