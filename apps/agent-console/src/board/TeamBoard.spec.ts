import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  boardAgentFixture,
  clientRefFixture,
  endSession,
  installApiMock,
  mockGetPresenceBoard,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import TeamBoard from './TeamBoard.vue';
import { useBoardStore } from './board.store';

const northwind = clientRefFixture();
const globex = clientRefFixture({ id: 'client-globex', slug: 'globex', name: 'Globex Retail', brandColor: '#e11d48' });
const clientsById = new Map([northwind, globex].map((client) => [client.id, client]));

describe('TeamBoard', () => {
  let api: ApiMock;

  beforeEach(() => {
    api = installApiMock(
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
    const view = await renderComponent(TeamBoard, { props: { clientsById } });
    await useBoardStore().load();
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

    useBoardStore().applyStatus({ userId: 'a2', state: 'away', reason: 'lunch', since: new Date().toISOString(), connected: true, teamIds: ['team-colombo'] });
    await view.settle();

    const bruno = within(view.getByRole('row', { name: /Bruno Silva/ }));
    expect(bruno.getByText('away')).toBeTruthy();
    expect(bruno.getByText('Lunch')).toBeTruthy();
    expect(bruno.queryByText('offline')).toBeNull();
    expect(api.callsTo('GET', '/api/presence/board')).toHaveLength(1);
  });

  it('ignores events older than what the row shows', async () => {
    const view = await renderBoard();

    useBoardStore().applyStatus({ userId: 'a1', state: 'offline', reason: null, since: '2000-01-01T00:00:00.000Z', connected: true, teamIds: [] });
    await view.settle();

    expect(within(view.getByRole('row', { name: /Asha Perera/ })).getByText('available')).toBeTruthy();
  });
});
