import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory (clients, inboxes, staff users, their client assignments, teams, skills, agent
 * skills and profiles) is written by admins only — the API says so and, from now on, so does the
 * database: staff read it as before, but an agent's or a lead's transaction can no longer insert,
 * change or delete any of it. Agents still update their own profile row (presence state), so
 * agent_profiles keeps its open UPDATE; creating or deleting a profile is for admins.
 *
 * Keyset paging of the directory lists gets the indexes its orders need.
 */
export class DirectoryWrites1765400000000 implements MigrationInterface {
  name = 'DirectoryWrites1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE FUNCTION app_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT app_role() IN ('admin', 'system')
$$;

DROP POLICY clients_tenant ON clients;
CREATE POLICY clients_read ON clients FOR SELECT USING (app_sees_client(id));
CREATE POLICY clients_insert ON clients FOR INSERT WITH CHECK (app_sees_client(id) AND app_is_admin());
CREATE POLICY clients_update ON clients FOR UPDATE USING (app_sees_client(id) AND app_is_admin());
CREATE POLICY clients_delete ON clients FOR DELETE USING (app_sees_client(id) AND app_is_admin());

DROP POLICY inboxes_tenant ON inboxes;
CREATE POLICY inboxes_read ON inboxes FOR SELECT USING (app_sees_client(client_id));
CREATE POLICY inboxes_insert ON inboxes FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_is_admin());
CREATE POLICY inboxes_update ON inboxes FOR UPDATE USING (app_sees_client(client_id) AND app_is_admin());
CREATE POLICY inboxes_delete ON inboxes FOR DELETE USING (app_sees_client(client_id) AND app_is_admin());

DROP POLICY staff_clients_tenant ON staff_clients;
CREATE POLICY staff_clients_read ON staff_clients FOR SELECT USING (app_sees_client(client_id));
CREATE POLICY staff_clients_insert ON staff_clients FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_is_admin());
CREATE POLICY staff_clients_update ON staff_clients FOR UPDATE USING (app_sees_client(client_id) AND app_is_admin());
CREATE POLICY staff_clients_delete ON staff_clients FOR DELETE USING (app_sees_client(client_id) AND app_is_admin());

DROP POLICY users_tenant ON users;
CREATE POLICY users_read ON users FOR SELECT USING (
  (client_id IS NOT NULL AND app_sees_client(client_id)) OR (client_id IS NULL AND app_is_staff())
);
CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (app_is_admin() AND (client_id IS NULL OR app_sees_client(client_id)));
CREATE POLICY users_update ON users FOR UPDATE USING (app_is_admin() AND (client_id IS NULL OR app_sees_client(client_id)));
CREATE POLICY users_delete ON users FOR DELETE USING (app_is_admin() AND (client_id IS NULL OR app_sees_client(client_id)));

DROP POLICY teams_staff ON teams;
CREATE POLICY teams_read ON teams FOR SELECT USING (app_is_staff());
CREATE POLICY teams_write ON teams FOR ALL USING (app_is_admin()) WITH CHECK (app_is_admin());
DROP POLICY team_members_staff ON team_members;
CREATE POLICY team_members_read ON team_members FOR SELECT USING (app_is_staff());
CREATE POLICY team_members_write ON team_members FOR ALL USING (app_is_admin()) WITH CHECK (app_is_admin());
DROP POLICY skills_staff ON skills;
CREATE POLICY skills_read ON skills FOR SELECT USING (app_is_staff());
CREATE POLICY skills_write ON skills FOR ALL USING (app_is_admin()) WITH CHECK (app_is_admin());
DROP POLICY agent_skills_staff ON agent_skills;
CREATE POLICY agent_skills_read ON agent_skills FOR SELECT USING (app_is_staff());
CREATE POLICY agent_skills_write ON agent_skills FOR ALL USING (app_is_admin()) WITH CHECK (app_is_admin());

DROP POLICY agent_profiles_staff ON agent_profiles;
CREATE POLICY agent_profiles_read ON agent_profiles FOR SELECT USING (app_is_staff());
CREATE POLICY agent_profiles_update ON agent_profiles FOR UPDATE USING (app_is_staff());
CREATE POLICY agent_profiles_insert ON agent_profiles FOR INSERT WITH CHECK (app_is_admin());
CREATE POLICY agent_profiles_delete ON agent_profiles FOR DELETE USING (app_is_admin());

CREATE INDEX clients_name_idx ON clients (name, id);
CREATE INDEX users_staff_name_idx ON users (display_name, id) WHERE client_id IS NULL;
CREATE INDEX queues_client_name_idx ON queues (client_id, name, id);
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP INDEX IF EXISTS clients_name_idx, users_staff_name_idx, queues_client_name_idx;
DROP POLICY IF EXISTS clients_read ON clients; DROP POLICY IF EXISTS clients_insert ON clients; DROP POLICY IF EXISTS clients_update ON clients; DROP POLICY IF EXISTS clients_delete ON clients;
CREATE POLICY clients_tenant ON clients USING (app_sees_client(id));
DROP POLICY IF EXISTS inboxes_read ON inboxes; DROP POLICY IF EXISTS inboxes_insert ON inboxes; DROP POLICY IF EXISTS inboxes_update ON inboxes; DROP POLICY IF EXISTS inboxes_delete ON inboxes;
CREATE POLICY inboxes_tenant ON inboxes USING (app_sees_client(client_id));
DROP POLICY IF EXISTS staff_clients_read ON staff_clients; DROP POLICY IF EXISTS staff_clients_insert ON staff_clients; DROP POLICY IF EXISTS staff_clients_update ON staff_clients; DROP POLICY IF EXISTS staff_clients_delete ON staff_clients;
CREATE POLICY staff_clients_tenant ON staff_clients USING (app_sees_client(client_id));
DROP POLICY IF EXISTS users_read ON users; DROP POLICY IF EXISTS users_insert ON users; DROP POLICY IF EXISTS users_update ON users; DROP POLICY IF EXISTS users_delete ON users;
CREATE POLICY users_tenant ON users USING ((client_id IS NOT NULL AND app_sees_client(client_id)) OR (client_id IS NULL AND app_is_staff()));
DROP POLICY IF EXISTS teams_read ON teams; DROP POLICY IF EXISTS teams_write ON teams;
CREATE POLICY teams_staff ON teams USING (app_is_staff());
DROP POLICY IF EXISTS team_members_read ON team_members; DROP POLICY IF EXISTS team_members_write ON team_members;
CREATE POLICY team_members_staff ON team_members USING (app_is_staff());
DROP POLICY IF EXISTS skills_read ON skills; DROP POLICY IF EXISTS skills_write ON skills;
CREATE POLICY skills_staff ON skills USING (app_is_staff());
DROP POLICY IF EXISTS agent_skills_read ON agent_skills; DROP POLICY IF EXISTS agent_skills_write ON agent_skills;
CREATE POLICY agent_skills_staff ON agent_skills USING (app_is_staff());
DROP POLICY IF EXISTS agent_profiles_read ON agent_profiles; DROP POLICY IF EXISTS agent_profiles_update ON agent_profiles; DROP POLICY IF EXISTS agent_profiles_insert ON agent_profiles; DROP POLICY IF EXISTS agent_profiles_delete ON agent_profiles;
CREATE POLICY agent_profiles_staff ON agent_profiles USING (app_is_staff());
DROP FUNCTION IF EXISTS app_is_admin();
`);
  }
}
