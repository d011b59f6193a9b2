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
    } finally {
      await db.end();
    }
  });
});
