import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit search: a client admin reads who touched their client's data, but provider staff rows are
 * not visible to client users. `audit_actors` gives the name and role (never the email) of the
 * actors of the audit entries the caller can already see — nothing about anyone else.
 */
export class AuditActors1765200000001 implements MigrationInterface {
  name = 'AuditActors1765200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE FUNCTION audit_actors(p_entry_ids bigint[])
RETURNS TABLE (user_id uuid, display_name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT u.id, u.display_name, u.role
    FROM users u
   WHERE u.id IN (
     SELECT a.actor_user_id FROM audit_log a
      WHERE a.id = ANY (p_entry_ids)
        AND ((a.client_id IS NOT NULL AND app_sees_client(a.client_id)) OR (a.client_id IS NULL AND app_role() IN ('admin', 'system')))
   )
$$;
REVOKE ALL ON FUNCTION audit_actors(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_actors(bigint[]) TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS audit_actors(bigint[]); DROP INDEX IF EXISTS audit_log_action_idx;`);
  }
}
