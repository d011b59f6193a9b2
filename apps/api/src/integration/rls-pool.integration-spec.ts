import { TenantDatabase } from '@switchboard/api-database';
import type { TenantScope } from '@switchboard/api-platform';
import { Client } from 'pg';
import { populatedWorld, type PopulatedWorld } from '../testing/attack-world';
import { destroyRoutingWorlds } from '../testing/routing-world';
import { ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(600_000);

/** Client-owned tables read by every transaction of the interleaving run. */
const TABLES = ['clients', 'tickets', 'messages', 'contacts', 'attachments', 'offers', 'queues', 'evaluations', 'canned_responses', 'disposition_codes', 'playbooks', 'inboxes', 'staff_clients'];
const TRANSACTIONS = 10_000;
const CONCURRENCY = 24;

/**
 * Row-level security under a small pool: connections are reused by the two clients all the time,
 * so a tenant setting that outlived its transaction, or a scope mixed up between interleaved
 * transactions, would show up as a row of the other client.
 */
describe('row-level security under a shared pool', () => {
  let t: TestApp;
  let a: PopulatedWorld;
  let b: PopulatedWorld;
  let db: TenantDatabase;

  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '3' });
    a = await populatedWorld('pool-a');
    b = await populatedWorld('pool-b');
    db = t.app.get(TenantDatabase);
  });
  afterAll(async () => {
    await destroyRoutingWorlds();
    await t.close();
  });

  const scopeOf = (w: PopulatedWorld, i: number): TenantScope => ({ role: (['agent', 'team_lead', 'client_viewer'] as const)[i % 3], clientIds: [w.ids.client] });

  it(`${TRANSACTIONS} interleaved transactions of two clients over 3 connections see only their own rows, and write only their own`, async () => {
    let leaked = 0;
    let foreignWrites = 0;
    let refusedWrites = 0;
    let rolledBack = 0;
    let rowsSeen = 0;
    const backends = new Set<number>();
    let next = 0;

    async function one(i: number): Promise<void> {
      const own = i % 2 === 0 ? a : b;
      const other = own === a ? b : a;
      const scope = scopeOf(own, i);
      const work = db.run(scope, async (m) => {
        const [{ pid }] = await m.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
        backends.add(pid);
        // Read a different table each time, and every so often all of them at once.
        const tables = i % 50 === 0 ? TABLES : [TABLES[i % TABLES.length]];
        for (const table of tables) {
          const column = table === 'clients' ? 'id' : 'client_id';
          const rows = await m.query<{ c: string }[]>(`SELECT ${column}::text AS c FROM ${table}`);
          rowsSeen += rows.length;
          leaked += rows.filter((r) => r.c !== own.ids.client).length;
        }
        // Ask for the other client's rows by id: nothing comes back.
        const [{ n }] = await m.query<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets WHERE id = $1 OR client_id = $2', [other.ids.ticket, other.ids.client]);
        leaked += n;
        if (i % 10 === 3) {
          // A write into the other client is refused by the policies; the transaction is abandoned.
          await m.query(`INSERT INTO canned_responses (client_id, shortcut, title, body) VALUES ($1, $2, 'x', 'x')`, [other.ids.client, `p${i}`]);
          foreignWrites += 1;
        }
        if (i % 10 === 7) {
          // An update aimed at the other client's row touches nothing.
          const [, count] = await m.query(`UPDATE tickets SET subject = 'pwned' WHERE id = $1`, [other.ids.ticket]);
          foreignWrites += count as number;
        }
        if (i % 10 === 9) throw new Error('rolled back on purpose');
      });
      try {
        await work;
      } catch (error) {
        const message = (error as Error).message;
        if (/row-level security|permission denied/.test(message)) refusedWrites += 1;
        else if (message === 'rolled back on purpose') rolledBack += 1;
        else throw error;
      }
    }

    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TRANSACTIONS) await one(next++);
      }),
    );
    console.log(`RLS under a pool: ${TRANSACTIONS} transactions over ${backends.size} connections, ${rowsSeen} rows read, ${leaked} leaked, ${refusedWrites} foreign inserts refused, ${foreignWrites} foreign rows written, ${rolledBack} rolled back on purpose`);
    expect(backends.size).toBeGreaterThan(1);
    expect(rowsSeen).toBeGreaterThan(TRANSACTIONS);
    expect({ leaked, foreignWrites }).toEqual({ leaked: 0, foreignWrites: 0 });
    expect(refusedWrites).toBe(TRANSACTIONS / 10);
    expect(rolledBack).toBe(TRANSACTIONS / 10);
    const [{ subjects }] = await ownerQuery<{ subjects: number }>(`SELECT count(*)::int AS subjects FROM tickets WHERE subject = 'pwned'`);
    expect(subjects).toBe(0);
  });

  it('a tenant setting smuggled in at session level does not reach the next borrower of the connection', async () => {
    // Work of client A leaves B's id behind on its connection at session level (is_local = false).
    for (let i = 0; i < 6; i++) {
      await db.run(scopeOf(a, 0), (m) => m.query(`SELECT set_config('app.client_ids', $1, false), set_config('app.role', 'system', false)`, [b.ids.client]));
    }
    // Statements outside any scope (the sign-in path) and other clients' transactions then see nothing of B.
    for (let i = 0; i < 30; i++) {
      const unscoped = await db.queryUnscoped<{ n: number }[]>('SELECT count(*)::int AS n FROM tickets', []);
      expect(unscoped[0].n).toBe(0);
      const scoped = await db.run(scopeOf(a, 0), (m) => m.query<{ c: string }[]>('SELECT DISTINCT client_id::text AS c FROM tickets'));
      expect(scoped).toEqual([{ c: a.ids.client }]);
    }
  });

  describe('the application role cannot step around row-level security', () => {
    let app: Client;
    beforeAll(async () => {
      const url = new URL(process.env['TEST_DATABASE_URL'] as string);
      const owner = url.username;
      url.username = t.config.database.appRole;
      url.password = t.config.database.appPassword;
      app = new Client({ connectionString: url.toString() });
      await app.connect();
      ownerName = owner;
    });
    afterAll(() => app.end());
    let ownerName: string;

    const refusedWith = async (sql: string, pattern: RegExp) => {
      await app.query('BEGIN');
      try {
        await expect(app.query(sql)).rejects.toThrow(pattern);
      } finally {
        await app.query('ROLLBACK');
      }
    };

    it.each([
      ['SET ROLE to the owner', () => `SET ROLE "${ownerName}"`, /permission denied|must be member/],
      ['SET ROLE postgres', () => 'SET ROLE postgres', /permission denied|must be member/],
      ['SET SESSION AUTHORIZATION', () => `SET SESSION AUTHORIZATION "${ownerName}"`, /permission denied/],
      ['row_security = off', () => 'SET row_security = off; SELECT * FROM tickets', /row-level security/],
      ['disable RLS on a table', () => 'ALTER TABLE tickets DISABLE ROW LEVEL SECURITY', /must be owner/],
      ['drop a policy', () => 'DROP POLICY IF EXISTS tickets_tenant ON tickets', /must be owner/],
      ['add a permissive policy', () => 'CREATE POLICY open_all ON tickets USING (true)', /must be owner/],
      ['grant itself BYPASSRLS', () => 'ALTER ROLE CURRENT_USER BYPASSRLS', /permission denied|must be superuser/],
      ['create a table or function in public (a definer-rights trap)', () => 'CREATE FUNCTION public.sneak() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', /permission denied/],
      ['read server files', () => `SELECT pg_read_file('PG_VERSION')`, /permission denied/],
      ['run a program through COPY', () => `COPY (SELECT 1) TO PROGRAM 'true'`, /permission denied|must be superuser|pg_execute_server_program/],
      ['change the tenant functions', () => `CREATE OR REPLACE FUNCTION app_sees_client(client uuid) RETURNS boolean LANGUAGE sql AS $$ SELECT true $$`, /must be owner|permission denied/],
    ])('%s is refused', async (_name, sql, pattern) => {
      await refusedWith(sql(), pattern);
    });

    it('is neither superuser nor BYPASSRLS, owns no table, and every client table forces its policies on the owner too or has them', async () => {
      const [role] = (await app.query(`SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user`)).rows;
      expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
      const withoutRls = await ownerQuery<{ relname: string }>(
        `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN information_schema.columns i ON i.table_schema = n.nspname AND i.table_name = c.relname AND i.column_name = 'client_id'
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relrowsecurity`,
      );
      expect(withoutRls).toEqual([]);
      // Without a tenant, a raw connection of the application role reads no client row at all.
      const { rows } = await app.query('SELECT count(*)::int AS n FROM tickets');
      expect(rows[0].n).toBe(0);
    });
  });
});
