import type { ErrorResponse, KpiReportResponse, MonthlyStatement, SlaContract, TicketFact } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { REBUILD_ROLLUPS } from '../database/migrations/1765820000200-rollup-attainment';
import { contractVersion } from '../testing/contract-version';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * SLA attainment (issue 7, KPIS.md "tickets meeting a target / tickets with that target"): intake stamps
 * the queue's first-response, resolution and next-response targets on the ticket's `queued` event; the
 * projection reads them, and the report the portal reads counts a ticket answered late as missed and
 * one answered in time as met — as does a contract term measured on it.
 *
 * Two chats through the widget and the desk: A lands in a queue with 1-second targets and is answered,
 * followed up and resolved after them (the test waits past them: lateness, never a timed assertion);
 * B in a queue with targets of 10–15 minutes, treated the same way, well inside them. Attainment counts a
 * target by its due time, so the reports read today and tomorrow (B's targets may fall after midnight);
 * the statement reads this month (run within 15 minutes of a month's end, B's would fall in the next).
 */
describe('SLA attainment', () => {
  let t: TestApp;
  let world: RoutingWorld;
  let client: ReturnType<typeof nodeClient>;
  const sockets: Socket[] = [];
  let admin: string;
  let agent: WorldAgent;
  let agentToken: string;
  let viewer: string;
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const ticket: Record<'A' | 'B', string> = { A: '', B: '' };
  const queue: Record<'tight' | 'roomy', string> = { tight: '', roomy: '' };

  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const reply = async (ticketId: string, body: string) => expect((await call('POST', `/api/tickets/${ticketId}/messages`, agentToken, { clientMsgId: randomUUID(), kind: 'reply', body })).status).toBe(201);

  beforeAll(async () => {
    t = await startTestApp();
    client = nodeClient(t.url, sockets);
    world = await createRoutingWorld('sla');
    agent = await world.agent('Sol Agent');
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    agentToken = (await login(t.url, agent.email)).accessToken;
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `viewer.sla.${randomUUID().slice(0, 6)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Vera Viewer', 'client_viewer', $2, $3)`, [email, world.clientId, password_hash]);
    viewer = (await login(t.url, email)).accessToken;

    queue.tight = (await client.queue(admin, world.clientId, { name: 'Tight', channels: ['chat'], slaSeconds: 1, resolutionSeconds: 1, nextResponseSeconds: 1 })).id;
    queue.roomy = (await client.queue(admin, world.clientId, { name: 'Roomy', channels: ['chat'], slaSeconds: 600, resolutionSeconds: 900, nextResponseSeconds: 600 })).id;
    await client.route(admin, world.inboxId, { defaultQueueId: queue.tight });
    const a = await client.chat(world.widgetKey, 'My order never arrived');
    await client.route(admin, world.inboxId, { defaultQueueId: queue.roomy });
    const b = await client.chat(world.widgetKey, 'Can I change my address?');
    ticket.A = a.ticketId;
    ticket.B = b.ticketId;

    // Past A's 1-second first-response target, then both get their first reply.
    await pause(1_200);
    for (const id of [ticket.A, ticket.B]) {
      expect((await call('POST', `/api/tickets/${id}/assign`, agentToken, {})).status).toBe(200);
      await reply(id, 'Let me look into that for you.');
    }
    // A follow-up from each customer; past A's 1-second next-response target, the agent answers both.
    await client.chat(world.widgetKey, 'Any news?', a.visitorToken);
    await client.chat(world.widgetKey, 'Any news?', b.visitorToken);
    await pause(1_200);
    for (const id of [ticket.A, ticket.B]) {
      await reply(id, 'All sorted now.');
      expect((await call('POST', `/api/tickets/${id}/status`, agentToken, { status: 'resolved' })).status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await t.close();
    await destroyRoutingWorlds();
  });

  it('intake stamps the queue’s targets on the queued event; the fact carries them', async () => {
    const events = await ownerQuery<{ ticket_id: string; data: Record<string, unknown> }>(`SELECT ticket_id, data FROM ticket_events WHERE type = 'queued' AND ticket_id = ANY ($1)`, [[ticket.A, ticket.B]]);
    const [a] = await ownerQuery<{ queued_at: Date; sla_due_at: Date }>('SELECT queued_at, sla_due_at FROM tickets WHERE id = $1', [ticket.A]);
    const stamped = events.find((e) => e.ticket_id === ticket.A)?.data;
    // The first-response due time is the inbox clock's own (tickets.sla_due_at), to the millisecond.
    expect(stamped).toMatchObject({ queueId: queue.tight, firstResponseDueAt: a.sla_due_at.toISOString(), nextResponseTargetSeconds: 1 });
    expect(Date.parse(String(stamped?.['resolutionDueAt'])) - a.queued_at.getTime()).toBe(1000);

    await call('GET', `/api/reports/clients/${world.clientId}/kpis?from=${today}&to=${today}`, viewer); // catches the projector up
    const [fact] = await ownerQuery<{ fact: TicketFact }>('SELECT fact FROM ticket_facts WHERE ticket_id = $1', [ticket.B]);
    const [b] = await ownerQuery<{ queued_at: Date; sla_due_at: Date }>('SELECT queued_at, sla_due_at FROM tickets WHERE id = $1', [ticket.B]);
    expect(fact.fact).toMatchObject({ queueId: queue.roomy, firstResponseDueAt: b.sla_due_at.toISOString(), resolutionDueAt: new Date(b.queued_at.getTime() + 900_000).toISOString(), nextResponseTargetSeconds: 600 });
  });

  it('the report the portal reads: A late on every target (missed), B in time (met)', async () => {
    const report = await call<KpiReportResponse>('GET', `/api/reports/clients/${world.clientId}/kpis?from=${today}&to=${tomorrow}`, viewer);
    expect(report.status).toBe(200);
    expect(report.body.total.slaAttainment).toEqual({
      first_response: { value: 50, numerator: 1, denominator: 2 },
      next_response: { value: 50, numerator: 1, denominator: 2 },
      resolution: { value: 50, numerator: 1, denominator: 2 },
    });
    // By queue: all of Tight's targets missed, all of Roomy's met.
    const byQueue = await call<KpiReportResponse>('GET', `/api/reports/clients/${world.clientId}/kpis?from=${today}&to=${tomorrow}&groupBy=queue`, viewer);
    const attainment = (key: string) => byQueue.body.groups.find((g) => g.key === key)?.report.slaAttainment;
    expect(attainment(queue.tight)).toMatchObject({ first_response: { numerator: 0, denominator: 1 }, next_response: { numerator: 0, denominator: 1 }, resolution: { numerator: 0, denominator: 1 } });
    expect(attainment(queue.roomy)).toMatchObject({ first_response: { numerator: 1, denominator: 1 }, next_response: { numerator: 1, denominator: 1 }, resolution: { numerator: 1, denominator: 1 } });
  });

  it('the rollup-backed report counts the same targets as the raw one (total and per queue)', async () => {
    for (const groupBy of ['total', 'queue', 'day']) {
      const query = `/api/reports/clients/${world.clientId}/kpis?from=${today}&to=${tomorrow}&groupBy=${groupBy}`;
      const exact = await call<KpiReportResponse>('GET', `${query}&source=exact`, viewer);
      const rolled = await call<KpiReportResponse>('GET', `${query}&source=rollup`, viewer);
      expect([groupBy, rolled.body.source, rolled.body.total.slaAttainment]).toEqual([groupBy, 'rollup', exact.body.total.slaAttainment]);
      const exactGroups = new Map(exact.body.groups.map((g) => [g.key, g.report.slaAttainment]));
      for (const group of rolled.body.groups) expect([groupBy, group.key, group.report.slaAttainment]).toEqual([groupBy, group.key, exactGroups.get(group.key)]);
    }
    const rolled = await call<KpiReportResponse>('GET', `/api/reports/clients/${world.clientId}/kpis?from=${today}&to=${tomorrow}&source=rollup`, viewer);
    expect(rolled.body.total.slaAttainment.first_response).toEqual({ value: 50, numerator: 1, denominator: 2 });
  });

  it('rollups from before attainment was rolled up are rebuilt by the migration’s backfill, to the same report', async () => {
    const query = `/api/reports/clients/${world.clientId}/kpis?from=${today}&to=${tomorrow}`;
    const before = await call<KpiReportResponse>('GET', `${query}&source=rollup`, viewer);
    // The cells as they were before migration 1765820000200: no attainment counts (every report read 0/0).
    await ownerQuery('UPDATE kpi_rollups SET frt_due = 0, frt_met = 0, nrt_due = 0, nrt_met = 0, resolution_due = 0, resolution_met = 0');
    expect((await call<KpiReportResponse>('GET', `${query}&source=rollup`, viewer)).body.total.slaAttainment.resolution).toEqual({ value: null, numerator: 0, denominator: 0 });
    for (const statement of REBUILD_ROLLUPS) await ownerQuery(statement);
    // The report catches the projector up first: every fact is added to the emptied rollups once, whole.
    const after = await call<KpiReportResponse>('GET', `${query}&source=rollup`, viewer);
    expect(after.body.total).toEqual(before.body.total);
    expect(after.body.total.slaAttainment.resolution).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(await ownerQuery('SELECT ticket_id FROM ticket_facts WHERE client_id = $1 AND NOT in_rollups', [world.clientId])).toEqual([]);
  });

  it('a contract term on first-response attainment measures it on the statement', async () => {
    const version = contractVersion(month, {
      criticalServiceLevels: [{ id: 'frt-att', name: 'First responses on time', kpi: 'frt_attainment', target: 90, minimum: 80, allocationPercent: 100, exclusions: [] }],
      keyMeasurements: [{ id: 'res-att', name: 'Resolutions on time', kpi: 'resolution_attainment', target: 50, minimum: 40, exclusions: [] }],
    });
    expect((await call<SlaContract>('POST', `/api/reports/clients/${world.clientId}/sla-contract/versions`, admin, version)).status).toBe(201);
    const statement = await call<MonthlyStatement>('GET', `/api/reports/clients/${world.clientId}/statements/${month}`, viewer);
    expect(statement.status).toBe(200);
    // 2 handled × 10 € = 20 €; 10 % at risk = 2 €; first responses 50 % on time: below the minimum → the whole pool.
    expect(statement.body.lines.map((l) => [l.termId, l.value, l.attainment, l.creditCents])).toEqual([
      ['frt-att', 50, 'below_minimum', 200],
      ['res-att', 50, 'met', 0],
    ]);
  });
});
