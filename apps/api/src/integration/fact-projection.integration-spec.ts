import { SYSTEM_SCOPE } from '@switchboard/api-platform';
import { TenantDatabase } from '@switchboard/api-database';
import { factsFromLog, TicketFactProjector } from '@switchboard/api-reporting';
import type { ErrorResponse, KpiReportResponse, TicketFact } from '@switchboard/shared-contracts';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * The projector never holds an event write up and never loses an event (migration 1765820000400,
 * `TicketFactProjector`): events are written from many connections at once, one or several tickets per
 * statement, while two API nodes run their background passes and the test runs more small passes on
 * both; after quiescence every stored fact is the raw recomputation from the log and the rollups agree
 * with the exact report.
 */
describe('fact projection under concurrent event writes on two nodes', () => {
  let a: TestApp;
  let b: TestApp;
  let world: RoutingWorld;
  let admin: string;
  const tickets: string[] = [];

  const TICKETS = 40;
  const WRITERS = 6;
  const at = (minute: number, second: number) => new Date(Date.UTC(2026, 10, 20, 8, minute, second)).toISOString();

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp({ NODE_ID: 'proj-a' }), startTestApp({ NODE_ID: 'proj-b' })]);
    world = await createRoutingWorld('proj');
    admin = (await login(a.url, 'admin@switchboard.demo')).accessToken;
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await destroyRoutingWorlds();
  });

  it('every fact equals the raw recomputation and the rollups the exact report, with no mark left', async () => {
    const agent = await world.agent('Pia Projection');
    const [queue] = await ownerQuery<{ id: string }>(`INSERT INTO queues (client_id, name, channels) VALUES ($1, 'Spec projection', '{chat}') RETURNING id`, [world.clientId]);
    // Five contacts over 40 tickets: repeat contacts, so passes also mark other tickets for a recheck.
    const contacts: string[] = [];
    for (let i = 0; i < 5; i++) contacts.push((await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, $2) RETURNING id`, [world.clientId, `Proj ${i}`]))[0].id);
    const scripts = new Map<string, [string, string, Record<string, unknown>][]>();
    for (let i = 0; i < TICKETS; i++) {
      const [ticket] = await ownerQuery<{ id: string }>(
        `INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, subject, queue_id, created_at) VALUES ($1, $2, $3, 'chat', 'assigned', $4, $5, $6) RETURNING id`,
        [world.clientId, world.inboxId, contacts[i % contacts.length], `Proj ${i}`, queue.id, at(i, 0)],
      );
      tickets.push(ticket.id);
      scripts.set(ticket.id, [
        ['message_received', at(i, 0), {}],
        ['queued', at(i, 0), { queueId: queue.id }],
        ['accepted', at(i, 5 + (i % 40)), { agentId: agent.id }],
        ['note', at(i, 50), {}],
        ['reply', at(i + 1, 0), {}],
        ['message_received', at(i + 2, 0), {}],
        ['reply', at(i + 3, 0), {}],
        ['resolved', at(i + 5, 0), {}],
        ['csat_requested', at(i + 5, 0), {}],
        ['csat', at(i + 6, 0), { score: 1 + (i % 5) }],
      ]);
    }
    const written = await ownerQuery<{ n: number }>('SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = ANY ($1)', [tickets]);
    expect(written[0].n).toBe(0);

    const nodes = [a, b].map((app) => ({ tenants: app.app.get(TenantDatabase), projector: app.app.get(TicketFactProjector) }));
    let writing = true;
    let statements = 0;
    let projected = 0;
    // Each writer takes the next event of 1–3 tickets and appends them in one statement, through the
    // application's pool of one node or the other (several connections at once).
    const writer = async (w: number) => {
      for (let round = 0; ; round++) {
        const open = tickets.filter((id) => (scripts.get(id)?.length ?? 0) > 0);
        if (open.length === 0) return;
        const picked = [...new Set([0, 1, 2].slice(0, 1 + ((w + round) % 3)).map((k) => open[(w * 7 + round * 3 + k * 11) % open.length]))];
        const rows = picked.map((id) => {
          const [type, instant, data] = scripts.get(id)?.shift() ?? ['note', at(0, 0), {}];
          return { ticket_id: id, type, at: instant, data };
        });
        await nodes[(w + round) % 2].tenants.run(SYSTEM_SCOPE, (m) =>
          m.query(
            `INSERT INTO ticket_events (client_id, ticket_id, type, at, data) SELECT $1, r.ticket_id, r.type, r.at, r.data FROM jsonb_to_recordset($2) AS r(ticket_id uuid, type text, at timestamptz, data jsonb)`,
            [world.clientId, JSON.stringify(rows)],
          ),
        );
        statements++;
      }
    };
    // Small passes on both nodes all the time, beside the nodes' own 250 ms background passes.
    const projectorLoop = async (p: number) => {
      while (writing) projected += await nodes[p % 2].projector.pass(p % 3 === 0 ? world.clientId : undefined, 1 + (p % 4));
    };
    const loops = [0, 1, 2, 3].map(projectorLoop);
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    writing = false;
    await Promise.all(loops);
    expect(statements).toBeGreaterThan(TICKETS);
    expect(projected).toBeGreaterThan(0);

    await nodes[1].projector.catchUp(world.clientId, 10_000);
    const left = await ownerQuery('SELECT ticket_id FROM ticket_fact_pending WHERE client_id = $1 UNION ALL SELECT ticket_id FROM ticket_fact_recheck WHERE client_id = $1', [world.clientId]);
    expect(left).toEqual([]);

    const raw = await nodes[0].tenants.run(SYSTEM_SCOPE, (m) => factsFromLog(m, tickets));
    const stored = await ownerQuery<{ ticket_id: string; fact: TicketFact; projected_events: number }>('SELECT ticket_id, fact, projected_events FROM ticket_facts WHERE ticket_id = ANY ($1)', [tickets]);
    expect(stored).toHaveLength(TICKETS);
    for (const row of stored) {
      expect([row.ticket_id, row.projected_events]).toEqual([row.ticket_id, 10]);
      expect(row.fact).toEqual(raw.get(row.ticket_id)?.fact);
    }

    const kpis = (query: string) => http<KpiReportResponse & ErrorResponse>(a.url, 'GET', `/api/reports/clients/${world.clientId}/kpis?${query}`, { token: admin });
    const strip = (r: KpiReportResponse['total']) => ({ ...r, backlog: null, aht: { ...r.aht, attributedSeconds: null, attributedAht: null } });
    for (const groupBy of ['total', 'day', 'interval', 'channel', 'queue']) {
      const query = `from=2026-11-19&to=2026-11-21&groupBy=${groupBy}`;
      const exact = await kpis(`${query}&source=exact`);
      const rolled = await kpis(`${query}&source=rollup`);
      expect([groupBy, exact.status, rolled.status, exact.body.source, rolled.body.source]).toEqual([groupBy, 200, 200, 'exact', 'rollup']);
      expect(exact.body.total.offered).toBe(TICKETS);
      expect(strip(rolled.body.total)).toEqual(strip(exact.body.total));
      const exactGroups = new Map(exact.body.groups.map((g) => [g.key, g.report]));
      for (const group of rolled.body.groups) {
        const e = exactGroups.get(group.key);
        expect([groupBy, group.key, e && strip(group.report)]).toEqual([groupBy, group.key, e && strip(e)]);
      }
    }
  });
});
