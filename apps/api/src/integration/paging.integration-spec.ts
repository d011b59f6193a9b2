import type { BoardAgent, ErrorResponse, Page, TicketSummary } from '@switchboard/shared-contracts';
import type { Socket } from 'socket.io-client';
import { createRoutingWorld, destroyRoutingWorlds, nodeClient, type RoutingWorld } from '../testing/routing-world';
import { http, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

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

  async function pages<T>(path: string): Promise<T[][]> {
    const seen: T[][] = [];
    let after: string | null = null;
    do {
      const page: { status: number; body: Page<T> } = await http<Page<T>>(t.url, 'GET', after ? `${path}&after=${after}` : path, { token: lead });
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
    ];
    for (const [path, field] of refusals) {
      const refused = await http<ErrorResponse>(t.url, 'GET', path, { token: lead });
      expect([path, refused.status, refused.body.error.fields?.[0].field]).toEqual([path, 400, field]);
    }
  });
});
