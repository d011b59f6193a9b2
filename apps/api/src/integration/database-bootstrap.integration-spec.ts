import { prepareDatabase } from '@switchboard/api-database';
import { createRootLogger } from '@switchboard/api-platform';
import { Client } from 'pg';
import { MIGRATIONS } from '../database/data-source';
import { DEFAULT_SERVICE_LEVEL_RULE, type Channel } from '@switchboard/shared-contracts';
import { addMonths, kpiReport, projectTicketFact, type TicketEventRecord } from '@switchboard/shared-domain';
import { seedDemoData } from '../database/seed/demo.seed';
import { ownerQuery } from '../testing/test-app';

describe('database preparation', () => {
  const name = `switchboard_race_${Date.now()}`;
  let url: string;

  beforeAll(async () => {
    await ownerQuery(`CREATE DATABASE ${name}`);
    const parsed = new URL(process.env['TEST_DATABASE_URL'] as string);
    parsed.pathname = `/${name}`;
    url = parsed.toString();
  });
  afterAll(() => ownerQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('lets two nodes start on one empty database at once: one migrates, both come up', async () => {
    const prepare = () => prepareDatabase({ ownerUrl: url, appRole: 'switchboard_app', appPassword: 'switchboard-app-local', migrations: MIGRATIONS });
    const [a, b] = await Promise.all([prepare(), prepare()]);
    expect(a.appUrl).toBe(b.appUrl);
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      // Each migration applied exactly once, in order.
      expect((await db.query('SELECT name FROM schema_migrations ORDER BY id')).rows).toEqual(MIGRATIONS.map((m) => ({ name: m.name })));
    } finally {
      await db.end();
    }
  });

  it('seeds the demo data exactly once', async () => {
    const log = createRootLogger('silent');
    expect(await seedDemoData(url, log)).toBe(true);
    expect(await seedDemoData(url, log)).toBe(false);
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(13);
      const clientAdmins = `SELECT u.email, c.slug FROM users u JOIN clients c ON c.id = u.client_id WHERE u.role = 'client_admin' ORDER BY u.email`;
      expect((await db.query(clientAdmins)).rows).toEqual([{ email: 'admin@globex.demo', slug: 'globex' }, { email: 'admin@northwind.demo', slug: 'northwind' }]);
      // A demo seeded before client admins gets them once.
      await db.query(`DELETE FROM users WHERE role = 'client_admin'`);
      await db.query(`DELETE FROM app_meta WHERE key = 'demo_seed_client_admins'`);
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query(clientAdmins)).rows).toHaveLength(2);
      expect((await db.query('SELECT slug FROM clients ORDER BY slug')).rows).toEqual([{ slug: 'globex' }, { slug: 'northwind' }]);
      expect((await db.query('SELECT c.slug FROM playbooks p JOIN clients c ON c.id = p.client_id ORDER BY c.slug')).rows).toEqual([{ slug: 'globex' }, { slug: 'northwind' }]);

      // A demo seeded before playbooks existed gets them once, and a playbook an admin wrote stays.
      await db.query(`DELETE FROM app_meta WHERE key = 'demo_seed_playbooks'`);
      await db.query(`DELETE FROM playbooks WHERE client_id = (SELECT id FROM clients WHERE slug = 'globex')`);
      await db.query(`UPDATE playbooks SET greeting = 'Written by an admin'`);
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query('SELECT c.slug, p.greeting FROM playbooks p JOIN clients c ON c.id = p.client_id ORDER BY c.slug')).rows).toEqual([
        { slug: 'globex', greeting: expect.stringContaining('thanks for contacting Globex') },
        { slug: 'northwind', greeting: 'Written by an admin' },
      ]);
      await db.query('DELETE FROM playbooks');
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query('SELECT count(*)::int AS n FROM playbooks')).rows[0].n).toBe(0);

      // The same for QA scorecards: one per demo client, topped up once for a demo seeded before QA,
      // never over a client that has a scorecard already (an admin's stays the only one).
      const scorecards = `SELECT c.slug, s.name, s.active, v.version FROM scorecards s JOIN clients c ON c.id = s.client_id JOIN scorecard_versions v ON v.scorecard_id = s.id ORDER BY c.slug`;
      expect((await db.query(scorecards)).rows).toEqual([
        { slug: 'globex', name: 'Globex chat quality', active: true, version: 1 },
        { slug: 'northwind', name: 'Northwind claims calls', active: true, version: 1 },
      ]);
      await db.query(`DELETE FROM app_meta WHERE key = 'demo_seed_scorecards'`);
      await db.query(`DELETE FROM scorecards WHERE client_id = (SELECT id FROM clients WHERE slug = 'globex')`);
      await db.query(`UPDATE scorecards SET name = 'Written by an admin'`);
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query(scorecards)).rows).toEqual([
        { slug: 'globex', name: 'Globex chat quality', active: true, version: 1 },
        { slug: 'northwind', name: 'Written by an admin', active: true, version: 1 },
      ]);
      await db.query('DELETE FROM scorecards');
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query('SELECT count(*)::int AS n FROM scorecards')).rows[0].n).toBe(0);

      // Each demo client has an SLA contract from last month (so the demo history has a statement),
      // topped up once for a demo seeded before contracts, never over a client's own contract.
      const lastMonth = addMonths(new Date().toISOString().slice(0, 7), -1);
      const contracts = `SELECT c.slug, v.version, v.effective_from, v.definition->'billing'->>'unit' AS unit FROM sla_contract_versions v JOIN clients c ON c.id = v.client_id ORDER BY c.slug`;
      expect((await db.query(contracts)).rows).toEqual([
        { slug: 'globex', version: 1, effective_from: lastMonth, unit: 'handled_ticket' },
        { slug: 'northwind', version: 1, effective_from: lastMonth, unit: 'handled_minute' },
      ]);
      await db.query(`DELETE FROM app_meta WHERE key = 'demo_seed_contracts'`);
      await db.query(`DELETE FROM sla_contract_versions WHERE client_id = (SELECT id FROM clients WHERE slug = 'globex')`);
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query(contracts)).rows.map((r) => r.slug)).toEqual(['globex', 'northwind']);
      await db.query('DELETE FROM sla_contract_versions');
      expect(await seedDemoData(url, log)).toBe(false);
      expect((await db.query('SELECT count(*)::int AS n FROM sla_contract_versions')).rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('tops a demo up once with a month of finished tickets that the KPI maths reads like any other', async () => {
    const log = createRootLogger('silent');
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n;
      const before = await count();
      expect(await seedDemoData(url, log, { history: true })).toBe(false);
      const seeded = (await count()) - before;
      expect(seeded).toBeGreaterThan(400);
      expect(await seedDemoData(url, log, { history: true })).toBe(false);
      expect((await count()) - before).toBe(seeded);
      // Closed, every one: no queue, board or desk shows the history.
      expect((await db.query(`SELECT count(*)::int AS n FROM tickets WHERE status NOT IN ('resolved', 'abandoned')`)).rows[0].n).toBe(0);
      // Each is marked for the reporting projector by the event trigger, as a product write would be.
      expect((await db.query('SELECT count(DISTINCT ticket_id)::int AS n FROM ticket_fact_pending')).rows[0].n).toBe(seeded);

      const { rows: tickets } = await db.query<{ id: string; contact_id: string; channel: Channel; language: string | null; created_at: Date }>(
        `SELECT t.id, t.contact_id, t.channel, t.language, t.created_at FROM tickets t JOIN clients c ON c.id = t.client_id WHERE c.slug = 'globex'`,
      );
      const { rows: events } = await db.query<{ ticket_id: string; type: string; at: Date; actor_user_id: string | null; data: Record<string, unknown> }>(
        `SELECT e.ticket_id, e.type, e.at, e.actor_user_id, e.data FROM ticket_events e JOIN clients c ON c.id = e.client_id WHERE c.slug = 'globex' ORDER BY e.id`,
      );
      const byTicket = new Map<string, TicketEventRecord[]>();
      for (const e of events) byTicket.set(e.ticket_id, [...(byTicket.get(e.ticket_id) ?? []), { type: e.type, at: e.at.toISOString(), actorUserId: e.actor_user_id, data: e.data }]);
      const facts = tickets.map((t) => projectTicketFact({ ticketId: t.id, contactId: t.contact_id, channel: t.channel, language: t.language, createdAt: t.created_at.toISOString() }, byTicket.get(t.id) ?? []));
      const report = kpiReport(facts, { serviceLevel: DEFAULT_SERVICE_LEVEL_RULE, percentileMethod: 'nearest_rank', fcrWindowDays: 7 });
      expect(report.offered).toBe(tickets.length);
      expect(report.serviceLevel.abandoned).toBeGreaterThan(0);
      expect(report.serviceLevel.answered).toBeGreaterThan(report.serviceLevel.abandoned);
      expect(report.serviceLevel.value).toBeGreaterThan(50);
      expect(report.serviceLevel.value).toBeLessThan(100);
      expect(report.firstResponse.n).toBe(report.serviceLevel.answered);
      expect(report.csat.responses).toBeGreaterThan(0);
      // The transcript a client reads has the customer's words and the agent's reply, no notes.
      const { rows: messages } = await db.query<{ direction: string }>('SELECT DISTINCT direction FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.id = ANY ($1)', [tickets.map((t) => t.id)]);
      expect(messages.map((m) => m.direction).sort()).toEqual(['inbound', 'outbound']);
    } finally {
      await db.end();
    }
  });
});
