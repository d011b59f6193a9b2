import type { CannedResponseView, ClientView, DispositionView, ErrorResponse, Page } from '@switchboard/shared-contracts';
import { Client } from 'pg';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/** Canned responses and disposition codes: each client's own, read by its staff, edited by admins. */
describe('desk content per client', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let globex: string;
  let northwind: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    agent = (await login(t.url, 'agent1@switchboard.demo')).accessToken; // Maria: Globex only
    const clients = (await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: admin })).body.items;
    globex = clients.find((c) => c.slug === 'globex')!.id;
    northwind = clients.find((c) => c.slug === 'northwind')!.id;
  });
  afterAll(async () => {
    await ownerQuery(`DELETE FROM canned_responses WHERE shortcut LIKE 'spec-%'`);
    await ownerQuery(`DELETE FROM disposition_codes WHERE code LIKE 'spec_%'`);
    await t.close();
  });

  it('an agent reads the canned responses and codes of their clients only', async () => {
    const canned = await http<Page<CannedResponseView>>(t.url, 'GET', `/api/clients/${globex}/canned-responses`, { token: agent });
    expect(canned.status).toBe(200);
    expect(canned.body.items.map((c) => c.shortcut)).toEqual(['close', 'damaged', 'greet', 'tracking']);
    expect(canned.body.items.every((c) => c.clientId === globex)).toBe(true);
    const codes = await http<Page<DispositionView>>(t.url, 'GET', `/api/clients/${globex}/dispositions`, { token: agent });
    expect(codes.body.items.map((d) => d.code)).toEqual(['order_status', 'replacement_sent', 'refund_issued', 'no_action']);

    for (const path of [`/api/clients/${northwind}/canned-responses`, `/api/clients/${northwind}/dispositions`, '/api/clients/not-a-uuid/dispositions']) {
      const refused = await http<ErrorResponse>(t.url, 'GET', path, { token: agent });
      expect([path, refused.status]).toEqual([path, path.includes('not-a-uuid') ? 400 : 404]);
    }
    const viewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await http(t.url, 'GET', `/api/clients/${globex}/canned-responses`, { token: viewer })).status).toBe(403);
  });

  it('admins add, change and remove them; agents may not; bad input changes nothing', async () => {
    const body = { shortcut: 'spec-hello', title: 'Spec hello', body: 'Hello {{contact.firstName}}, this is {{agent.firstName}}.' };
    expect((await http(t.url, 'POST', `/api/clients/${globex}/canned-responses`, { token: agent, body })).status).toBe(403);
    const created = await http<CannedResponseView>(t.url, 'POST', `/api/clients/${globex}/canned-responses`, { token: admin, body });
    expect(created.status).toBe(201);

    const bad = [
      [{ ...body, shortcut: 'spec-hello' }, 'shortcut', 'is already used by another canned response of this client'],
      [{ ...body, shortcut: 'Spec Hello' }, 'shortcut', 'may hold lowercase letters'],
      [{ ...body, shortcut: 'spec-typo', body: 'Hi {{contact.firstname}}' }, 'body', 'uses placeholders Switchboard does not fill: {{contact.firstname}}'],
      [{ ...body, shortcut: 'spec-empty', body: '   ' }, 'body', 'must not be empty'],
      [{ ...body, shortcut: 'spec-long', title: 'x'.repeat(101) }, 'title', ''],
    ] as const;
    for (const [request, field, message] of bad) {
      const refused = await http<ErrorResponse>(t.url, 'POST', `/api/clients/${globex}/canned-responses`, { token: admin, body: request });
      expect(refused.status).toBe(400);
      expect(refused.body.error.fields?.[0]).toMatchObject({ field, message: expect.stringContaining(message) });
    }
    const rows = await ownerQuery<{ shortcut: string }>(`SELECT shortcut FROM canned_responses WHERE shortcut LIKE 'spec-%'`);
    expect(rows.map((r) => r.shortcut)).toEqual(['spec-hello']);

    const changed = await http<CannedResponseView>(t.url, 'PUT', `/api/canned-responses/${created.body.id}`, { token: admin, body: { ...body, title: 'Spec greeting' } });
    expect(changed.body.title).toBe('Spec greeting');
    expect((await http(t.url, 'DELETE', `/api/canned-responses/${created.body.id}`, { token: agent })).status).toBe(403);
    expect((await http(t.url, 'DELETE', `/api/canned-responses/${created.body.id}`, { token: admin })).status).toBe(204);
    expect((await http(t.url, 'DELETE', `/api/canned-responses/${created.body.id}`, { token: admin })).status).toBe(404);

    // Each change is in the audit log with who made it and for which client; refusals wrote nothing there.
    const audit = await ownerQuery<{ action: string; client_id: string; target_id: string; details: { shortcut: string; title?: string } }>(
      `SELECT action, client_id, target_id, details FROM audit_log WHERE target_type = 'canned_response' AND target_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a) => [a.action, a.client_id, a.details.shortcut, a.details.title ?? null])).toEqual([
      ['canned_response.created', globex, 'spec-hello', 'Spec hello'],
      ['canned_response.updated', globex, 'spec-hello', 'Spec greeting'],
      ['canned_response.deleted', globex, 'spec-hello', null],
    ]);
  });

  it('row-level security: as the application role, a lead or an agent writes no canned response nor code, even past the API', async () => {
    const db = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await db.connect();
    try {
      for (const role of ['agent', 'team_lead']) {
        await db.query('BEGIN');
        await db.query('SET LOCAL ROLE switchboard_app');
        await db.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', $2, true)`, [globex, role]);
        expect((await db.query('SELECT 1 FROM canned_responses')).rows.length).toBeGreaterThan(0); // reads them
        expect((await db.query(`UPDATE canned_responses SET body = 'hacked'`)).rowCount).toBe(0);
        expect((await db.query('DELETE FROM canned_responses')).rowCount).toBe(0);
        expect((await db.query(`UPDATE disposition_codes SET label = 'hacked'`)).rowCount).toBe(0);
        await expect(db.query(`INSERT INTO disposition_codes (client_id, code, label) VALUES ($1, 'spec_rls', 'x')`, [globex])).rejects.toThrow(/row-level security/);
        await db.query('ROLLBACK');
      }
      await db.query('BEGIN');
      await db.query('SET LOCAL ROLE switchboard_app');
      await db.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', 'admin', true)`, [globex]);
      expect((await db.query(`UPDATE disposition_codes SET label = label WHERE client_id = $1`, [globex])).rowCount).toBeGreaterThan(0);
      await db.query('ROLLBACK');
    } finally {
      await db.end();
    }
  });

  it('a disposition is retired, not deleted (only admins may), and a code is never taken twice', async () => {
    const code = await http<DispositionView>(t.url, 'POST', `/api/clients/${northwind}/dispositions`, { token: admin, body: { code: 'spec_callback', label: 'Call back promised' } });
    expect(code.status).toBe(201);
    const twice = await http<ErrorResponse>(t.url, 'POST', `/api/clients/${northwind}/dispositions`, { token: admin, body: { code: 'spec_callback', label: 'Again' } });
    expect(twice.body.error.fields).toEqual([{ field: 'code', message: 'is already a disposition of this client' }]);
    const retired = await http<DispositionView>(t.url, 'PATCH', `/api/dispositions/${code.body.id}`, { token: admin, body: { active: false } });
    expect(retired.body).toMatchObject({ code: 'spec_callback', active: false, label: 'Call back promised' });
    expect((await http(t.url, 'PATCH', `/api/dispositions/${code.body.id}`, { token: agent, body: { active: true } })).status).toBe(403);
  });
});
