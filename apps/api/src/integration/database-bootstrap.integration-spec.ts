import { prepareDatabase } from '@switchboard/api-database';
import { createRootLogger } from '@switchboard/api-platform';
import { Client } from 'pg';
import { MIGRATIONS } from '../database/data-source';
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
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(11);
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
    } finally {
      await db.end();
    }
  });
});
