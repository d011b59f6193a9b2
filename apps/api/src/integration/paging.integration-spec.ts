import type { BoardAgent, CalibrationSessionSummary, ErrorResponse, Page, QueueStats, SamplingPolicyView, ScorecardSummary, StaffAccountView, TeamView, TicketSummary } from '@switchboard/shared-contracts';
import type { Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld } from '../testing/routing-world';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

/** List APIs answer a page at a time (at most 100), in a stable order, each item once. */
describe('paged lists', () => {
  let t: TestApp;
  let world: RoutingWorld;
  const sockets: Socket[] = [];
  let lead: string;
  let teamId: string;
  const ticketIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    world = await createRoutingWorld('paging');
    const node = nodeClient(t.url, sockets);
    const agents = [await world.agent('Bea Paged'), await world.agent('Al Paged'), await world.agent('Cy Paged')];
    [{ id: teamId }] = await ownerQuery<{ id: string }>(`INSERT INTO teams (name, time_zone) VALUES ($1, 'UTC') RETURNING id`, [`Paging ${world.clientId}`]);
    await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) SELECT $1, unnest($2::uuid[]), 'member'`, [teamId, agents.map((a) => a.id)]);
    await ownerQuery(`INSERT INTO team_members (team_id, user_id, membership) VALUES ($1, $2, 'lead')`, [teamId, world.lead.id]);
    lead = await node.signIn(world.lead);
    for (const words of ['Where is my parcel', 'I need an invoice copy', 'My card was charged twice', 'Change my address please', 'Cancel my order']) {
      ticketIds.push((await node.chat(world.widgetKey, `${words}, thanks`)).ticketId);
    }
  });
  afterAll(async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await ownerQuery('DELETE FROM teams WHERE id = $1', [teamId]);
    await world.closeAll();
    await t.close();
    await destroyRoutingWorlds();
  });

  async function pages<T>(path: string, token = lead): Promise<T[][]> {
    const seen: T[][] = [];
    let after: string | null = null;
    do {
      const page: { status: number; body: Page<T> } = await http<Page<T>>(t.url, 'GET', after ? `${path}&after=${after}` : path, { token });
      expect(page.status).toBe(200);
      seen.push(page.body.items);
      after = page.body.nextCursor;
    } while (after);
    return seen;
  }

  it('pages the open tickets oldest first, each once', async () => {
    const seen = await pages<TicketSummary>('/api/tickets?limit=2');
    expect(seen.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(seen.flat().map((ticket) => ticket.id)).toEqual(ticketIds);
    const whole = await http<Page<TicketSummary>>(t.url, 'GET', '/api/tickets', { token: lead });
    expect(whole.body).toEqual({ items: seen.flat(), nextCursor: null });
  });

  it('pages the board by team and name', async () => {
    const seen = await pages<BoardAgent>('/api/presence/board?limit=2');
    expect(seen.map((page) => page.map((agent) => agent.displayName))).toEqual([['Al Paged', 'Bea Paged'], ['Cy Paged']]);
  });

  it('pages queue numbers, scorecards, sampling policies and calibration sessions of a client, each once and in order', async () => {
    const client = world.clientId;
    await ownerQuery(`INSERT INTO queues (client_id, name, channels) SELECT $1, unnest($2::text[]), '{chat}'`, [client, ['Paging Charlie', 'Paging Alpha', 'Paging Bravo']]);
    const cards = await ownerQuery<{ id: string }>(
      `INSERT INTO scorecards (client_id, name, active) VALUES ($1, 'Zulu (active)', true), ($1, 'Bravo card', false), ($1, 'Alpha card', false), ($1, 'Alpha card', false) RETURNING id`,
      [client],
    );
    const [version] = await ownerQuery<{ id: string }>(`INSERT INTO scorecard_versions (scorecard_id, client_id, version, definition) VALUES ($1, $2, 1, '{}') RETURNING id`, [cards[0].id, client]);
    await ownerQuery(`INSERT INTO sampling_policies (client_id, name, period, policy) SELECT $1, unnest($2::text[]), 'week', '{"quota": {"kind": "count", "value": 1}}'`, [client, ['Weekly C', 'Weekly A', 'Weekly B']]);
    // Three sessions made in one transaction share created_at: the id keeps their order stable.
    await ownerQuery(`INSERT INTO calibration_sessions (client_id, title, scorecard_version_id, created_at) SELECT $1, unnest($2::text[]), $3, '2026-01-05T10:00:00Z'`, [client, ['Same time 1', 'Same time 2', 'Same time 3'], version.id]);
    await ownerQuery(`INSERT INTO calibration_sessions (client_id, title, scorecard_version_id, created_at) VALUES ($1, 'Newest', $2, '2026-02-01T10:00:00Z'), ($1, 'Oldest', $2, '2025-12-01T10:00:00Z')`, [client, version.id]);

    const stats = await pages<QueueStats>('/api/queues/stats?limit=2');
    expect(stats.every((page) => page.length <= 2)).toBe(true);
    const queueNames = stats.flat().map((q) => q.name);
    expect(new Set(stats.flat().map((q) => q.queueId)).size).toBe(queueNames.length);
    expect(queueNames.filter((name) => name.startsWith('Paging'))).toEqual(['Paging Alpha', 'Paging Bravo', 'Paging Charlie']);
    expect((await http<Page<QueueStats>>(t.url, 'GET', '/api/queues/stats', { token: lead })).body).toEqual({ items: expect.any(Array), nextCursor: null });

    const scorecards = await pages<ScorecardSummary>(`/api/clients/${client}/scorecards?limit=3`);
    expect(scorecards.map((page) => page.length)).toEqual([3, 1]);
    expect(scorecards.flat().map((c) => c.name)).toEqual(['Zulu (active)', 'Alpha card', 'Alpha card', 'Bravo card']);
    expect(new Set(scorecards.flat().map((c) => c.id)).size).toBe(4);

    const policies = await pages<SamplingPolicyView>(`/api/clients/${client}/sampling-policies?limit=2`);
    expect(policies.map((page) => page.map((p) => p.name))).toEqual([['Weekly A', 'Weekly B'], ['Weekly C']]);

    const sessions = await pages<CalibrationSessionSummary>(`/api/clients/${client}/calibration-sessions?limit=2`);
    const titles = sessions.flat().map((s) => s.title);
    expect(titles[0]).toBe('Newest');
    expect(titles[titles.length - 1]).toBe('Oldest');
    expect(titles.slice(1, 4).sort()).toEqual(['Same time 1', 'Same time 2', 'Same time 3']);
    expect(new Set(sessions.flat().map((s) => s.id)).size).toBe(5);

    // Another client's lists stay closed to this lead, paged or not.
    const [other] = await ownerQuery<{ id: string }>(`SELECT id FROM clients WHERE slug = 'northwind'`);
    for (const list of ['scorecards', 'sampling-policies', 'calibration-sessions']) expect((await http(t.url, 'GET', `/api/clients/${other.id}/${list}?limit=1`, { token: lead })).status).toBe(404);
  });

  it('pages teams (leads, admins) and lead and admin accounts (admins)', async () => {
    const admin = (await login(t.url, 'admin@switchboard.demo')).accessToken;
    const teams = await pages<TeamView>('/api/teams?limit=1');
    expect(teams.every((page) => page.length === 1)).toBe(true);
    const names = teams.flat().map((team) => team.name);
    expect(new Set(teams.flat().map((team) => team.id)).size).toBe(names.length);
    expect(names).toContain(`Paging ${world.clientId}`);
    const accounts = await pages<StaffAccountView>('/api/accounts?limit=2', admin);
    expect(accounts.every((page) => page.length <= 2)).toBe(true);
    expect(new Set(accounts.flat().map((a) => a.id)).size).toBe(accounts.flat().length);
    expect(accounts.flat().map((a) => a.displayName)).toContain('Lena Lead');
  });

  it('refuses a bad size or a cursor it did not make for that list', async () => {
    const boardPage = await http<Page<BoardAgent>>(t.url, 'GET', '/api/presence/board?limit=1', { token: lead });
    const ticketPage = await http<Page<TicketSummary>>(t.url, 'GET', '/api/tickets?limit=1', { token: lead });
    const refusals: [string, string][] = [
      ['/api/tickets?limit=0', 'limit'],
      ['/api/tickets?limit=101', 'limit'],
      ['/api/tickets?limit=abc', 'limit'],
      ["/api/tickets?after=' OR 1=1 --", 'after'],
      [`/api/tickets?after=${boardPage.body.nextCursor}`, 'after'],
      [`/api/presence/board?after=${ticketPage.body.nextCursor}`, 'after'],
      ['/api/presence/board?limit=500', 'limit'],
      ['/api/queues/stats?limit=101', 'limit'],
      [`/api/queues/stats?after=${ticketPage.body.nextCursor}`, 'after'],
      [`/api/clients/${world.clientId}/scorecards?limit=0`, 'limit'],
      [`/api/clients/${world.clientId}/scorecards?after=${boardPage.body.nextCursor}`, 'after'],
      [`/api/clients/${world.clientId}/sampling-policies?after=nonsense`, 'after'],
      [`/api/clients/${world.clientId}/calibration-sessions?limit=1000`, 'limit'],
      [`/api/teams?after=${ticketPage.body.nextCursor}`, 'after'],
    ];
    for (const [path, field] of refusals) {
      const refused = await http<ErrorResponse>(t.url, 'GET', path, { token: lead });
      expect([path, refused.status, refused.body.error.fields?.[0].field]).toEqual([path, 400, field]);
    }
  });
});
