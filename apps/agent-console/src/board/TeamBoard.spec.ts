import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  agentLoadFixture,
  apiFailure,
  boardAgentFixture,
  mockListTickets,
  mockSendWhisper,
  mockSetAgentState,
  ticketSummaryFixture,
  clientRefFixture,
  endSession,
  installApiMock,
  mockGetPresenceBoard,
  mockGetQueueStats,
  mockGetAgentLoads,
  type ApiMock,
} from '@switchboard/web-data-access';
import { ErrorCode } from '@switchboard/shared-contracts';
import { renderComponent, within } from '@switchboard/web-ui';
import { useQueueStore } from '../queue/queue.store';
import TeamBoard from './TeamBoard.vue';
import { useBoardStore } from './board.store';

const northwind = clientRefFixture();
const globex = clientRefFixture({ id: 'client-globex', slug: 'globex', name: 'Globex Retail', brandColor: '#e11d48' });
const clientsById = new Map([northwind, globex].map((client) => [client.id, client]));

describe('TeamBoard', () => {
  let api: ApiMock;

  beforeEach(() => {
    api = installApiMock(
      mockGetQueueStats([]),
      mockGetAgentLoads(['a1', 'a2'], [agentLoadFixture({ userId: 'a1', tickets: { chat: 2, email: 1, voice: 0, social: 0 }, occupancy: 0.8667, offers: 1 })]),
      mockListTickets([
        ticketSummaryFixture({ id: 't-1', reference: 'SB-1001', clientId: 'client-globex', status: 'assigned', assigneeId: 'a1', contactName: 'Dana Whitfield' }),
        ticketSummaryFixture({ id: 't-2', reference: 'SB-1002', clientId: 'client-northwind', status: 'queued', assigneeId: null }),
      ]),
      mockGetPresenceBoard([
        boardAgentFixture({ userId: 'a1', displayName: 'Asha Perera', state: 'available', clientIds: ['client-northwind', 'client-globex'] }),
        boardAgentFixture({ userId: 'a2', displayName: 'Bruno Silva', email: 'agent2@switchboard.demo', state: 'offline', connected: false }),
      ]),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  async function renderBoard() {
    const empty = { render: () => null };
    const view = await renderComponent(TeamBoard, { props: { clientsById }, routes: [{ path: '/', component: empty }, { path: '/tickets/:ticketId', name: 'ticket', component: empty }] });
    await Promise.all([useBoardStore().load(), useQueueStore().load()]);
    await view.settle();
    return view;
  }

  it('lists each agent with state, clients and connection', async () => {
    const view = await renderBoard();

    const asha = within(view.getByRole('row', { name: /Asha Perera/ }));
    expect(asha.getByText('available')).toBeTruthy();
    expect(asha.getByText('Northwind Traders')).toBeTruthy();
    expect(asha.getByText('Globex Retail')).toBeTruthy();

    const bruno = within(view.getByRole('row', { name: /Bruno Silva/ }));
    expect(bruno.getByText('offline')).toBeTruthy();
  });

  it('updates a row in place when a status event is applied', async () => {
    const view = await renderBoard();

    useBoardStore().applyStatus({ userId: 'a2', state: 'away', reason: 'lunch', since: new Date().toISOString(), connected: true, teamIds: ['team-colombo'], setBy: null });
    await view.settle();

    const bruno = within(view.getByRole('row', { name: /Bruno Silva/ }));
    expect(bruno.getByText('away')).toBeTruthy();
    expect(bruno.getByText('Lunch')).toBeTruthy();
    expect(bruno.queryByText('offline')).toBeNull();
    expect(api.callsTo('GET', '/api/presence/board')).toHaveLength(1);
  });

  it('ignores events older than what the row shows', async () => {
    const view = await renderBoard();

    useBoardStore().applyStatus({ userId: 'a1', state: 'offline', reason: null, since: '2000-01-01T00:00:00.000Z', connected: true, teamIds: [], setBy: null });
    await view.settle();

    expect(within(view.getByRole('row', { name: /Asha Perera/ })).getByText('available')).toBeTruthy();
  });

  it('shows what each agent holds: capacity in use, tickets by channel, open offers, and links to their tickets', async () => {
    const view = await renderBoard();

    const asha = within(view.getByRole('row', { name: /Asha Perera/ }));
    expect(asha.getByRole('meter', { name: "Asha Perera's capacity in use" }).getAttribute('aria-valuenow')).toBe('87');
    expect(asha.getByText('87 % · 2 chats · 1 email · 1 offer')).toBeTruthy();
    expect(asha.getByRole('link', { name: 'SB-1001' }).getAttribute('href')).toBe('/tickets/t-1');
    // The queued ticket is nobody's.
    expect(view.queryByRole('link', { name: 'SB-1002' })).toBeNull();

    useBoardStore().applyLoad(agentLoadFixture({ userId: 'a2', tickets: { chat: 0, email: 0, voice: 1, social: 0 }, occupancy: 1 }));
    await view.settle();
    expect(within(view.getByRole('row', { name: /Bruno Silva/ })).getByText('100 % · 1 call')).toBeTruthy();
  });

  it('sets an agent away for a reason from their row', async () => {
    api.use(mockSetAgentState('a1'));
    const view = await renderBoard();

    await view.click(view.getByRole('button', { name: 'Set state of Asha Perera' }));
    const dialog = within(view.getByRole('dialog', { name: "Set Asha Perera's state" }));
    expect(dialog.getByRole('button', { name: 'Available' }).getAttribute('aria-pressed')).toBe('true');
    await view.click(dialog.getByRole('button', { name: 'Away · Meeting' }));

    expect(api.callsTo('PUT', '/api/presence/agents/a1')[0].body).toEqual({ state: 'away', reason: 'meeting' });
  });

  it('keeps the dialog open with the reason when the server refuses', async () => {
    api.use(mockSetAgentState('a1', apiFailure(404, ErrorCode.NotFound, 'Agent was not found.')));
    const view = await renderBoard();

    await view.click(view.getByRole('button', { name: 'Set state of Asha Perera' }));
    await view.click(within(view.getByRole('dialog')).getByRole('button', { name: 'Offline' }));
    expect(within(view.getByRole('dialog')).getByText('Agent was not found.')).toBeTruthy();
  });

  it('whispers to an agent about one of their tickets', async () => {
    api.use(mockSendWhisper('a1'));
    const view = await renderBoard();

    await view.click(view.getByRole('button', { name: 'Whisper to Asha Perera' }));
    const dialog = within(view.getByRole('dialog', { name: 'Whisper to Asha Perera' }));
    await view.click(dialog.getByRole('button', { name: 'Send whisper' }));
    expect(dialog.getByText('Write what the agent should read.')).toBeTruthy();
    expect(api.callsTo('POST', '/api/presence/agents/a1/whispers')).toHaveLength(0);

    await view.click(dialog.getByRole('combobox'));
    expect(view.getAllByRole('option').map((option) => option.textContent?.trim())).toEqual(['SB-1001 · Dana Whitfield']);
    view.getByRole('option', { name: 'SB-1001 · Dana Whitfield' }).dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await view.type(dialog.getByLabelText('Note'), 'Offer the replacement, not a refund.');
    await view.click(dialog.getByRole('button', { name: 'Send whisper' }));

    expect(api.callsTo('POST', '/api/presence/agents/a1/whispers')[0].body).toEqual({ body: 'Offer the replacement, not a refund.', ticketId: 't-1' });
    expect(view.getByRole('status').textContent).toBe('Whisper sent to Asha Perera.');
  });

  it('keeps only the rows in view in the page when the board is long (2,000 agents would be 2,000 rows)', async () => {
    const many = Array.from({ length: 300 }, (_, i) => boardAgentFixture({ userId: `x${i}`, displayName: `Agent ${String(i).padStart(3, '0')}`, email: `x${i}@switchboard.demo` }));
    api.use(mockGetPresenceBoard(many), mockGetAgentLoads(many.map((agent) => agent.userId), []));
    const view = await renderBoard();
    expect(useBoardStore().agents).toHaveLength(300);
    // jsdom lays nothing out, so the scroller has no rows in view here; in a browser it renders those in its 70vh box.
    expect(view.container.querySelector('.p-virtualscroller')).not.toBeNull();
    expect(view.getAllByRole('row').filter((row) => /Agent \d{3}/.test(row.textContent ?? '')).length).toBeLessThan(60);
  });
});
