import type { CannedResponseView, ClientView, DispositionView, ErrorResponse } from '@switchboard/shared-contracts';
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
    const clients = (await http<ClientView[]>(t.url, 'GET', '/api/clients', { token: admin })).body;
    globex = clients.find((c) => c.slug === 'globex')!.id;
    northwind = clients.find((c) => c.slug === 'northwind')!.id;
  });
  afterAll(async () => {
    await ownerQuery(`DELETE FROM canned_responses WHERE shortcut LIKE 'spec-%'`);
    await ownerQuery(`DELETE FROM disposition_codes WHERE code LIKE 'spec_%'`);
    await t.close();
  });

  it('an agent reads the canned responses and codes of their clients only', async () => {
    const canned = await http<CannedResponseView[]>(t.url, 'GET', `/api/clients/${globex}/canned-responses`, { token: agent });
    expect(canned.status).toBe(200);
    expect(canned.body.map((c) => c.shortcut)).toEqual(['close', 'damaged', 'greet', 'tracking']);
    expect(canned.body.every((c) => c.clientId === globex)).toBe(true);
    const codes = await http<DispositionView[]>(t.url, 'GET', `/api/clients/${globex}/dispositions`, { token: agent });
    expect(codes.body.map((d) => d.code)).toEqual(['order_status', 'replacement_sent', 'refund_issued', 'no_action']);

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
