import type { ClientView, ErrorResponse, PlaybookRequest, PlaybookView, Page } from '@switchboard/shared-contracts';
import { Client } from 'pg';
import { Playbooks1764500000000 } from '../database/migrations/1764500000000-playbooks';
import { DEMO_PLAYBOOKS } from '../database/seed/demo-data';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/** Each client's playbook: read by the client's staff beside the conversation, replaced whole by admins. */
describe('client playbooks', () => {
  let t: TestApp;
  let admin: string;
  let maria: string; // agent1: Globex only
  let ana: string; // agent3: Northwind only
  let globex: string;
  let northwind: string;
  let demoPlaybooks: { client_id: string; greeting: string; script: string; dos: string[]; donts: string[]; links: unknown; updated_at: Date; updated_by: string | null }[];

  const path = (clientId: string) => `/api/clients/${clientId}/playbook`;
  const good: PlaybookRequest = {
    greeting: 'Hello {{contact.firstName}}, {{agent.firstName}} here.',
    script: 'Step one.\nStep two.',
    dos: ['Smile'],
    donts: ['Rush'],
    links: [{ label: 'Handbook', url: 'https://globex.example/spec-handbook' }],
  };
  const stored = async (clientId: string) => (await ownerQuery<{ greeting: string; links: unknown }>('SELECT greeting, links FROM playbooks WHERE client_id = $1', [clientId]))[0] ?? null;

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    maria = (await login(t.url, 'agent1@switchboard.demo')).accessToken;
    ana = (await login(t.url, 'agent3@switchboard.demo')).accessToken;
    const clients = (await http<Page<ClientView>>(t.url, 'GET', '/api/clients', { token: admin })).body.items;
    globex = clients.find((c) => c.slug === 'globex')!.id;
    northwind = clients.find((c) => c.slug === 'northwind')!.id;
    demoPlaybooks = await ownerQuery('SELECT * FROM playbooks');
  });
  afterAll(async () => {
    // Put the demo playbooks back as the seed left them, for the suites that run after this one.
    await ownerQuery('DELETE FROM playbooks');
    for (const p of demoPlaybooks) {
      await ownerQuery('INSERT INTO playbooks (client_id, greeting, script, dos, donts, links, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        p.client_id,
        p.greeting,
        p.script,
        p.dos,
        p.donts,
        JSON.stringify(p.links),
        p.updated_at,
        p.updated_by,
      ]);
    }
    await t.close();
  });

  it('staff of the client read its playbook: the demo brief as seeded', async () => {
    const read = await http<PlaybookView>(t.url, 'GET', path(globex), { token: maria });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ clientId: globex, ...DEMO_PLAYBOOKS['globex'], updatedByName: null });
    expect(read.body.links.every((link) => link.url.startsWith('https://'))).toBe(true);

    const lead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    expect((await http<PlaybookView>(t.url, 'GET', path(northwind), { token: lead })).body.greeting).toBe(DEMO_PLAYBOOKS['northwind'].greeting);
  });

  it('an agent of another client gets 404 and nothing of it; client users and strangers get nothing either', async () => {
    for (const [token, clientId] of [
      [maria, northwind],
      [ana, globex],
    ]) {
      const refused = await http<ErrorResponse>(t.url, 'GET', path(clientId), { token });
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('NOT_FOUND');
      expect(JSON.stringify(refused.body)).not.toMatch(/greeting|script|example/i);
    }
    // An unknown client answers the same as another client's.
    expect((await http<ErrorResponse>(t.url, 'GET', path('00000000-0000-4000-8000-000000000000'), { token: maria })).status).toBe(404);
    expect((await http<ErrorResponse>(t.url, 'GET', path('not-a-uuid'), { token: maria })).body.error.fields).toEqual([{ field: 'clientId', message: 'must be a UUID' }]);
    const viewer = (await login(t.url, 'viewer@globex.demo')).accessToken;
    expect((await http(t.url, 'GET', path(globex), { token: viewer })).status).toBe(403);
    expect((await http(t.url, 'GET', path(globex))).status).toBe(401);
  });

  it('a client with no playbook yet reads as an empty one, not a 404', async () => {
    await ownerQuery('DELETE FROM playbooks WHERE client_id = $1', [northwind]);
    const read = await http<PlaybookView>(t.url, 'GET', path(northwind), { token: ana });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ clientId: northwind, greeting: '', script: '', dos: [], donts: [], links: [], updatedAt: null, updatedByName: null });
  });

  it('only admins replace it: agents and leads are refused and nothing changes', async () => {
    const before = await stored(globex);
    const lead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    for (const token of [maria, lead]) {
      const refused = await http<ErrorResponse>(t.url, 'PUT', path(globex), { token, body: good });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
    expect(await stored(globex)).toEqual(before);
  });

  it('refuses bad input with VALIDATION_FAILED and a field error, and writes nothing', async () => {
    const before = await stored(globex);
    const link = (url: string) => ({ ...good, links: [good.links[0], { label: 'Bad', url }] });
    const bad: [string, unknown, string, string][] = [
      ['javascript: link', link('javascript:alert(document.cookie)'), 'links.1.url', 'must be a web address starting with http:// or https://'],
      ['data: link', link('data:text/html,<script>alert(1)</script>'), 'links.1.url', 'must be a web address starting with http:// or https://'],
      ['link with a user name', link('https://globex.example@evil.example/'), 'links.1.url', 'must not carry a user name or password'],
      ['over-long greeting', { ...good, greeting: 'g'.repeat(1_001) }, 'greeting', 'must be at most 1000 characters'],
      ['over-long script', { ...good, script: 's'.repeat(8_001) }, 'script', 'must be at most 8000 characters'],
      ['over-long do', { ...good, dos: ['ok', 'd'.repeat(301)] }, 'dos.1', 'must be at most 300 characters'],
      ['too many don’ts', { ...good, donts: Array.from({ length: 21 }, (_, i) => `don’t ${i}`) }, 'donts', 'may hold at most 20 items'],
      ['too many links', { ...good, links: Array.from({ length: 11 }, (_, i) => ({ label: `L${i}`, url: `https://globex.example/${i}` })) }, 'links', 'may hold at most 10 links'],
      ['blank do', { ...good, dos: ['   '] }, 'dos.0', 'must not be empty'],
      ['unknown placeholder', { ...good, greeting: 'Hi {{customer.name}}' }, 'greeting', 'uses placeholders Switchboard does not fill: {{customer.name}}'],
      ['foreign clientId in the body', { ...good, clientId: northwind }, 'clientId', 'is not a known field'],
      ['unknown field in a link', { ...good, links: [{ ...good.links[0], onclick: 'x' }] }, 'links.0.onclick', 'is not a known field'],
      ['missing field', { greeting: 'Hi', script: '', dos: [], donts: [] }, 'links', ''],
      ['a do that is not text', { ...good, dos: [42] }, 'dos', 'string'],
    ];
    for (const [name, body, field, message] of bad) {
      const refused = await http<ErrorResponse>(t.url, 'PUT', path(globex), { token: admin, body });
      expect([name, refused.status, refused.body.error.code]).toEqual([name, 400, 'VALIDATION_FAILED']);
      expect([name, refused.body.error.fields]).toEqual([name, expect.arrayContaining([{ field, message: expect.stringContaining(message) }])]);
    }
    expect(await stored(globex)).toEqual(before);
    expect(await ownerQuery(`SELECT 1 FROM audit_log WHERE action = 'playbook.updated'`)).toEqual([]);
  });

  it('an admin’s good PUT is read back by the client’s agents (tidied), with who changed it, and audited', async () => {
    const saved = await http<PlaybookView>(t.url, 'PUT', path(globex), { token: admin, body: { ...good, greeting: `  ${good.greeting}  `, dos: [' Smile '] } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ clientId: globex, ...good, updatedByName: 'Avery Admin' });

    const read = await http<PlaybookView>(t.url, 'GET', path(globex), { token: maria });
    expect(read.body).toEqual(saved.body);
    expect(Date.parse(read.body.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // The other client's playbook is untouched, and the first write of a client with none works too.
    expect((await http<PlaybookView>(t.url, 'GET', path(northwind), { token: ana })).body.greeting).toBe('');
    const first = await http<PlaybookView>(t.url, 'PUT', path(northwind), { token: admin, body: { greeting: '', script: 'Northwind script', dos: [], donts: [], links: [] } });
    expect(first.body).toMatchObject({ clientId: northwind, script: 'Northwind script', updatedByName: 'Avery Admin' });
    expect((await http<PlaybookView>(t.url, 'GET', path(globex), { token: maria })).body.script).toBe(good.script);

    const audit = await ownerQuery<{ client_id: string; details: { links: string[] } }>(`SELECT client_id, details FROM audit_log WHERE action = 'playbook.updated' ORDER BY id`);
    expect(audit.map((a) => a.client_id)).toEqual([globex, northwind]);
    expect(audit[0].details.links).toEqual(['https://globex.example/spec-handbook']);
  });

  it('row-level security: the application role cannot write a playbook as an agent, nor store a javascript: link at all', async () => {
    const url = new URL(process.env['TEST_DATABASE_URL'] as string);
    const db = new Client({ connectionString: url.toString() });
    await db.connect();
    try {
      await db.query('BEGIN');
      await db.query('SET LOCAL ROLE switchboard_app');
      await db.query(`SELECT set_config('app.client_ids', $1, true), set_config('app.role', 'agent', true)`, [globex]);
      expect((await db.query('SELECT greeting FROM playbooks')).rows).toHaveLength(1); // reads its own client's only
      expect((await db.query(`UPDATE playbooks SET greeting = 'hacked'`)).rowCount).toBe(0);
      await expect(db.query(`INSERT INTO playbooks (client_id) VALUES ($1)`, [northwind])).rejects.toThrow(/row-level security/);
      await db.query('ROLLBACK');
      await expect(db.query(`UPDATE playbooks SET links = '[{"label":"x","url":"javascript:alert(1)"}]' WHERE client_id = $1`, [globex])).rejects.toThrow(/check constraint/);
    } finally {
      await db.end();
    }
    expect((await stored(globex))?.greeting).toBe(good.greeting);
  });

  it('the migration goes down and up again', async () => {
    const db = new Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await db.connect();
    const runner = { query: (sql: string) => db.query(sql) } as never;
    try {
      await db.query('BEGIN');
      await new Playbooks1764500000000().down(runner);
      expect((await db.query(`SELECT to_regclass('playbooks') AS t`)).rows[0].t).toBeNull();
      await new Playbooks1764500000000().up(runner);
      expect((await db.query(`SELECT count(*)::int AS n FROM pg_policies WHERE tablename = 'playbooks'`)).rows[0].n).toBe(4);
      await db.query('ROLLBACK');
    } finally {
      await db.end();
    }
  });
});
