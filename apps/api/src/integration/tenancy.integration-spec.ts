import { TenantDatabase } from '@switchboard/api-database';
import type { Principal } from '@switchboard/api-platform';
import { PrincipalService } from '@switchboard/api-identity';
import type { ClientView, ErrorResponse, InboxView, MeResponse, Page } from '@switchboard/shared-contracts';
import { Client } from 'pg';
import { clientIdOf, http, login, startTestApp, type TestApp } from '../testing/test-app';

describe('client isolation', () => {
  let t: TestApp;
  let northwind: string;
  let globex: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    northwind = await clientIdOf('northwind');
    globex = await clientIdOf('globex');
    tokens = {};
    for (const email of ['viewer@northwind.demo', 'viewer@globex.demo', 'agent1@switchboard.demo', 'agent3@switchboard.demo', 'admin@switchboard.demo', 'lead1@switchboard.demo']) {
      tokens[email] = (await login(t.url, email)).accessToken;
    }
  });
  afterAll(() => t.close());

  it('a client viewer sees only their own client', async () => {
    const list = await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: tokens['viewer@northwind.demo'] });
    expect(list.body.items.map((c) => c.slug)).toEqual(['northwind']);
    const me = await http<MeResponse>(t.url, 'GET', '/api/me', { token: tokens['viewer@northwind.demo'] });
    expect(me.body.clients.map((c) => c.slug)).toEqual(['northwind']);
    expect(me.body.teams).toEqual([]);
    const inboxes = await http<Page<InboxView>>(t.url, 'GET', `/api/clients/${northwind}/inboxes`, { token: tokens['viewer@northwind.demo'] });
    expect(inboxes.body.items.map((i) => i.address).sort()).toEqual(['+1-800-555-0142', 'northwind.demo/chat', 'support@northwind.demo']);
  });

  it.each([
    ['viewer@northwind.demo', 'globex'],
    ['viewer@globex.demo', 'northwind'],
    ['agent1@switchboard.demo', 'northwind'],
    ['agent3@switchboard.demo', 'globex'],
  ])('%s cannot read any %s row through any client route', async (email, foreignSlug) => {
    const foreign = foreignSlug === 'globex' ? globex : northwind;
    for (const path of [`/api/clients/${foreign}`, `/api/clients/${foreign}/inboxes`, `/api/clients/${foreign}/staffing`]) {
      const r = await http<ErrorResponse>(t.url, 'GET', path, { token: tokens[email] });
      expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
      expect(JSON.stringify(r.body)).not.toContain(foreignSlug === 'globex' ? 'Globex' : 'Northwind');
    }
    const list = await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: tokens[email] });
    expect(list.body.items.map((c) => c.id)).not.toContain(foreign);
  });

  it('client users cannot reach the provider workforce', async () => {
    for (const path of ['/api/presence/board', '/api/presence/me']) {
      const r = await http<ErrorResponse>(t.url, 'GET', path, { token: tokens['viewer@northwind.demo'] });
      expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  it('an admin sees every client; a lead sees the clients they cover', async () => {
    const admin = await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: tokens['admin@switchboard.demo'] });
    expect(admin.body.items.map((c) => c.slug)).toEqual(['globex', 'northwind']);
    const agent = await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: tokens['agent1@switchboard.demo'] });
    expect(agent.body.items.map((c) => c.slug)).toEqual(['globex']);
  });

  it('a malformed client id is a validation error, not a crash', async () => {
    const r = await http<ErrorResponse>(t.url, 'GET', `/api/clients/not-a-uuid'--/inboxes`, { token: tokens['admin@switchboard.demo'] });
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  describe('row-level security on its own', () => {
    let viewer: Principal;
    beforeAll(async () => {
      const claims = JSON.parse(Buffer.from(tokens['viewer@northwind.demo'].split('.')[1], 'base64url').toString());
      viewer = await t.app.get(PrincipalService).load(claims.sub, claims.sid);
    });

    it('blocks a query whose service-level filter was removed', async () => {
      const db = t.app.get(TenantDatabase);
      const rows = await db.run(viewer, async (m) => ({
        clients: await m.query('SELECT slug FROM clients'),
        inboxes: await m.query('SELECT client_id FROM inboxes'),
        users: await m.query('SELECT email FROM users'),
        staff: await m.query('SELECT * FROM staff_clients'),
        agents: await m.query('SELECT * FROM agent_profiles'),
        teams: await m.query('SELECT * FROM teams'),
      }));
      expect(rows.clients).toEqual([{ slug: 'northwind' }]);
      expect(rows.inboxes.every((i: { client_id: string }) => i.client_id === northwind)).toBe(true);
      expect(rows.inboxes).toHaveLength(3);
      // The client's own users only (its viewer and its admin): no staff, no other client's users.
      expect(rows.users.map((u: { email: string }) => u.email).sort()).toEqual(['admin@northwind.demo', 'viewer@northwind.demo']);
      expect(rows.staff.every((s: { client_id: string }) => s.client_id === northwind)).toBe(true);
      expect(rows.agents).toEqual([]);
      expect(rows.teams).toEqual([]);
    });

    it('returns no client rows at all when no tenant is set', async () => {
      const client = new Client({ connectionString: appUrl(t) });
      await client.connect();
      try {
        for (const table of ['clients', 'inboxes', 'staff_clients', 'users', 'audit_log', 'agent_profiles']) {
          expect((await client.query(`SELECT * FROM ${table}`)).rowCount).toBe(0);
        }
      } finally {
        await client.end();
      }
    });

    it('the application role owns nothing and cannot switch RLS off or bypass it', async () => {
      const client = new Client({ connectionString: appUrl(t) });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
        expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
        const owned = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
        expect(owned.rowCount).toBe(0);
        await expect(client.query('ALTER TABLE clients DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/must be owner/);
        await expect(client.query('SET row_security = off; SELECT * FROM clients')).rejects.toThrow(/row-level security/);
        await expect(client.query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/permission denied/);
        await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      } finally {
        await client.end();
      }
    });

    it('cannot write a row into another client', async () => {
      const db = t.app.get(TenantDatabase);
      await expect(
        db.run(viewer, (m) => m.query(`INSERT INTO inboxes (client_id, channel, name, address) VALUES ($1, 'email', 'sneaky', 'sneaky@globex.demo')`, [globex])),
      ).rejects.toThrow(/row-level security/);
      const updated = await db.run(viewer, (m) => m.query(`UPDATE clients SET name = 'pwned' WHERE id = $1`, [globex]));
      expect(updated[1]).toBe(0);
    });
  });
});

function appUrl(t: TestApp): string {
  const url = new URL(process.env['TEST_DATABASE_URL'] as string);
  url.username = t.config.database.appRole;
  url.password = t.config.database.appPassword;
  return url.toString();
}
