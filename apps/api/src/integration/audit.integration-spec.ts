import type { AuditEntryView, ErrorResponse, Page, RevealContactResponse } from '@switchboard/shared-contracts';
import { populatedWorld, type PopulatedWorld } from '../testing/attack-world';
import { destroyRoutingWorlds } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

describe('audit log search and just-in-time PII reveal', () => {
  let t: TestApp;
  let a: PopulatedWorld;
  let b: PopulatedWorld;
  let tokens: { agent: string; lead: string; clientAdmin: string; viewer: string; otherClientAdmin: string; admin: string; otherAgent: string };
  let other: { id: string; email: string };
  const auditCount = async () => (await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    a = await populatedWorld('audit-a');
    b = await populatedWorld('audit-b');
    // Client A masks contact details from offshore agents.
    await ownerQuery(`UPDATE clients SET pii_policy = '{"email": "partial", "phone": "hidden"}' WHERE id = $1`, [a.ids.client]);
    other = await a.world.agent('Other Agent');
    tokens = {
      agent: (await login(t.url, a.users.agent.email)).accessToken,
      lead: (await login(t.url, a.users.lead.email)).accessToken,
      clientAdmin: (await login(t.url, a.users.clientAdmin.email)).accessToken,
      viewer: (await login(t.url, a.users.viewer.email)).accessToken,
      otherClientAdmin: (await login(t.url, b.users.clientAdmin.email)).accessToken,
      admin: (await login(t.url, 'admin@switchboard.demo')).accessToken,
      otherAgent: (await login(t.url, other.email)).accessToken,
    };
  });
  afterAll(async () => {
    await destroyRoutingWorlds();
    await t.close();
  });

  const reveal = (token: string, ticketId: string, body: unknown) => http<RevealContactResponse & ErrorResponse>(t.url, 'POST', `/api/tickets/${ticketId}/reveal`, { token, body });

  it('the ticket shows the contact masked; the handling agent reveals one field with a reason, and it is not cached', async () => {
    const detail = await http<{ contact: { email: string; phone: string; revealable: string[] } }>(t.url, 'GET', `/api/tickets/${a.ids.ticket}`, { token: tokens.agent });
    expect(detail.body.contact.email).not.toContain(a.secret.toLowerCase());
    expect(detail.body.contact.phone).toBe('(hidden)');
    // The console offers Reveal exactly where the API would grant it: the handling agent, masked fields with a value.
    expect(detail.body.contact.revealable).toEqual(['email', 'phone'].filter((field) => detail.body.contact[field as 'email' | 'phone'] !== null));
    const notMine = await http<{ contact: { revealable: string[] } }>(t.url, 'GET', `/api/tickets/${a.ids.ticket}`, { token: tokens.otherAgent });
    if (notMine.status === 200) expect(notMine.body.contact.revealable).toEqual([]);
    const shown = await reveal(tokens.agent, a.ids.ticket, { field: 'email', reason: 'Customer asked for the invoice by email' });
    expect([shown.status, shown.body]).toEqual([200, { field: 'email', value: `${a.secret.toLowerCase()}@example.com` }]);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    const [entry] = await ownerQuery<{ action: string; client_id: string; actor_user_id: string; details: Record<string, unknown> }>(`SELECT * FROM audit_log WHERE action = 'pii.revealed' AND actor_user_id = $1`, [a.users.agent.id]);
    expect(entry).toMatchObject({ client_id: a.ids.client, details: { field: 'email', reason: 'Customer asked for the invoice by email', ticketId: a.ids.ticket } });
  });

  it('refuses a reveal without a reason, of another agent’s ticket, of a foreign ticket, by a client user, or of an unmasked field — logging nothing', async () => {
    const before = await auditCount();
    const cases: [string, unknown, string, number, string][] = [
      [tokens.agent, { field: 'phone' }, a.ids.ticket, 400, 'VALIDATION_FAILED'],
      [tokens.agent, { field: 'phone', reason: '  ' }, a.ids.ticket, 400, 'VALIDATION_FAILED'],
      [tokens.agent, { field: 'address', reason: 'because I can' }, a.ids.ticket, 400, 'VALIDATION_FAILED'],
      [tokens.agent, { field: 'phone', reason: 'to call back', clientId: b.ids.client }, a.ids.ticket, 400, 'VALIDATION_FAILED'],
      [tokens.otherAgent, { field: 'phone', reason: 'curious about it' }, a.ids.ticket, 403, 'FORBIDDEN'],
      [tokens.agent, { field: 'phone', reason: 'wrong client, surely' }, b.ids.ticket, 404, 'NOT_FOUND'],
      [tokens.viewer, { field: 'phone', reason: 'client wants to see' }, a.ids.ticket, 403, 'FORBIDDEN'],
      [tokens.agent, { field: 'phone', reason: 'to call back' }, 'not-a-uuid', 400, 'VALIDATION_FAILED'],
    ];
    for (const [token, body, ticketId, status, code] of cases) {
      const r = await reveal(token, ticketId, body);
      expect({ body, status: r.status, code: r.body.error?.code }).toEqual({ body, status, code });
    }
    await ownerQuery(`UPDATE clients SET pii_policy = '{"email": "full", "phone": "full"}' WHERE id = $1`, [b.ids.client]);
    const bAgent = (await login(t.url, b.users.agent.email)).accessToken;
    const full = await reveal(bAgent, b.ids.ticket, { field: 'email', reason: 'it is shown anyway' });
    expect([full.status, full.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await auditCount()).toBe(before + 1); // only the sign-in of B's agent
  });

  it('the client admin sees who revealed what and why, and who signed in; another client’s admin and viewers do not', async () => {
    const page = await http<Page<AuditEntryView>>(t.url, 'GET', '/api/audit?action=pii.*', { token: tokens.clientAdmin });
    expect(page.status).toBe(200);
    expect(page.body.items).toEqual([
      expect.objectContaining({ action: 'pii.revealed', clientId: a.ids.client, actor: { id: a.users.agent.id, displayName: a.users.agent.name, role: 'agent' }, details: expect.objectContaining({ field: 'email', reason: 'Customer asked for the invoice by email' }) }),
    ]);
    // Nothing in it names an email address of the provider's staff.
    expect(JSON.stringify(page.body)).not.toContain(a.users.agent.email);
    const everything = await http<Page<AuditEntryView>>(t.url, 'GET', '/api/audit?limit=100', { token: tokens.clientAdmin });
    expect(everything.body.items.every((e) => e.clientId === a.ids.client)).toBe(true);
    expect(everything.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['pii.revealed', 'auth.login']));

    const other = await http<Page<AuditEntryView>>(t.url, 'GET', '/api/audit?action=pii.*', { token: tokens.otherClientAdmin });
    expect(other.body.items).toEqual([]);
    const peek = await http<ErrorResponse>(t.url, 'GET', `/api/audit?clientId=${a.ids.client}`, { token: tokens.otherClientAdmin });
    expect([peek.status, peek.body.error.code]).toEqual([404, 'NOT_FOUND']);
    for (const token of [tokens.viewer, tokens.agent, tokens.lead]) expect((await http(t.url, 'GET', '/api/audit', { token })).status).toBe(403);
  });

  it('admins search everything by client, action, actor and time, page by page; bad filters are 400', async () => {
    const byClient = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?clientId=${a.ids.client}&actorId=${a.users.agent.id}`, { token: tokens.admin });
    expect(byClient.body.items.map((e) => e.action)).toEqual(['pii.revealed']);
    // A staff sign-in belongs to no client: admins see it, client admins do not.
    const byActor = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?actorId=${a.users.agent.id}`, { token: tokens.admin });
    expect(byActor.body.items.map((e) => [e.action, e.clientId])).toEqual([['pii.revealed', a.ids.client], ['auth.login', null]]);
    const logins = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?action=auth.login&limit=2&from=2020-01-01`, { token: tokens.admin });
    expect(logins.body.items).toHaveLength(2);
    expect(logins.body.nextCursor).not.toBeNull();
    const next = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?action=auth.login&limit=2&after=${logins.body.nextCursor}`, { token: tokens.admin });
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(logins.body.items[1].id));
    expect((await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?to=2020-01-01`, { token: tokens.admin })).body.items).toEqual([]);
    for (const query of ['action=%27%20OR%201%3D1--', 'from=yesterday', 'clientId=nope', 'after=zzz', 'limit=1000', 'action=pii.%25']) {
      const r = await http<ErrorResponse>(t.url, 'GET', `/api/audit?${query}`, { token: tokens.admin });
      expect({ query, status: r.status, code: r.body.error?.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
  });

  it('a lead giving a ticket to another agent is on the client’s record: who, from whom, to whom', async () => {
    const [{ id: ticketId }] = await ownerQuery<{ id: string }>(
      `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, assignee_id, assigned_at) SELECT client_id, inbox_id, contact_id, 'chat', 'assigned', $2, now() FROM tickets WHERE id = $1 RETURNING id`,
      [a.ids.ticket, a.users.agent.id],
    );
    const given = await http<{ assigneeId: string }>(t.url, 'POST', `/api/tickets/${ticketId}/assign`, { token: tokens.lead, body: { agentId: other.id } });
    expect([given.status, given.body.assigneeId]).toEqual([200, other.id]);
    const page = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?action=ticket.reassigned&targetId=${ticketId}`, { token: tokens.clientAdmin });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0]).toMatchObject({ action: 'ticket.reassigned', clientId: a.ids.client, targetType: 'ticket', actor: { id: a.users.lead.id }, details: { fromAgentId: a.users.agent.id, toAgentId: other.id } });
    // Another client's admin does not see it.
    const foreign = await http<Page<AuditEntryView>>(t.url, 'GET', `/api/audit?action=ticket.reassigned`, { token: tokens.otherClientAdmin });
    expect(foreign.body.items.filter((entry) => entry.targetId === ticketId)).toEqual([]);
  });
});
