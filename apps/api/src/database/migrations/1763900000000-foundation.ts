import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: clients (tenants), users and roles, teams, agent profiles, inboxes, sessions,
 * presence history and the audit log, with row-level security on every client-owned table.
 *
 * Tenant settings (set per transaction by TenantDatabase): `app.client_ids` (comma-separated ids)
 * and `app.role`. No settings → no client-owned rows. `switchboard_app`, the runtime role, owns
 * nothing and has no BYPASSRLS; this migration runs as the owner.
 */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    CREATE ROLE switchboard_app NOLOGIN NOBYPASSRLS;
  END IF;
END $$;

CREATE FUNCTION app_client_ids() RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('app.client_ids', true), ''), ',')::uuid[], '{}'::uuid[])
$$;
CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('app.role', true), '')
$$;
CREATE FUNCTION app_is_staff() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT app_role() IN ('agent', 'team_lead', 'admin', 'system')
$$;
CREATE FUNCTION app_sees_client(client uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT client = ANY (app_client_ids()) OR app_role() = 'system'
$$;

CREATE TABLE clients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  time_zone text NOT NULL,
  languages text[] NOT NULL DEFAULT '{}',
  channels text[] NOT NULL DEFAULT '{}' CHECK (channels <@ ARRAY['voice', 'email', 'chat', 'social']),
  business_calendar jsonb NOT NULL DEFAULT '{"weekly": {}, "holidays": []}',
  pii_policy jsonb NOT NULL DEFAULT '{"email": "partial", "phone": "partial"}',
  brand_color text NOT NULL DEFAULT '#4f46e5' CHECK (brand_color ~ '^#[0-9a-fA-F]{6}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND position('@' in email) > 1),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  role text NOT NULL CHECK (role IN ('agent', 'team_lead', 'admin', 'client_viewer', 'client_admin')),
  client_id uuid REFERENCES clients (id) ON DELETE CASCADE,
  password_hash text NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_client_role CHECK ((role IN ('client_viewer', 'client_admin')) = (client_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_client_idx ON users (client_id) WHERE client_id IS NOT NULL;

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  time_zone text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  membership text NOT NULL CHECK (membership IN ('member', 'lead')),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_members_user_idx ON team_members (user_id);

-- Which clients a staff member serves (agents) or covers (team leads). Client-owned.
CREATE TABLE staff_clients (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, client_id)
);
CREATE INDEX staff_clients_client_idx ON staff_clients (client_id);

CREATE TABLE skills (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,62}$'),
  name text NOT NULL
);

CREATE TABLE agent_profiles (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  time_zone text NOT NULL,
  languages text[] NOT NULL DEFAULT '{}',
  capacity jsonb NOT NULL DEFAULT '{"voice": 1, "chat": 3, "email": 5, "social": 3}',
  shift_schedule jsonb NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'offline' CHECK (state IN ('available', 'away', 'offline')),
  state_reason text,
  state_since timestamptz NOT NULL DEFAULT now(),
  last_connected_at timestamptz,
  disconnected_at timestamptz,
  CONSTRAINT agent_profiles_reason CHECK ((state = 'away') = (state_reason IS NOT NULL) OR (state = 'offline' AND state_reason = 'disconnected'))
);

CREATE TABLE agent_skills (
  user_id uuid NOT NULL REFERENCES agent_profiles (user_id) ON DELETE CASCADE,
  skill_id uuid NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
  proficiency smallint NOT NULL CHECK (proficiency BETWEEN 1 AND 5),
  PRIMARY KEY (user_id, skill_id)
);

CREATE TABLE agent_state_history (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES agent_profiles (user_id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('available', 'away', 'offline')),
  reason text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  changed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX agent_state_history_user_idx ON agent_state_history (user_id, started_at DESC);
CREATE UNIQUE INDEX agent_state_history_open_key ON agent_state_history (user_id) WHERE ended_at IS NULL;

CREATE TABLE inboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('voice', 'email', 'chat', 'social')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address text NOT NULL,
  widget_key text UNIQUE CHECK (widget_key IS NULL OR channel = 'chat'),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, address)
);
CREATE INDEX inboxes_client_idx ON inboxes (client_id);

CREATE TABLE auth_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_reason text,
  user_agent text,
  address text
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

CREATE TABLE login_failures (
  id bigserial PRIMARY KEY,
  account_key text NOT NULL,
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_account_idx ON login_failures (account_key, at);
CREATE INDEX login_failures_address_idx ON login_failures (address, at);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  client_id uuid REFERENCES clients (id) ON DELETE CASCADE,
  action text NOT NULL,
  target_type text,
  target_id text,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text,
  address text
);
CREATE INDEX audit_log_client_idx ON audit_log (client_id, at DESC);

CREATE TABLE app_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Row-level security. Client-owned rows: visible only inside the caller's clients.
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY clients_tenant ON clients USING (app_sees_client(id));

ALTER TABLE inboxes ENABLE ROW LEVEL SECURITY;
CREATE POLICY inboxes_tenant ON inboxes USING (app_sees_client(client_id));

ALTER TABLE staff_clients ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_clients_tenant ON staff_clients USING (app_sees_client(client_id));

-- Users: client users inside their client; provider staff visible to provider staff only.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_tenant ON users USING (
  (client_id IS NOT NULL AND app_sees_client(client_id)) OR (client_id IS NULL AND app_is_staff())
);

-- Provider-internal tables: staff contexts only (client users never read the provider's workforce).
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
CREATE POLICY teams_staff ON teams USING (app_is_staff());
ALTER TABLE team_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_members_staff ON team_members USING (app_is_staff());
ALTER TABLE agent_profiles ENABLE ROW LEVEL SECURITY;
CREATE POLICY agent_profiles_staff ON agent_profiles USING (app_is_staff());
ALTER TABLE agent_skills ENABLE ROW LEVEL SECURITY;
CREATE POLICY agent_skills_staff ON agent_skills USING (app_is_staff());
ALTER TABLE agent_state_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY agent_state_history_staff ON agent_state_history USING (app_is_staff());
ALTER TABLE skills ENABLE ROW LEVEL SECURITY;
CREATE POLICY skills_staff ON skills USING (app_is_staff());

-- Audit: append-only for the application; read within the caller's clients (provider rows: admins).
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (
  (client_id IS NOT NULL AND app_sees_client(client_id)) OR (client_id IS NULL AND app_role() IN ('admin', 'system'))
);
CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (client_id IS NULL OR app_sees_client(client_id));

-- Authentication happens before any tenant is known: these owner-defined functions expose exactly
-- what login and token checks need, nothing more.
CREATE FUNCTION auth_login_lookup(p_email text)
RETURNS TABLE (user_id uuid, client_id uuid, password_hash text, disabled boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, client_id, password_hash, disabled_at IS NOT NULL FROM users WHERE email = lower(trim(p_email))
$$;

CREATE FUNCTION auth_principal(p_user uuid)
RETURNS TABLE (user_id uuid, email text, display_name text, role text, client_id uuid, disabled boolean, client_ids uuid[], team_ids uuid[], lead_team_ids uuid[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.email, u.display_name, u.role, u.client_id, u.disabled_at IS NOT NULL,
    CASE
      WHEN u.role = 'admin' THEN (SELECT coalesce(array_agg(c.id ORDER BY c.name), '{}') FROM clients c)
      WHEN u.client_id IS NOT NULL THEN ARRAY[u.client_id]
      ELSE (SELECT coalesce(array_agg(sc.client_id), '{}') FROM staff_clients sc WHERE sc.user_id = u.id)
    END,
    (SELECT coalesce(array_agg(tm.team_id), '{}') FROM team_members tm WHERE tm.user_id = u.id),
    (SELECT coalesce(array_agg(tm.team_id), '{}') FROM team_members tm WHERE tm.user_id = u.id AND tm.membership = 'lead')
  FROM users u WHERE u.id = p_user
$$;

-- Staffing of one client for its own users (who cannot read the provider's workforce tables).
CREATE FUNCTION client_staffing(p_client uuid)
RETURNS TABLE (available integer, signed_in integer, rostered integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*) FILTER (WHERE ap.state = 'available')::int,
         count(*) FILTER (WHERE ap.state <> 'offline')::int,
         count(*)::int
  FROM staff_clients sc
  JOIN users u ON u.id = sc.user_id AND u.role = 'agent' AND u.disabled_at IS NULL
  JOIN agent_profiles ap ON ap.user_id = sc.user_id
  WHERE sc.client_id = p_client
    AND (p_client = ANY (app_client_ids()) OR app_role() = 'system')
$$;

REVOKE ALL ON FUNCTION auth_login_lookup(text), auth_principal(uuid), client_staffing(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_login_lookup(text), auth_principal(uuid), client_staffing(uuid) TO switchboard_app;

GRANT USAGE ON SCHEMA public TO switchboard_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  clients, users, teams, team_members, staff_clients, skills, agent_profiles, agent_skills,
  agent_state_history, inboxes, auth_sessions, refresh_tokens, login_failures
TO switchboard_app;
GRANT SELECT, INSERT ON audit_log TO switchboard_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
DROP TABLE IF EXISTS app_meta, audit_log, login_failures, refresh_tokens, auth_sessions, inboxes,
  agent_state_history, agent_skills, agent_profiles, skills, staff_clients, team_members, teams, users, clients CASCADE;
DROP FUNCTION IF EXISTS client_staffing(uuid), auth_principal(uuid), auth_login_lookup(text),
  app_sees_client(uuid), app_is_staff(), app_role(), app_client_ids();
`);
  }
}
