import type { ErrorResponse, MonthlyStatement } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { contractVersion, insertPastContract } from '../testing/contract-version';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld, type WorldAgent } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/**
 * The monthly statement billed per agent hour (issue 7, "billable quantity … per agent hour"): the paid
 * signed-in time of the agents serving the client, from their presence history, with an agent who serves
 * two clients split by the rule of agent-hours.util (work time to the ticket's client, idle time equally).
 *
 * October 2026, client time zone UTC, presence and tickets written at fixed instants:
 *   Ann (serves X only): available 08:00–12:00, lunch 12:00–13:00, training 13:00–13:30, available
 *     13:30–15:00, break 15:00–15:15, offline after             → 4 h + 0.5 h + 1.5 h = 6 h for X
 *   Bo (serves X and Y): available 08:00–10:00, handles Y's call 08:00–09:00 → 1 h for Y, the idle
 *     hour half each                                              → 0.5 h for X
 * X: 6.5 agent hours × 20.00 € = 130.00 €.
 */
describe('statement billed per agent hour', () => {
  let t: TestApp;
  let x: RoutingWorld;
  let y: RoutingWorld;
  let ann: WorldAgent;
  let bo: WorldAgent;
  let viewer: string;
  let admin: string;
  const at = (day: string, time: string) => `2026-10-${day}T${time}Z`;
  const call = <T = unknown>(method: string, path: string, token: string, body?: unknown) => http<T & ErrorResponse>(t.url, method, path, { token, body });

  const VERSION = contractVersion('2026-10', { billing: { unit: 'agent_hour', unitPriceCents: 2000, currency: 'EUR' } });

  async function presence(agent: WorldAgent, stretches: [string, string | null, string, string][]): Promise<void> {
    for (const [state, reason, start, end] of stretches) {
      await ownerQuery('INSERT INTO agent_state_history (user_id, state, reason, started_at, ended_at) VALUES ($1, $2, $3, $4, $5)', [agent.id, state, reason, start, end]);
    }
  }

  async function handledCall(world: RoutingWorld, agent: WorldAgent, from: string, to: string): Promise<void> {
    const [contact] = await ownerQuery<{ id: string }>(`INSERT INTO contacts (client_id, display_name) VALUES ($1, 'Caller') RETURNING id`, [world.clientId]);
    const [ticket] = await ownerQuery<{ id: string }>(`INSERT INTO tickets (client_id, inbox_id, contact_id, channel, status, created_at) VALUES ($1, $2, $3, 'chat', 'resolved', $4) RETURNING id`, [world.clientId, world.inboxId, contact.id, from]);
    for (const [type, instant, data] of [
      ['message_received', from, {}],
      ['queued', from, {}],
      ['accepted', from, { agentId: agent.id }],
      ['reply', from, {}],
      ['resolved', to, {}],
    ] as const) {
      await ownerQuery('INSERT INTO ticket_events (client_id, ticket_id, type, at, data) VALUES ($1, $2, $3, $4, $5)', [world.clientId, ticket.id, type, instant, data]);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    x = await createRoutingWorld('bill-x');
    y = await createRoutingWorld('bill-y');
    ann = await x.agent('Ann Hours');
    bo = await x.agent('Bo Hours');
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [bo.id, y.clientId]);
    admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
    const email = `viewer.bill.${randomUUID().slice(0, 6)}@switchboard.test`;
    await ownerQuery(`INSERT INTO users (email, display_name, role, client_id, password_hash) VALUES ($1, 'Vera Viewer', 'client_viewer', $2, $3)`, [email, x.clientId, password_hash]);
    viewer = (await login(t.url, email)).accessToken;

    await presence(ann, [
      ['available', null, at('05', '08:00:00'), at('05', '12:00:00')],
      ['away', 'lunch', at('05', '12:00:00'), at('05', '13:00:00')],
      ['away', 'training', at('05', '13:00:00'), at('05', '13:30:00')],
      ['available', null, at('05', '13:30:00'), at('05', '15:00:00')],
      ['away', 'break', at('05', '15:00:00'), at('05', '15:15:00')],
      ['offline', null, at('05', '15:15:00'), at('06', '08:00:00')],
    ]);
    await presence(bo, [
      ['available', null, at('05', '08:00:00'), at('05', '10:00:00')],
      ['offline', null, at('05', '10:00:00'), at('06', '08:00:00')],
    ]);
    await handledCall(y, bo, at('05', '08:00:00'), at('05', '09:00:00'));
    // The contract existed before October (a new version may not start in the past).
    await insertPastContract(x.clientId, VERSION);
    // Y's ticket projected (a report of Y catches its facts up).
    expect((await call('GET', `/api/reports/clients/${y.clientId}/kpis?from=2026-10-05&to=2026-10-05`, admin)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await destroyRoutingWorlds();
  });

  it('bills the paid signed-in hours of the agents serving the client, an agent of two clients split by the work', async () => {
    const statement = await call<MonthlyStatement>('GET', `/api/reports/clients/${x.clientId}/statements/2026-10`, viewer);
    expect(statement.status).toBe(200);
    expect(statement.body).toMatchObject({ month: '2026-10', billingUnit: 'agent_hour', billableQuantity: 6.5, unitPriceCents: 2000, invoiceCents: 13_000, atRiskCents: 1_300 });
    // The client user reads the total, never the agents' presence itself.
    expect(JSON.stringify(statement.body)).not.toContain(ann.id);
  });
});
