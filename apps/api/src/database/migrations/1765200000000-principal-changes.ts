import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Principal changes are announced: a user disabled (or their role or client changed), a client
 * assignment or team membership added or removed, a session revoked — each notifies the
 * `principal_changed` channel with the user's id, so every API node re-checks that user's open
 * sockets at once (disconnecting or re-scoping them), whoever made the change and however.
 */
export class PrincipalChanges1765200000000 implements MigrationInterface {
  name = 'PrincipalChanges1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE FUNCTION notify_principal_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('principal_changed', OLD.id::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('principal_changed', OLD.user_id::text);
  ELSE
    PERFORM pg_notify('principal_changed', NEW.user_id::text);
    IF TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN
      PERFORM pg_notify('principal_changed', OLD.user_id::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER users_principal_changed AFTER UPDATE ON users FOR EACH ROW
  WHEN (OLD.disabled_at IS DISTINCT FROM NEW.disabled_at OR OLD.role IS DISTINCT FROM NEW.role OR OLD.client_id IS DISTINCT FROM NEW.client_id OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
  EXECUTE FUNCTION notify_principal_changed();
CREATE TRIGGER users_principal_deleted AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_principal_changed();
CREATE TRIGGER staff_clients_principal_changed AFTER INSERT OR UPDATE OR DELETE ON staff_clients FOR EACH ROW EXECUTE FUNCTION notify_principal_changed();
CREATE TRIGGER team_members_principal_changed AFTER INSERT OR UPDATE OR DELETE ON team_members FOR EACH ROW EXECUTE FUNCTION notify_principal_changed();
CREATE TRIGGER auth_sessions_principal_changed AFTER UPDATE ON auth_sessions FOR EACH ROW
  WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at)
  EXECUTE FUNCTION notify_principal_changed();
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TRIGGER IF EXISTS users_principal_changed ON users;
DROP TRIGGER IF EXISTS users_principal_deleted ON users;
DROP TRIGGER IF EXISTS staff_clients_principal_changed ON staff_clients;
DROP TRIGGER IF EXISTS team_members_principal_changed ON team_members;
DROP TRIGGER IF EXISTS auth_sessions_principal_changed ON auth_sessions;
DROP FUNCTION IF EXISTS notify_principal_changed();
`);
  }
}
