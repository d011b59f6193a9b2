import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each client's playbook (one per client): the greeting, the script, do's and don'ts and links an
 * agent reads beside the conversation. Staff of the client read it; only admins write it (the API
 * says so, and so does the write policy). The limits mirror the API's, so no other path can store
 * more, and a link that is not http(s) cannot be stored at all.
 */
export class Playbooks1764500000000 implements MigrationInterface {
  name = 'Playbooks1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
CREATE TABLE playbooks (
  client_id uuid PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
  greeting text NOT NULL DEFAULT '' CHECK (length(greeting) <= 1000),
  script text NOT NULL DEFAULT '' CHECK (length(script) <= 8000),
  dos text[] NOT NULL DEFAULT '{}' CHECK (cardinality(dos) <= 20),
  donts text[] NOT NULL DEFAULT '{}' CHECK (cardinality(donts) <= 20),
  links jsonb NOT NULL DEFAULT '[]' CHECK (
    jsonb_typeof(links) = 'array' AND jsonb_array_length(links) <= 10
    AND NOT jsonb_path_exists(links, '$[*] ? (!(@.url like_regex "^https?://[^\\\\s]+$" flag "i"))')
  ),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL
);

ALTER TABLE playbooks ENABLE ROW LEVEL SECURITY;
CREATE POLICY playbooks_read ON playbooks FOR SELECT USING (app_sees_client(client_id) AND app_is_staff());
CREATE POLICY playbooks_insert ON playbooks FOR INSERT WITH CHECK (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY playbooks_update ON playbooks FOR UPDATE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
CREATE POLICY playbooks_delete ON playbooks FOR DELETE USING (app_sees_client(client_id) AND app_role() IN ('admin', 'system'));
GRANT SELECT, INSERT, UPDATE, DELETE ON playbooks TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS playbooks;`);
  }
}
