import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canned responses and disposition codes: staff of the client read them, but only admins (and the
 * system) write them — as for playbooks. Until now the database let any staff role write and only
 * the API stopped them.
 */
export class DeskWrites1764900000000 implements MigrationInterface {
  name = 'DeskWrites1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
DROP POLICY canned_responses_tenant ON canned_responses;
CREATE POLICY canned_responses_read ON canned_responses FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY canned_responses_insert ON canned_responses FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY canned_responses_update ON canned_responses FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY canned_responses_delete ON canned_responses FOR DELETE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
DROP POLICY disposition_codes_tenant ON disposition_codes;
CREATE POLICY disposition_codes_read ON disposition_codes FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY disposition_codes_insert ON disposition_codes FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY disposition_codes_update ON disposition_codes FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP POLICY IF EXISTS canned_responses_read ON canned_responses;
DROP POLICY IF EXISTS canned_responses_insert ON canned_responses;
DROP POLICY IF EXISTS canned_responses_update ON canned_responses;
DROP POLICY IF EXISTS canned_responses_delete ON canned_responses;
CREATE POLICY canned_responses_tenant ON canned_responses USING (app_sees_client(client_id) AND app_is_staff());
DROP POLICY IF EXISTS disposition_codes_read ON disposition_codes;
DROP POLICY IF EXISTS disposition_codes_insert ON disposition_codes;
DROP POLICY IF EXISTS disposition_codes_update ON disposition_codes;
CREATE POLICY disposition_codes_tenant ON disposition_codes USING (app_sees_client(client_id) AND app_is_staff());
`);
  }
}
